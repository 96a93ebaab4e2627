"""ReDoS: every regular expression of every shipped rule, and the linter over adversarial posts.

1. Behaviour, every rule: each compiled pattern of every rule (shipped and validated from YAML)
   runs over adversarial text in bounded time.
2. Structure, the health packs: no repeat with an unbounded maximum contains another unbounded
   repeat (the shape behind catastrophic backtracking such as ``(\\w+\\s?)*``).
3. Behaviour, the health packs: every regex runs over long adversarial strings, and the whole
   linter over adversarial posts, under a generous ``signal.alarm`` so that a runaway pattern
   fails the test instead of hanging the suite.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator

import pytest

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files
from plainpost.textmatch.redos import nested_unbounded
from tests.helpers.rules import HEALTH_IDS, HEALTH_RULES, REPO

# --- 1. every rule's patterns, bounded time -------------------------------------------------

EVIL = [
    "a" * 20000,
    "a " * 10000,
    " " * 20000 + "x",
    "-" * 20000,
    "a-" * 10000,
    "ab" * 10000 + "!",
    "« " * 5000 + "Previous",
    "Posted in " + "Injuries, " * 2000,
    "x" * 5000 + ":" + " " * 5000,
    ("Tags: " + "a " * 100 + "\n") * 100,
    "when to " * 3000,
    "\u00a0" * 10000,
    "'" * 10000,
]


def _patterns(rule) -> list[re.Pattern[str]]:
    opts = rule.options
    out = []
    for name in ("regexes", "regex"):
        value = getattr(opts, name, None)
        if isinstance(value, re.Pattern):
            out.append(value)
        elif isinstance(value, list):
            out += [v for v in value if isinstance(v, re.Pattern)]
    return out


RULES = [r for r in load_rule_files([shipped_rules_dir()]) if _patterns(r)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_patterns_run_in_bounded_time(rule):
    for pattern in _patterns(rule):
        for text in EVIL:
            # CPU time of this thread, not the wall clock: a backtracking blow-up is CPU, and
            # a loaded machine (other test workers, CI neighbours) must not fail the test
            start = time.thread_time()
            for _ in pattern.finditer(text):
                pass
            took = time.thread_time() - start
            assert took < 2.0, f"{rule.path}: {pattern.pattern[:80]!r} took {took:.1f}s"


# --- 2 and 3. the health packs --------------------------------------------------------------

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

MAXREPEAT = sre_parse.MAXREPEAT
REPEATS = {
    sre_parse.MAX_REPEAT,
    sre_parse.MIN_REPEAT,
    getattr(sre_parse, "POSSESSIVE_REPEAT", None),
}


def rule_regexes(rule) -> Iterator[re.Pattern[str]]:
    opts = rule.options
    for name in ("regexes", "trigger_regexes"):
        yield from getattr(opts, name, ())
    for name in ("unless_regex", "skip_regex"):
        regex = getattr(opts, name, None)
        if regex is not None:
            yield regex
    for req in getattr(opts, "requires", ()):
        yield from req.regexes


CASES = [
    pytest.param(rule, regex, id=f"{rule.id}-{i}")
    for rule in HEALTH_RULES
    for i, regex in enumerate(rule_regexes(rule))
]

ADVERSARIAL = {
    "spaces": "a " * 25_000,
    "dots": "." * 50_000,
    "one-word": "x" * 50_000,
    "pain": "pain " * 10_000,
    "not": "not " * 10_000 + "skin",
    "running-pain": "running sore " * 4_000,
    "keep-even": "keep " * 10_000 + "even",
    "studies": "studies have have " * 3_000,
    "numbers": "1 in " * 10_000,
    "quotes": "'" * 50_000,
    "dashes": "- " * 25_000,
    "lines": "a\n" * 25_000,
    "ice": "ice " * 10_000,
    "cure": "no " * 10_000 + "cure",
}


# the same test the rule loader applies to user rules at load time
_unbounded_nested = nested_unbounded


@pytest.mark.parametrize(("rule", "regex"), CASES)
def test_no_nested_unbounded_repeat(rule, regex):
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    assert not _unbounded_nested(parsed), f"{rule.path}: nested unbounded repeat in {regex.pattern}"


class Runaway(Exception):
    pass


@pytest.fixture
def alarm():
    def on_alarm(signum, frame):
        raise Runaway

    old = signal.signal(signal.SIGALRM, on_alarm)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(("rule", "regex"), CASES)
def test_regex_finishes_on_adversarial_text(rule, regex, alarm):
    alarm(20)  # seconds for all inputs; a linear pattern needs well under one
    try:
        for text in ADVERSARIAL.values():
            for _ in regex.finditer(text):
                pass
    except Runaway:
        pytest.fail(f"{rule.path}: {regex.pattern[:80]} did not finish")


@pytest.fixture(scope="module")
def health_linter():
    return build_linter(Config(root=REPO), select=sorted(HEALTH_IDS))


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_health_rules_finish_on_adversarial_post(name, health_linter, alarm):
    body = ADVERSARIAL[name]
    post = f"---\ntitle: x\n---\n{body}\n\n- {body[:5000]}\n\n> {body[:5000]}\n"
    alarm(60)
    try:
        health_linter.lint_source(Source.from_text(post, "post.md"))
    except Runaway:
        pytest.fail(f"linting the {name!r} post did not finish")


def test_cases_found():
    assert len(CASES) > 60
