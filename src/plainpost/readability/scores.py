"""Readability metrics of a post's prose: scores for a stretch of sentences, and how hard one
sentence is. Used by the readability check kinds and by the HTML report; thresholds are not
decided here (they come from the rule files)."""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field
from functools import partial

from plainpost.document import Document, Sentence
from plainpost.document.derived import Derived
from plainpost.document.model import WORD_RE
from plainpost.readability.formulas import (
    Counts,
    add_up,
    counts,
    flesch_kincaid_grade_of,
    flesch_reading_ease_of,
    sentence_grade,
    smog_of,
)
from plainpost.readability.syllables import syllables


@dataclass(frozen=True)
class Scores:
    smog: float
    fk_grade: float
    reading_ease: float
    words: int
    sentences: int


def body_sentences(doc: Document) -> list[Sentence]:
    """Paragraph and list-item sentences (list items count as sentences; headings do not)."""
    return [s for s in doc.sentences if s.block.is_body and s.words]


def scores(sentences: list[Sentence], lang: str = "en", derived: Derived | None = None) -> Scores:
    """The formulas over the sentences joined (each ending in terminal punctuation), added up
    from each sentence's counts; ``derived`` (a lint's) keeps those counts by the sentence's
    text in the language server's memo, so a re-lint counts only the sentences it changed."""
    if derived is None:
        parts = [_counts(s.text) for s in sentences]
    else:
        parts = [
            derived.by_text_if_kept(("readability counts", s.text), partial(_counts, s.text))
            for s in sentences
        ]
    total = add_up(parts)
    return Scores(
        smog=round(smog_of(total), 1),
        fk_grade=round(flesch_kincaid_grade_of(total), 1),
        reading_ease=round(flesch_reading_ease_of(total), 1),
        words=sum(len(s.words) for s in sentences),
        sentences=len(sentences),
    )


def _counts(sentence: str) -> Counts:
    """A sentence's counts as the formulas read it: code as a word, one line, with a full stop
    when it has no terminal punctuation."""
    text = sentence.replace("\ufffc", "code").replace("\n", " ").strip()
    return counts(text if text[-1:] in ".!?" else text + ".")


@dataclass(frozen=True)
class SentenceLimits:
    # the limits are the rule files' (no defaults here: one home for each threshold)
    max_words: int  # a sentence longer than this is reported...
    max_grade: float  # ...and so is a shorter one this hard (Flesch-Kincaid grade)
    min_words: int  # grade formulas are noise on very short sentences
    below_words: int = 0  # with another rule for harder sentences: only those under this length
    below_grade: float = 0.0
    # under this many words a sentence's grade swings with one long word (a medicine's or a
    # condition's name): it is reported on its grade only above short_grade
    short_words: int = 0
    short_grade: float = 0.0
    # a sentence just over max_words (up to plain_up_to words) that is built plainly, one frame
    # with a list or a phrase added, reads easily: it is reported only with at least min_clauses
    # clause joins (clause_words, a semicolon, colon or spaced dash, a comma before but/so/yet),
    # min_long_words long words (see LONG_LETTERS), or a stretch of min_run words with no
    # pause (comma, semicolon, colon, dash or bracket)
    plain_up_to: int = 0
    min_clauses: int = 0
    min_long_words: int = 0
    min_run: int = 0
    clause_words: list[str] = field(default_factory=list)


_CLAUSE_MARK_RE = re.compile(r"[;:](?=\s)|\s[-–—]\s|,\s+(?:but|so|yet)\b", re.IGNORECASE)
# a long word: three syllables or more and this many letters ("irritated", "musculature"; not
# "usual", "family" or "history", which every reader knows)
LONG_LETTERS = 8
_BRACKETED_RE = re.compile(r"\(([^()]*)\)")
_PAUSE_RE = re.compile(r",(?=\s)|[;:()\[\]–—]|\s-\s")


def plainly_built(s: Sentence | str, opts: SentenceLimits) -> bool:
    """Whether a sentence (or its text) has fewer clause joins, long words and words without a
    pause than the limits ask for (see :class:`SentenceLimits`)."""
    text = s if isinstance(s, str) else s.text
    words = [w.lower() for w in WORD_RE.findall(text)]
    joins = sum(1 for w in words if w in opts.clause_words)
    joins += len(_CLAUSE_MARK_RE.findall(text))
    long_words = sum(1 for w in words if len(w) >= LONG_LETTERS and syllables(w) >= 3)
    run = max(len(WORD_RE.findall(part)) for part in _PAUSE_RE.split(text))
    return joins < opts.min_clauses and long_words < opts.min_long_words and run < opts.min_run


def measure(s: Sentence) -> tuple[int, float]:
    """Words and Flesch-Kincaid grade of a sentence (its words are computed once, on the
    sentence; each word's syllables once per process)."""
    words = s.words
    return len(words), sentence_grade(words)


# a full stop and a lower-case word after it: where a post that never capitalises starts its
# sentences ("... in everyday terms. the bottom of the thigh bone ..."), which the splitter,
# looking for a capital, reads as one sentence of 90 words
_LOWER_START_RE = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[a-z])")


def _longest_part(s: Sentence) -> str:
    """The text of a sentence's longest part between lower-case sentence starts (the whole
    text when it has none; an abbreviation's full stop, "e.g. the", starts none)."""
    text, parts, start = s.text, [], 0
    for m in _LOWER_START_RE.finditer(text):
        if _ABBREVIATION_END_RE.search(text, 0, m.start()):
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    if not parts:
        return text
    parts.append(text[start:])
    return max(parts, key=lambda p: len(WORD_RE.findall(p)))


_ABBREVIATION_END_RE = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|approx|a\.m|p\.m|dr|mr|mrs|ms|no|fig|st|min|mins)\.$", re.IGNORECASE
)


def classify(s: Sentence, opts: SentenceLimits) -> tuple[int, float] | None:
    text = _longest_part(s)
    if text is s.text:
        n, grade = measure(s)
    else:
        words = WORD_RE.findall(text)
        n, grade = len(words), sentence_grade(words)
    limit = opts.short_grade if n < opts.short_words else opts.max_grade
    by_grade = n >= opts.min_words and grade > limit
    by_length = n > opts.max_words
    if by_length and not by_grade and n <= opts.plain_up_to:
        # a bracketed aside ("(a bag of frozen peas wrapped in a tea towel)") is read apart
        aside = sum(len(WORD_RE.findall(b)) for b in _BRACKETED_RE.findall(text))
        by_length = n - aside > opts.max_words and not plainly_built(text, opts)
    if not (by_length or by_grade):
        return None
    if opts.below_words and (n > opts.below_words or grade > opts.below_grade):
        return None  # the stronger rule reports it
    return n, grade


@dataclass(frozen=True)
class Gate:
    """How far a post's grade can be trusted, and which formula judges it.

    SMOG is defined on 30 sentences (McLaughlin 1969 sampled 10 from the start, middle and end
    of a text); on fewer it extrapolates, so a short post is judged by its Flesch-Kincaid grade,
    which averages over sentences, with a margin: the grade's sampling error on this many
    sentences (``z`` standard errors of the mean of the sentences' own grades). A short post is
    hard to read only when its grade is above the aim by more than the margin.
    """

    sentences: int
    reliable: bool  # enough sentences for SMOG
    formula: str  # "SMOG" when reliable, else "Flesch-Kincaid"
    margin: float  # 0 when reliable; else z × the standard error of the grade, in grades

    @property
    def note(self) -> str:
        """One line for a message or a chart: how reliable the figure is."""
        if self.reliable:
            return f"SMOG on {self.sentences} sentences"
        return (
            f"a short post: {self.sentences} sentences, Flesch-Kincaid grade ±{self.margin:g}"
            f" (SMOG needs {SMOG_SENTENCES})"
        )


SMOG_SENTENCES = 30  # McLaughlin's sample


def gate(sentences: list[Sentence], smog_sentences: int = SMOG_SENTENCES, z: float = 1.645) -> Gate:
    """The readability gate of a stretch of sentences (a post, a section): see :class:`Gate`."""
    n = len(sentences)
    if n >= smog_sentences:
        return Gate(n, True, "SMOG", 0.0)
    grades = [measure(s)[1] for s in sentences]
    spread = statistics.stdev(grades) if n >= 2 else 0.0
    margin = round(z * spread / math.sqrt(n), 1) if n else 0.0
    return Gate(n, False, "Flesch-Kincaid", margin)
