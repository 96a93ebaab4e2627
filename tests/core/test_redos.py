"""Regex rules get ReDoS tests: every compiled pattern of every rule (shipped and validated from
YAML) runs over adversarial text in bounded time."""

from __future__ import annotations

import re
import time

import pytest

from plainpost.rulebook import load_rules, shipped_rules_dir

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


RULES = [r for r in load_rules([shipped_rules_dir()]) if _patterns(r)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_patterns_run_in_bounded_time(rule):
    for pattern in _patterns(rule):
        for text in EVIL:
            start = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            took = time.perf_counter() - start
            assert took < 2.0, f"{rule.path}: {pattern.pattern[:80]!r} took {took:.1f}s"
