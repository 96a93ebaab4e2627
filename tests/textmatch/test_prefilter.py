"""The term prefilter finds exactly what the full regex finds, for every shipped term rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainpost.checks.existence import matched_spans
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files
from plainpost.textmatch.prefilter import TermFinder, first_words
from plainpost.textmatch.terms import terms_regex

RULES = [r for r in load_rule_files([shipped_rules_dir()]) if r.kind == "substitution"]
FILLER = ["the", "a", "knee", "x-ray", "don't", "de", "pre", "re", "co", "anti", "non", "5", "ß"]
SEPARATORS = [" ", " ", "-", "'", "’", ", ", ". ", "\n", "\u00a0", "(", ")", "_", "—"]


def _pieces(rule) -> list[str]:
    spellings = [s for key in rule.options.swap for s in key.split("|")]
    words = [w for s in spellings for w in re.split(r"[\s-]+", s)]
    return spellings + words + FILLER


def _text(rule):
    pieces = _pieces(rule)
    word = st.sampled_from(pieces).map(
        lambda w: w.upper() if len(w) % 3 == 0 else (w.capitalize() if len(w) % 3 == 1 else w)
    )
    return st.lists(st.tuples(word, st.sampled_from(SEPARATORS)), max_size=40).map(
        lambda parts: "".join(w + s for w, s in parts)
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_finder_equals_finditer(rule):
    opts = rule.options

    @settings(max_examples=300, deadline=None)
    @given(_text(rule))
    def check(text):
        fast = [m.span() for m in opts.finder.finditer(text)]
        slow = [m.span() for m in opts.regex.finditer(text)]
        assert fast == slow

    check()


def test_terms_starting_with_punctuation_fall_back():
    regex = terms_regex(["'til now", "knee"], forms=False)
    finder = TermFinder(regex, first_words(["'til now", "knee"], forms=False))
    assert not finder.heads
    assert [m.group() for m in finder.finditer("'til now my knee")] == ["'til now", "knee"]


EXISTENCE = [
    r
    for r in load_rule_files([shipped_rules_dir()])
    if r.kind == "existence" and r.options.scope != "text" and len(r.options.bare) > 1
]


@pytest.mark.parametrize("rule", EXISTENCE, ids=lambda r: r.id)
def test_combined_line_patterns_find_the_same_lines(rule):
    lines = [ln for ex in (*rule.examples.fire, *rule.examples.pass_) for ln in ex.split("\n")]
    lines += ["", "  ", "Share the Post: now", "Related Posts and more", "Next Post »»"]

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(lines), max_size=12))
    def check(chosen):
        text = "\n".join(chosen)
        by_line = rule.options.scope == "line"
        combined = matched_spans(rule.options.combined, text, by_line=by_line)
        assert combined == matched_spans(rule.options.regexes, text, by_line=by_line)
        if by_line:  # a whole-line rule reports lines, never a span across a line break
            assert all("\n" not in text[s:e] for s, e in combined)

    assert len(rule.options.combined) == 1
    check()
