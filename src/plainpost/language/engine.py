"""The one engine interface: plain text with a map back to the source in, hits out.

A :class:`ProseText` is a post's prose as one plain string (blocks joined by blank lines) with the
source offset of every character. An engine (Harper, LanguageTool) checks it and returns
:class:`EngineHit`\\ s in *source* offsets, so every engine's findings land on the exact
line:column of the Markdown file whatever markup surrounds the words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Protocol

from plainpost.document import Block, Document
from plainpost.document.derived import Derived
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.errors import SetupError

SEPARATOR = "\n\n"
# Bounds on what an engine is handed, per post. Harper's spell checker needs memory that grows
# with the square of a word's length (a 32 KB "word" asks for 10 GB), and its time grows a
# little faster than the text (1, 2 and 4 MB posts: 120, 292 and 818 s). A "word" longer than
# MAX_TOKEN_CHARS is no word: it is replaced by one neutral character (as code spans are) and
# reported by the spelling rule. Prose past MAX_ENGINE_CHARS (about 17,000 words: several times
# the longest health post) is not sent to the engines, and the grammar rule says so at the
# first block left out; plainpost's own checks still read all of it (the 5 MB limit stands).
MAX_TOKEN_CHARS = 1_000
MAX_ENGINE_CHARS = 100_000
PLACEHOLDER = "\ufffc"
_LONG_TOKEN = re.compile(r"\S{" + str(MAX_TOKEN_CHARS + 1) + ",}")


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
    long_tokens: tuple[tuple[int, int], ...] = ()  # source spans left out: longer than a word
    cut_at: int | None = None  # source offset of the first block left out (the post is long)

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
    long_tokens: list[tuple[int, int]] = []
    cut_at: int | None = None
    length = 0
    for block in blocks_in_scope(doc, kinds):
        if not block.text.strip():
            continue
        if length + len(block.text) > MAX_ENGINE_CHARS and parts:
            cut_at = block.offsets[0] if block.offsets else block.start
            break
        text, offs = block.text, block.offsets
        if len(text) > MAX_TOKEN_CHARS and _LONG_TOKEN.search(text):
            text, offs = _without_long_tokens(text, offs, long_tokens)
        if parts:
            parts.append(SEPARATOR)
            offsets.extend([-1] * len(SEPARATOR))
            length += len(SEPARATOR)
        starts.append(length)
        blocks.append(block)
        parts.append(text)
        offsets.extend(offs)
        length += len(text)
    return ProseText(
        "".join(parts),
        tuple(offsets),
        doc.lang,
        tuple(starts),
        tuple(blocks),
        tuple(long_tokens),
        cut_at,
    )


def _without_long_tokens(
    text: str, offs: tuple[int, ...], found: list[tuple[int, int]]
) -> tuple[str, tuple[int, ...]]:
    out_text: list[str] = []
    out_offs: list[int] = []
    at = 0
    for m in _LONG_TOKEN.finditer(text):
        s, e = m.span()
        out_text.append(text[at:s])
        out_offs.extend(offs[at:s])
        out_text.append(PLACEHOLDER)
        out_offs.append(offs[s])
        found.append((offs[s], offs[e - 1] + 1))
        at = e
    out_text.append(text[at:])
    out_offs.extend(offs[at:])
    return "".join(out_text), tuple(out_offs)


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

    def check(self, prose: ProseText, doc: Document, derived: Derived) -> list[EngineHit]:
        """Hits for the post's prose, in source offsets. What an engine works out from a
        block's text alone it may keep with ``derived.by_text`` (the lint's memo)."""
        ...
