"""The readability formulas give textstat's figures (plainpost computes them itself, over the
offline CMU dictionary, instead of patching textstat). The expected values were measured with
textstat 0.7.13 handed the same dictionary, the way plainpost used it before."""

from __future__ import annotations

import pytest

from plainpost.readability.formulas import (
    count_sentences,
    flesch_kincaid_grade,
    flesch_reading_ease,
    list_words,
    smog_index,
)

CASES = {
    "plain": (
        "Ice helps. Rest your knee for two days. Then walk a little further each day, and stop "
        "if it hurts.",
        (3.1291, 1.2900000000000027, 103.625),
    ),
    "hard": (
        "Osteoarthritis is a degenerative condition characterised by progressive deterioration "
        "of articular cartilage. Physiotherapists recommend individualised rehabilitation "
        "programmes. Anti-inflammatory medication may alleviate symptoms temporarily.",
        (16.32212239822248, 28.443478260869572, -95.20753623188403),
    ),
    "contractions": (
        "Don't run if it's swollen. You'll feel better soon; we're sure. 'Quoted' words aren't "
        "counted twice.",
        (3.1291, 1.9775000000000027, 90.38416666666669),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_formulas_give_textstats_figures(name):
    text, expected = CASES[name]
    got = (smog_index(text), flesch_kincaid_grade(text), flesch_reading_ease(text))
    assert got == pytest.approx(expected, abs=1e-9)


def test_words_and_sentences_as_textstat_counts_them():
    assert list_words("Don't 'quote' me, it's fine!") == ["Don't", "quote", "me", "it's", "fine"]
    assert count_sentences("Yes. No. This one counts. And so does this one.") == 2  # <= 2 words
    assert count_sentences("") == 0
    assert (smog_index(""), flesch_kincaid_grade(""), flesch_reading_ease("")) == (0.0, 0.0, 0.0)
