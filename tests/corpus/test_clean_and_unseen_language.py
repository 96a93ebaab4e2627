"""Spelling and grammar on whole posts: quiet on clean posts (British and American), and every
planted grammar slip found in posts the rules were not written against."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpost.api import build_linter
from plainpost.document import read_source
from plainpost.findings import Severity

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CLEAN = sorted(
    [
        *(REPO / "content" / "posts").glob("*.md"),
        *(REPO / "tests" / "fixtures" / "unseen" / "clean").glob("*.md"),
        *(REPO / "tests" / "fixtures" / "dialects").glob("clean-*.md"),
    ]
)
BAD = sorted((REPO / "tests" / "fixtures" / "unseen" / "bad").glob("*.md"))


@pytest.fixture(scope="module")
def linter():
    # the repo's config, as `plainpost lint` uses it (content/vocab.txt)
    from plainpost.config import load_config

    return build_linter(load_config(start=REPO), select=("spelling", "grammar"))


def _lint(linter, path: Path):
    return linter.lint_source(read_source(path, path.name))


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clean_posts_have_no_spelling_or_grammar_warning(path, linter):
    findings = [f for f in _lint(linter, path) if f.severity >= Severity.WARNING]
    assert not findings, [(f.line, f.column, f.rule, f.message) for f in findings]


def test_there_are_clean_posts_in_both_dialects():
    langs = {
        re.search(r"^lang: (\S+)", p.read_text(encoding="utf-8"), re.M).group(1)
        for p in CLEAN
        if re.search(r"^lang: ", p.read_text(encoding="utf-8"), re.M)
    }
    assert {"en-GB", "en-US"} <= langs


def _expected(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    block = text[text.index("<!-- expect:") :]
    out = []
    for m in re.finditer(r"^(\d+): (grammar|repeated word): (.*)$", block, re.M):
        out.append((int(m.group(1)), m.group(3)))
    return out


CASES = [(p, line, what) for p in BAD for line, what in _expected(p)]


@pytest.mark.parametrize(
    ("path", "line", "what"), CASES, ids=[f"{p.stem}:{n}" for p, n, _ in CASES]
)
def test_planted_grammar_slips_in_unseen_posts_are_found(path, line, what, linter):
    found = [f for f in _lint(linter, path) if f.line == line]
    assert found, f"{path.name}:{line}: nothing found for {what}"
    # the quoted slip is inside the reported span
    quoted = re.findall(r"\"([^\"]+)\"", what)
    source_line = path.read_text(encoding="utf-8").split("\n")[line - 1]
    if quoted:
        slip = quoted[0]
        at = source_line.lower().find(slip.lower())
        assert at >= 0
        assert any(f.column - 1 <= at + len(slip) and at <= f.end_column - 1 for f in found)


def test_unseen_bad_posts_have_no_spelling_false_alarms(linter):
    for path in BAD:
        spelling = [f for f in _lint(linter, path) if f.category == "spelling"]
        assert not spelling, [(path.name, f.line, f.message) for f in spelling]
