"""The parsed post: front matter, prose blocks with a character map back to the source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from plainpost.document.html import Piece
from plainpost.document.sentences import sentence_spans
from plainpost.document.source import LineIndex, Source

WORD_RE = re.compile(r"[^\W_](?:[\w'’&-]*[^\W_])?")


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    text: str
    start: int  # source span of the whole link
    end: int


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    alt: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment: where suppression directives live."""

    body: str
    start: int
    end: int


@dataclass(eq=False, slots=True)
class Block:
    """One unit of prose: a paragraph, heading, list item, table cell, image alt or footnote.

    ``text`` is typography-folded (curly quotes to straight, no-break spaces to spaces, soft
    hyphens dropped) so that checks see plain characters; ``offsets[i]`` is the source offset of
    ``text[i]``.
    """

    kind: str  # paragraph | heading | list_item | table_cell | alt | footnote
    text: str
    offsets: tuple[int, ...]
    start: int  # source span of the block's lines
    end: int
    level: int = 0  # heading level; list depth for list items
    section: int = -1  # index into Document.headings of the heading this block sits under
    containers: tuple[str, ...] = ()  # enclosing "blockquote", "bullet_list", "ordered_list"
    links: tuple[Link, ...] = ()
    footnote_refs: int = 0
    index: int = 0  # position in Document.blocks

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of text[start:end] (end exclusive)."""
        if not self.offsets:
            return self.start, self.start
        start = min(max(start, 0), len(self.offsets) - 1)
        end = min(max(end, start + 1), len(self.offsets))
        return self.offsets[start], self.offsets[end - 1] + 1

    @property
    def is_body(self) -> bool:
        """Body prose counted for readability: paragraphs and list items."""
        return self.kind in ("paragraph", "list_item")

    @property
    def cited(self) -> bool:
        return bool(self.footnote_refs) or any(
            link.href.startswith(("http://", "https://", "#")) for link in self.links
        )


@dataclass(frozen=True)
class Sentence:
    block: Block
    start: int  # offsets into block.text
    end: int

    @cached_property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def span(self) -> tuple[int, int]:
        return self.block.span(self.start, self.end)

    @cached_property
    def words(self) -> list[str]:
        """The sentence's words, computed once (several checks read them)."""
        return WORD_RE.findall(self.text)


def split_sentences(block: Block) -> list[Sentence]:
    """The sentences of a prose block."""
    return [Sentence(block, start, end) for start, end in sentence_spans(block.text)]


@dataclass(eq=False)
class Document:
    source: Source
    meta: dict[str, Any] = field(default_factory=dict)
    meta_span: tuple[int, int] | None = None  # source span of the front matter block
    meta_error: tuple[int, str] | None = None  # offset and message of broken front matter
    # values YAML could not build, duplicate keys, aliases expanding too far: offset, key, message
    meta_problems: list[tuple[int, str, str]] = field(default_factory=list)
    body_start: int = 0
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    # raw HTML, tag by tag, with source offsets (html_block and inline HTML alike)
    html: list[Piece] = field(default_factory=list)
    # code: never prose, never fixed
    code_spans: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Any] = field(default_factory=list)  # markdown-it tokens, for export
    default_lang: str = "en-GB"

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.source.text)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def lang(self) -> str:
        lang = self.meta.get("lang")
        return lang if isinstance(lang, str) and lang else self.default_lang

    @property
    def type(self) -> str:
        kind = self.meta.get("type")
        return kind if isinstance(kind, str) and kind else "advice"

    @cached_property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in split_sentences(b)]

    def section_blocks(self, heading_index: int) -> list[Block]:
        """The prose under a heading, up to the next heading of the same or higher level."""
        heading = self.headings[heading_index]
        out: list[Block] = []
        for block in self.blocks[heading.index + 1 :]:
            if block.kind == "heading" and block.level <= heading.level:
                break
            out.append(block)
        return out
