"""The one engine interface: plain text with a map back to the source in, hits out.

A :class:`ProseText` is a post's prose as one plain string (blocks joined by blank lines) with the
source offset of every character. An engine (Harper, LanguageTool) checks it and returns
:class:`EngineHit`\\ s in *source* offsets, so every engine's findings land on the exact
line:column of the Markdown file whatever markup surrounds the words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Protocol

from plainpost.document import Block, Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.errors import SetupError

SEPARATOR = "\n\n"


class EngineError(SetupError):
    """An engine that was asked for and cannot run (LanguageTool unreachable, a bad option).

    A setup problem: every command reports it with exit code 2, wherever it is raised
    (building the linter, or in a worker mid-run); a missing engine is never a silent pass.
    """


@dataclass(frozen=True)
class ProseText:
    text: str
    offsets: tuple[int, ...]  # source offset of text[i]; -1 for the separators between blocks
    lang: str
    block_starts: tuple[int, ...] = ()  # text offset where each block starts
    blocks: tuple[Block, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source offsets of text[start:end], or None when it covers no prose character."""
        offsets = self.offsets
        start = max(start, 0)
        end = min(end, len(offsets))
        while start < end and offsets[start] < 0:
            start += 1
        while end > start and offsets[end - 1] < 0:
            end -= 1
        if start >= end:
            return None
        return offsets[start], offsets[end - 1] + 1

    def block_at(self, position: int) -> int:
        return max(bisect.bisect_right(self.block_starts, position) - 1, 0)


def prose_text(doc: Document, kinds: tuple[str, ...] = PROSE_KINDS) -> ProseText:
    """The prose of a post that engines check: every prose block but the sources section."""
    parts: list[str] = []
    offsets: list[int] = []
    starts: list[int] = []
    blocks: list[Block] = []
    length = 0
    for block in blocks_in_scope(doc, kinds):
        if not block.text.strip():
            continue
        if parts:
            parts.append(SEPARATOR)
            offsets.extend([-1] * len(SEPARATOR))
            length += len(SEPARATOR)
        starts.append(length)
        blocks.append(block)
        parts.append(block.text)
        offsets.extend(block.offsets)
        length += len(block.text)
    return ProseText("".join(parts), tuple(offsets), doc.lang, tuple(starts), tuple(blocks))


@dataclass(frozen=True)
class EngineHit:
    start: int  # source offsets
    end: int
    message: str
    suggestions: tuple[str, ...]
    engine: str  # harper | languagetool
    code: str  # the engine's own rule name (ItsPossessive, MORFOLOGIK_RULE_EN_GB)
    category: str  # spelling | grammar
    problem: str = ""  # the folded text the engine objected to
    extra: dict[str, str] = field(default_factory=dict, compare=False)


class Engine(Protocol):
    name: str

    def check(self, prose: ProseText, doc: Document) -> list[EngineHit]:
        """Hits for the post's prose, in source offsets."""
        ...
