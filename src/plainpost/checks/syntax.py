"""syntax: agreement, verb forms, missing and stray words, clause boundaries, from tags in
context (a part-of-speech tagger) rather than word lists.

The analysis is :mod:`plainpost.language.syntax`; a rule names the detectors it runs. Each
sentence is tagged once per post, whichever rules ask. Suggestions can change what a sentence
says, so none is a safe fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from plainpost.checks.context import Context
from plainpost.checks.grammar_pattern import block_tokens
from plainpost.document import Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import syntax, typography
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    detectors: list[str]
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item"])

    def __post_init__(self) -> None:
        if not self.detectors:
            raise ValueError("detectors: name at least one")
        known = {**syntax.DETECTORS, **syntax.BLOCK_DETECTORS}
        unknown = [d for d in self.detectors if d not in known]
        if unknown:
            raise ValueError(f"detectors: no detector {unknown[0]!r} (known: {', '.join(known)})")


def tagged(text: str, ctx: Context) -> list[list[syntax.Word]]:
    """The tagged sentences of a block of this text, in the block's offsets: tagged once, for
    every rule that asks (the syntax rules, the real-word model's verb slots)."""
    return ctx.derived.by_text(
        ("syntax tags", text),
        lambda: [syntax.tag_sentence(s) for s in block_tokens(text, ctx).sentences],
    )


def _issues(text: str, detectors: tuple[str, ...], ctx: Context) -> list[syntax.Issue]:
    """The detectors' issues in a block of this text, in the block's offsets. Each sentence is
    tagged once, whichever rules ask."""
    tagged_ = tagged(text, ctx)
    return [
        issue
        for name in detectors
        for issue in (
            syntax.BLOCK_DETECTORS[name](text, tagged_)
            if name in syntax.BLOCK_DETECTORS
            else (i for words in tagged_ for i in syntax.DETECTORS[name](words))
        )
    ]


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    kinds = [b for b in opts.blocks if b in PROSE_KINDS] or list(PROSE_KINDS)
    detectors = tuple(opts.detectors)
    for block in blocks_in_scope(doc, kinds):
        issues = ctx.derived.by_text(
            ("syntax", detectors, block.text), partial(_issues, block.text, detectors, ctx)
        )
        for issue in issues:
            s, e = block.span(issue.start, issue.end)
            written = doc.text[s:e]
            variants = [v for v in typography.variants(issue.suggestion, doc) if v != written]
            yield Hit(
                s,
                e,
                rule.format(
                    match=written,
                    suggestion=variants[0] if variants else "",
                    why=issue.why,
                ),
                tuple(variants),
                safe_fix=False,
            )
