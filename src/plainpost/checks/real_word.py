"""real-word: a correctly spelt word that is the wrong word, found by a language model of English.

The model and how a word is judged are in :mod:`plainpost.language.realword`; this kind runs it
over the prose blocks of a post. A word the post uses again and again (in any of its
inflections), a word of the vocabularies (the medical lexicon, the accept lists, the people
named in the front matter) is its subject, and is never replaced by an edit-distance or
sound-alike alternative (confusion sets still apply to it). The post's own word use weighs in
too (:class:`plainpost.language.realword.Topic`): "heal" for "heel" is likelier in a post that
keeps saying "heel". A real-word correction can change what a sentence means, so it is never a
safe fix: the writer decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from plainpost.checks.context import Context
from plainpost.checks.syntax import tagged
from plainpost.document import Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import lexicon, realword, syntax, typography
from plainpost.language.realword import Source
from plainpost.language.vocab import front_matter_names
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    # natural log of how many times likelier the alternative must be in its context
    confusion_threshold: float = realword.THRESHOLDS[Source.CONFUSION]
    edit_threshold: float = realword.THRESHOLDS[Source.EDIT]
    sound_threshold: float = realword.THRESHOLDS[Source.SOUND]
    # a word used this many times in the post is its subject, not a typo
    repeated: int = 2
    blocks: list[str] = field(default_factory=lambda: list(PROSE_KINDS))

    def __post_init__(self) -> None:
        for name in ("confusion_threshold", "edit_threshold", "sound_threshold"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: must be 0 or more")
        if self.repeated < 2:
            raise ValueError("repeated: must be 2 or more")

    @property
    def thresholds(self) -> dict[Source, float]:
        return {
            Source.CONFUSION: self.confusion_threshold,
            Source.EDIT: self.edit_threshold,
            Source.SOUND: self.sound_threshold,
        }


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    blocks = list(blocks_in_scope(doc, opts.blocks))
    by_text = ctx.derived.by_text
    seen: dict[str, int] = {}  # realword.repeated, from each block's counts (kept by text)
    for block in blocks:
        for word, n in by_text(("real-word counts", block.text), partial(_counts, block.text)):
            seen[word] = seen.get(word, 0) + n
    protected = _repeated(seen, opts.repeated)
    names = front_matter_names(doc.meta)
    vocab = ctx.vocab
    texts = tuple(block.text for block in blocks)
    topic = by_text(("real-word topic", texts), partial(realword.Topic.of, texts))
    found = [
        (
            block,
            by_text(
                ("real-word", block.text, topic),
                partial(realword.scan, block.text, topic=topic),
            ),
        )
        for block in blocks
    ]
    for block, alternatives in found:
        if vocab is not None:
            protected.update(
                by_text(
                    ("real-word accepted", block.text, names, doc.lang),
                    partial(_accepted, alternatives, vocab, names, doc.lang),
                )
            )
        flags = realword.flagged(alternatives, opts.thresholds, frozenset(protected))
        if flags:
            flags = _fitting(flags, block.text, ctx)
        for alt in flags:
            s, e = block.span(alt.start, alt.end)
            written = doc.text[s:e]
            suggestion = typography.fit_case(alt.suggestion, written)
            variants = [v for v in typography.variants(suggestion, doc) if v != written]
            if not variants:
                continue
            yield Hit(
                s,
                e,
                rule.format(match=written, suggestion=variants[0]),
                tuple(variants),
                safe_fix=False,  # a real-word correction can change the meaning
            )


def _fitting(
    flags: list[realword.Alternative], text: str, ctx: Context
) -> list[realword.Alternative]:
    """The flags whose alternative fits the word's slot: a word the sentence needs as a verb
    ("you will most likely hear", "feet that roll in") is no slip for a word that cannot be one
    ("here", "role"), and a "to" joining two adjectives ("cool to cold") is no "too"."""
    slots: dict[int, bool] = {}
    for ws in tagged(text, ctx):
        for i, w in enumerate(ws):
            between = 0 < i < len(ws) - 1 and w.low == "to"
            slots[w.start] = syntax.verb_slot(ws, i) or (
                between and lexicon.adjective_range(ws[i - 1].low, ws[i + 1].low)
            )
    return [
        a
        for a in flags
        if not (slots.get(a.start) and not lexicon.tags(a.suggestion) & syntax.VERB_LIKE)
    ]


def _repeated(seen: dict[str, int], times: int) -> set[str]:
    """The words the post uses ``times`` times or more, counting a word's inflections as the
    word ("thaw" once and "Thawing" once: the frozen shoulder's thawing stage is its subject)."""
    by_lemma: dict[str, int] = {}
    lemmas = {w: lexicon.lemmas(w) for w in seen}
    for w, n in seen.items():
        for lemma in lemmas[w]:
            by_lemma[lemma] = by_lemma.get(lemma, 0) + n
    return {w for w in seen if any(by_lemma[lemma] >= times for lemma in lemmas[w])}


def _counts(text: str) -> tuple[tuple[str, int], ...]:
    """How often each word (lower case) occurs in a block of this text."""
    seen: dict[str, int] = {}
    for w in realword.words(text):
        seen[w.low] = seen.get(w.low, 0) + 1
    return tuple(seen.items())


def _accepted(
    alternatives: list[realword.Alternative], vocab: Any, names: frozenset[str], lang: str
) -> frozenset[str]:
    """The written words of a block's alternatives that the vocabularies accept: its subject,
    never replaced by an edit-distance or sound-alike word."""
    return frozenset(
        a.word.lower()
        for a in alternatives
        if a.source is not Source.CONFUSION and vocab.accepts(a.word, names, lang)
    )
