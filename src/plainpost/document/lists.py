"""Lines that start a list (or something a list-introducing sentence may introduce)."""

from __future__ import annotations

import re

from plainpost.document.model import Block, Document

# What a sentence ending in a colon may introduce: a list, a table, code, HTML, an image, or a
# fake list of bullet glyphs (which the pseudo-bullets rule reports on its own).
BULLET_GLYPHS = "•·▪‣◦–—○●■►➢➤✓✔\uf0b7\uf0a7"
LIST_START_RE = re.compile(
    r"^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||```|~~~|<|!\[|[" + BULLET_GLYPHS + r"][ \t])"
)


def followed_by_list(doc: Document, block: Block) -> bool:
    """Whether the first non-blank line after the block starts a list (or table, code, ...)."""
    text = doc.text
    at = block.end
    while at < len(text):
        nl = text.find("\n", at)
        line = text[at : nl if nl >= 0 else len(text)]
        if line.strip():
            return bool(LIST_START_RE.match(line)) or line.startswith(("    ", "\t"))
        if nl < 0:
            break
        at = nl + 1
    return False
