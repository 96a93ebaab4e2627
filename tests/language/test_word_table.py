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


def _old_inflect(word: str, tag: str) -> str:
    """lexicon.inflect as it was, asking lemminflect itself."""
    low = lexicon.fold(word).lower()
    upos = "VERB" if tag.startswith("VB") else "NOUN" if tag.startswith("NN") else "ADJ"
    for lemma in lemminflect.getAllLemmas(low, upos=upos).get(upos, ()):
        forms = lemminflect.getInflection(lemma, tag=tag)
        if forms:
            return str(forms[0])
    return low


def _old_lemmas(word: str) -> frozenset[str]:
    low = lexicon.fold(word).lower()
    return frozenset({low, *(v for vs in lemminflect.getAllLemmas(low).values() for v in vs)})


def _old_forms(lemma: str) -> frozenset[str]:
    low = lemma.lower()
    return frozenset({low, *(v for vs in lemminflect.getAllInflections(low).values() for v in vs)})


def test_lemmas_and_inflections_from_the_table_are_lemminflects(monkeypatch):
    """The inflection table (kept in the compiled rulebook, so a post with "has took" does not
    load lemminflect) answers lemmas, forms and re-inflections as lemminflect does: for words
    it lists, words it does not (lemminflect's rules for unknown words) and capitalised ones."""
    monkeypatch.setattr(lexicon, "_INFLECTIONS", None)
    table = lexicon.inflection_table()
    assert len(table.lemmas) > 60_000 and len(table.forms) > 30_000
    words = random.Random(17).sample(sorted(table.lemmas), 800)
    lemmas = random.Random(18).sample(sorted(table.forms), 200)
    odd = ["took", "has", "ease", "zzyzx", "Running", "NHS", "physio", "knee-high", "go", "better"]
    tags = ("VB", "VBZ", "VBP", "VBN", "VBD", "VBG", "NN", "NNS", "NNP", "JJR", "RBS", "RP")
    lexicon.use_inflection_table(table)
    try:
        for i, word in enumerate([*words, *odd]):
            assert lexicon.lemmas(word) == _old_lemmas(word), word
            for tag in tags[i % 4 :: 4] if word not in odd else tags:
                assert lexicon.inflect(word, tag) == _old_inflect(word, tag), (word, tag)
        for i, lemma in enumerate([*lemmas, *odd]):
            assert lexicon.forms_of(lemma) == _old_forms(lemma), lemma
            for tag in tags[i % 3 :: 3] if lemma not in odd else tags:
                assert lexicon._inflection(lemma, tag) == tuple(
                    lemminflect.getInflection(lemma, tag=tag)
                ), (lemma, tag)
        assert lexicon.inflect("took", "VBN") == "taken"
        assert lexicon.inflect("eases", "VB") == "ease"
    finally:
        lexicon.use_inflection_table(None)  # type: ignore[arg-type]
