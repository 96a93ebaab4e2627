"""The speed-ups in checks/fold.py change nothing about what matches.

- a folded pattern on folded text finds the same spans as the original with re.IGNORECASE;
- the literal gate never turns away a text the pattern matches;
- the union (with a shared leading \\b) finds a match wherever one of its alternatives does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainpost.textmatch.casefold import Matcher, fold_pattern, fold_text, required_literals
from tests.helpers.rules import HEALTH_RULES, REPO

TEXTS = [text for rule in HEALTH_RULES for text in (*rule.examples.fire, *rule.examples.pass_)]
for folder in (
    "content/posts",
    "content/drafts",
    "tests/fixtures/unseen/bad",
    "tests/fixtures/unseen/clean",
):
    TEXTS += [p.read_text(encoding="utf-8") for p in sorted((REPO / folder).glob("*.md"))]


def _sources(rule):
    opts = rule.options
    out = list(getattr(opts, "patterns", ()) or ())
    out += list(getattr(opts, "trigger_patterns", ()) or ())
    out += list(getattr(opts, "unless", ()) or ())
    for req in getattr(opts, "requires", ()) or ():
        out += list(req.patterns)
    return out


SOURCES = sorted({p for rule in HEALTH_RULES for p in _sources(rule)})


@pytest.mark.parametrize("source", SOURCES)
def test_folded_pattern_matches_like_ignorecase(source):
    original = re.compile(source, re.I)
    folded = re.compile(fold_pattern(source))
    for text in TEXTS:
        want = [m.span() for m in original.finditer(text)]
        got = [m.span() for m in folded.finditer(fold_text(text))]
        assert got == want, (source, text[:80])


@pytest.mark.parametrize("source", SOURCES)
def test_gate_is_exact(source):
    folded = fold_pattern(source)
    lits = required_literals(folded)
    if lits is None:
        return
    regex = re.compile(folded)
    for text in TEXTS:
        low = fold_text(text)
        for m in regex.finditer(low):
            assert any(x in m.group() for x in lits), (source, m.group(), lits)


@pytest.mark.parametrize("rule", HEALTH_RULES, ids=lambda r: r.id)
def test_union_finds_what_the_alternatives_find(rule):
    sources = [fold_pattern(p) for p in _sources(rule)]
    if not sources:
        return
    union = Matcher(sources, named=True)
    singles = [re.compile(p) for p in sources]
    for text in TEXTS:
        low = fold_text(text)
        any_single = any(r.search(low) for r in singles)
        assert bool(union.search(low)) == any_single, (rule.id, text[:80])


WORDS = st.sampled_from(
    [
        "ice",
        "pack",
        "Ice",
        "skin",
        "never",
        "not",
        "touch",
        "minutes",
        "heat",
        "burn",
        "numb",
        "ibuprofen",
        "Pharmacist",
        "label",
        "asthma",
        "study",
        "Studies",
        "show",
        "found",
        "9",
        "out",
        "of",
        "10",
        "50%",
        "cure",
        "no",
        "miracle",
        "push",
        "through",
        "the",
        "pain",
        "stop",
        "if",
        "sharp",
        "worse",
        "GP",
        "swollen",
        "night",
        "weight",
        "İstanbul",
        "ß",
        "ǅ",
        "straße",
        ",",
        ".",
        "!",
        "?",
        "-",
        "'",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_fold_keeps_offsets_and_matches(text):
    low = fold_text(text)
    assert len(low) == len(text)
    for source in SOURCES[::7]:
        want = [m.span() for m in re.finditer(source, text, re.I)]
        got = [m.span() for m in re.finditer(fold_pattern(source), low)]
        assert got == want, (source, text)
