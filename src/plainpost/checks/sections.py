"""required-section: a section the post's profile (front matter `type`) must have."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch import any_of


@dataclass(frozen=True)
class Options:
    headings: list[str]  # patterns; any heading matching one satisfies the rule
    types: list[str] = field(default_factory=lambda: ["advice"])
    # where a missing section is reported: at the title (start) or the end of the post
    anchor: Literal["start", "end"] = "end"
    min_links: int = 0  # the section must also hold this many links
    # links anywhere in the post that stand in for the section: a post that links its advice to
    # a recognised health authority where it gives it has named its source (full-URL patterns)
    satisfied_by_links: list[str] = field(default_factory=list)
    not_sources: list[str] = field(default_factory=list)  # URL patterns that never count (finders)

    def __post_init__(self) -> None:
        _ = self.regex, self.source_links, self.non_sources

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.headings), re.I)

    @cached_property
    def source_links(self) -> re.Pattern[str] | None:
        return any_of(self.satisfied_by_links)

    @cached_property
    def non_sources(self) -> re.Pattern[str] | None:
        return any_of(self.not_sources)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    if doc.type not in opts.types:
        return
    for i, head in enumerate(doc.headings):
        if opts.regex.search(head.text):
            if opts.min_links:
                links = sum(len(b.links) for b in doc.section_blocks(i))
                if links < opts.min_links:
                    s, e = head.span(0, len(head.text))
                    yield Hit(s, e, rule.format(match=head.text, problem="has no links"))
            return
    if _links_a_source(doc, opts):
        return
    start, end = _anchor(doc, opts.anchor)
    yield Hit(start, end, rule.format(match="", problem="is missing"))


def _links_a_source(doc: Document, opts: Options) -> bool:
    wanted, never = opts.source_links, opts.non_sources
    if wanted is None:
        return False
    for block in doc.blocks:
        for link in block.links:
            if wanted.search(link.href) and not (never and never.search(link.href)):
                return True
    return False


def _anchor(doc: Document, where: str) -> tuple[int, int]:
    text = doc.text
    if where == "start":
        m = re.search(r"(?m)^title:.*$", text[: doc.body_start]) if doc.meta_span else None
        if m:
            return m.start(), m.end()
        first = next((b for b in doc.blocks if b.text.strip()), None)
        if first is not None:
            return first.span(0, len(first.text.split("\n")[0]))
        return 0, 0
    end = len(text.rstrip())
    comments = {c.end: c.start for c in doc.comments}
    while end in comments:  # an editor's note or directive at the bottom is not the post's end
        end = len(text[: comments[end]].rstrip())
    start = text.rfind("\n", 0, end) + 1
    return start, end
