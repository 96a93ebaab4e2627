"""Readability kinds: per post (``readability``) and hard sentences at their own line
(``hard-sentence``). The metrics are the readability layer's; the thresholds are the rule's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.readability import (
    SMOG_SENTENCES,
    SentenceLimits,
    body_sentences,
    classify,
    gate,
    scores,
)
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class PostOptions:
    # the limits are the rule file's (no defaults here: one home for each threshold)
    smog_max: float
    fk_grade_max: float
    reading_ease_min: float
    min_sentences: int  # too little text and the formulas mean nothing
    # below this many sentences SMOG is not used: the readability gate (plainpost.readability)
    smog_sentences: int = SMOG_SENTENCES
    confidence_z: float = 1.645  # the short-post margin, in standard errors (one-sided 95%)


def check_post(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: PostOptions = rule.options
    sentences = body_sentences(doc)
    if len(sentences) < opts.min_sentences:
        return
    sc = scores(sentences, doc.lang, ctx.derived)
    problems = []
    g = gate(sentences, opts.smog_sentences, opts.confidence_z)
    if not g.reliable:
        # a short post: judged by its Flesch-Kincaid grade, beyond the sampling margin
        if sc.fk_grade > opts.fk_grade_max + g.margin:
            problems.append(
                f"Flesch-Kincaid grade {sc.fk_grade:g} (aim for {opts.fk_grade_max:g} or lower;"
                f" {g.note})"
            )
    else:
        if sc.smog > opts.smog_max:
            problems.append(f"SMOG grade {sc.smog:g} (aim for {opts.smog_max:g} or lower)")
        if sc.fk_grade > opts.fk_grade_max:
            problems.append(
                f"Flesch-Kincaid grade {sc.fk_grade:g} (aim for {opts.fk_grade_max:g} or lower)"
            )
        if sc.reading_ease < opts.reading_ease_min:
            problems.append(
                f"Flesch Reading Ease {sc.reading_ease:g}"
                f" (aim for {opts.reading_ease_min:g} or higher)"
            )
    if problems:
        first = sentences[0]
        s, e = first.span()
        yield Hit(s, e, rule.format(problems="; ".join(problems), **vars(sc)))


# the hard-sentence kind's options are the readability layer's sentence limits
SentenceOptions = SentenceLimits


def check_sentences(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: SentenceOptions = rule.options
    for s in doc.sentences:
        if not s.block.is_body:
            continue
        key = ("hard-sentence", rule.id, s.text)
        found = ctx.derived.by_text_if_kept(key, partial(classify, s, opts))
        if found is None:
            continue
        n, grade = found
        start, end = s.span()
        yield Hit(start, end, rule.format(words=n, grade=f"{grade:.0f}"))
