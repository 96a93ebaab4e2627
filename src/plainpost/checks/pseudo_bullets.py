"""pseudo-bullets: bullet glyphs pasted at the start of lines instead of a Markdown list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.lists import BULLET_GLYPHS
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    # bullets pasted from web pages and word processors ("\uf0b7" is Word's Symbol-font bullet)
    glyphs: list[str] = field(default_factory=lambda: list(BULLET_GLYPHS))


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    glyph_re = re.compile("(?m)^[ \t]*([" + re.escape("".join(opts.glyphs)) + "])[ \t]+")
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item", "table_cell"):
            continue
        for m in glyph_re.finditer(block.text):
            s, e = block.span(m.start(1), m.end(1))
            yield Hit(s, e, rule.format(match=m.group(1)), ("-",))
