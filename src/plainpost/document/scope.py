"""Which prose a check looks at."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plainpost.document import Block, Document

PROSE_KINDS = ("paragraph", "list_item", "heading", "table_cell", "alt")
SOURCES_HEADING_RE = re.compile(
    r"^\s*(?:sources?|references?|further reading|bibliography|citations?|evidence)\b", re.I
)


def is_sources_heading(block: Block) -> bool:
    return block.kind == "heading" and bool(SOURCES_HEADING_RE.match(block.text))


def blocks_in_scope(
    doc: Document, kinds: tuple[str, ...] | list[str] = PROSE_KINDS, skip_sources: bool = True
) -> Iterator[Block]:
    """Prose blocks of the given kinds, leaving out the sources section (titles of papers)."""
    skip_level = 0
    for block in doc.blocks:
        if block.kind == "heading":
            if skip_level and block.level <= skip_level:
                skip_level = 0
            if skip_sources and is_sources_heading(block):
                skip_level = block.level
                continue
        if skip_level or block.kind not in kinds:
            continue
        yield block
