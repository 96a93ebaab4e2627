"""Readability of the body prose (textstat): per post, and hard sentences at their own line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document, Sentence
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textstats import sentence_grade, textstat


@dataclass(frozen=True)
class PostOptions:
    smog_max: float = 9.0
    fk_grade_max: float = 8.0
    reading_ease_min: float = 60.0
    min_sentences: int = 5  # too little text and the formulas mean nothing


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


def scores(sentences: list[Sentence], lang: str = "en") -> Scores:
    ts = textstat()
    ts.set_lang("en")
    parts = []
    for s in sentences:
        text = s.text.replace("\ufffc", "code").replace("\n", " ").strip()
        parts.append(text if text[-1:] in ".!?" else text + ".")
    body = " ".join(parts)
    return Scores(
        smog=round(float(ts.smog_index(body)), 1),
        fk_grade=round(float(ts.flesch_kincaid_grade(body)), 1),
        reading_ease=round(float(ts.flesch_reading_ease(body)), 1),
        words=sum(len(s.words) for s in sentences),
        sentences=len(sentences),
    )


def check_post(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: PostOptions = rule.options
    sentences = body_sentences(doc)
    if len(sentences) < opts.min_sentences:
        return
    sc = scores(sentences, doc.lang)
    problems = []
    if sc.smog > opts.smog_max:
        problems.append(f"SMOG grade {sc.smog:g} (aim for {opts.smog_max:g} or lower)")
    if sc.fk_grade > opts.fk_grade_max:
        problems.append(
            f"Flesch-Kincaid grade {sc.fk_grade:g} (aim for {opts.fk_grade_max:g} or lower)"
        )
    if sc.reading_ease < opts.reading_ease_min:
        problems.append(
            f"Flesch Reading Ease {sc.reading_ease:g} (aim for {opts.reading_ease_min:g} or higher)"
        )
    if problems:
        first = sentences[0]
        s, e = first.span()
        yield Hit(s, e, rule.format(problems="; ".join(problems), **vars(sc)))


@dataclass(frozen=True)
class SentenceOptions:
    max_words: int = 25  # a sentence longer than this is reported...
    max_grade: float = 12.0  # ...and so is a shorter one this hard (Flesch-Kincaid grade)
    min_words: int = 8  # grade formulas are noise on very short sentences
    below_words: int = 0  # with another rule for harder sentences: only those under this length
    below_grade: float = 0.0


def measure(s: Sentence) -> tuple[int, float]:
    """Words and Flesch-Kincaid grade of a sentence, computed once for all rules that ask."""
    key = ("grade", s.start, s.end)
    found: tuple[int, float] | None = s.block.memo.get(key)
    if found is None:
        words = s.words
        found = (len(words), sentence_grade(words))
        s.block.memo[key] = found
    return found


def classify(s: Sentence, opts: SentenceOptions) -> tuple[int, float] | None:
    n, grade = measure(s)
    hard = n > opts.max_words or (n >= opts.min_words and grade > opts.max_grade)
    if not hard:
        return None
    if opts.below_words and (n > opts.below_words or grade > opts.below_grade):
        return None  # the stronger rule reports it
    return n, grade


def check_sentences(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: SentenceOptions = rule.options
    for s in doc.sentences:
        if not s.block.is_body:
            continue
        found = classify(s, opts)
        if found is None:
            continue
        n, grade = found
        start, end = s.span()
        yield Hit(start, end, rule.format(words=n, grade=f"{grade:.0f}"))


OPTIONS = {"readability": PostOptions, "hard-sentence": SentenceOptions}
CHECKS = {"readability": check_post, "hard-sentence": check_sentences}
