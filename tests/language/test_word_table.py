"""The word table (language/lexicon.py) gives exactly lemminflect's answers: the open-class tags
and word classes of every word it holds, and none for a word outside it, so a process that loads
the table from a compiled rulebook finds what one that imports lemminflect finds."""

from __future__ import annotations

import random
from pathlib import Path

import lemminflect

from plainpost.language import lexicon

REPO = Path(__file__).resolve().parents[2]


def _lemminflect_classes(word: str) -> int:
    lemmas = lemminflect.getAllLemmas(word)
    return sum(1 << i for i, name in enumerate(lexicon.CLASSES) if name in lemmas)


def test_the_table_agrees_with_lemminflect_word_by_word(monkeypatch):
    monkeypatch.setattr(lexicon, "_TABLE", None)  # lemminflect itself answers below
    table = lexicon.word_table()
    assert len(table) > 50_000
    words = sorted(table)
    sample = random.Random(16).sample(words, 4000)
    seed = (REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md").read_text()
    post_words = {w.lower() for w in seed.split() if w.isalpha()}
    unknown = ["zzyzx", "ibuprofen's", "knee-high", "covid", "physio", "nhs", "x"]
    for word in [*sample, *sorted(post_words), *unknown]:
        tags, classes = table.get(word, (frozenset(), 0))
        assert tags == lexicon._open_tags.__wrapped__(word), word
        assert classes == _lemminflect_classes(word), word
    assert table["walks"][0] == {"NNS", "VBZ"}
    assert table["walked"][0] >= {"VBD", "VBN"}


def test_tags_answered_from_the_table_are_the_same(monkeypatch):
    words = ["walks", "its", "your", "you", "running", "better", "walked", "it's", "well-known"]
    monkeypatch.setattr(lexicon, "_TABLE", None)
    lexicon._open_tags.cache_clear()
    direct = {w: lexicon.tags.__wrapped__(w) for w in words}
    table = lexicon.word_table()
    lexicon.use_word_table(table)
    try:
        assert {w: lexicon.tags.__wrapped__(w) for w in words} == direct
    finally:
        lexicon._open_tags.cache_clear()
