"""claim and unsafe-advice: phrases that need a source, or that are wrong whatever follows.

``claim`` with ``cited_ok: true`` reports a research claim, statistic or claim of effect only when
its paragraph (or list item) has no link and no footnote. With ``cited_ok: false`` (promises,
absolutes, "push through the pain") every occurrence is reported. ``unless`` lists phrasings that
cancel a match they overlap ("there is no cure", "do not push through the pain"). One finding per
sentence: the earliest match in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import blocks_in_scope
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch.casefold import (
    Matcher,
    compile_folded,
    compile_folded_union,
    fold_pattern,
    fold_text,
)
from plainpost.textmatch.terms import terms_regex


@dataclass(frozen=True)
class Options:
    terms: list[str] = field(default_factory=list)  # literal phrases, last word with its forms
    patterns: list[str] = field(default_factory=list)  # regular expressions
    unless: list[str] = field(default_factory=list)  # a match inside one of these does not count
    cited_ok: bool = True  # a link or footnote in the same paragraph answers the claim
    forms: bool = True
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item", "table_cell"])

    def __post_init__(self) -> None:
        if not self.terms and not self.patterns:
            raise ValueError("needs terms or patterns")
        _ = self.regexes, self.matcher, self.unless_regex, self.unless_matcher

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        """Case-insensitive patterns, compiled to run on fold_text() (see checks/fold.py)."""
        out = compile_folded(self.patterns)
        if self.terms:
            out.append(terms_regex([t.lower() for t in self.terms], self.forms, False))
        return out

    @cached_property
    def matcher(self) -> Matcher:
        """All patterns in one pass over the text (one scan costs far less than one per pattern)."""
        return Matcher(r.pattern for r in self.regexes)

    @cached_property
    def unless_matcher(self) -> Matcher | None:
        return Matcher(fold_pattern(p) for p in self.unless) if self.unless else None

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.unless)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    wanted = set(opts.blocks)
    for block in blocks_in_scope(doc, opts.blocks):
        if block.kind not in wanted or (opts.cited_ok and block.cited):
            continue
        text = block.text
        low = fold_text(text)
        matches = [m.span() for m in opts.matcher.finditer(low) if m.end() > m.start()]
        if not matches:
            continue
        if opts.unless_matcher is not None:
            unless = [m.span() for m in opts.unless_matcher.finditer(low)]
            matches = [
                (s, e) for s, e in matches if not any(us < e and s < ue for us, ue in unless)
            ]
        starts = sentence_starts(text)
        taken: set[int] = set()
        for start, end in sorted(matches):
            sentence = starts[bisect_right(starts, start) - 1]
            if sentence in taken:
                continue
            taken.add(sentence)
            s, e = block.span(start, end)
            yield Hit(s, e, rule.format(match=doc.text[s:e]))


_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of a block (a cheap splitter: enough to group matches)."""
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]
