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
    # a dash needs a space after it ("– like this"); a round or square bullet does not
    # ("•Receding gums"), since no word starts with one
    dashes = "".join(g for g in opts.glyphs if g in "-–—")
    others = "".join(g for g in opts.glyphs if g not in dashes)
    alternatives = []
    if dashes:
        alternatives.append("([" + re.escape(dashes) + "])[ \t]+")
    if others:
        alternatives.append("([" + re.escape(others) + "])[ \t]*(?=\\S)")
    if not alternatives:
        return
    glyph_re = re.compile("(?m)^[ \t]*(?:" + "|".join(alternatives) + ")")
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item", "table_cell"):
            continue
        for m in glyph_re.finditer(block.text):
            g = 1 if m.group(1) is not None else 2
            s, e = block.span(m.start(g), m.end(g))
            spaced = block.text[m.end(g) : m.end(g) + 1] in (" ", "\t")
            yield Hit(s, e, rule.format(match=m.group(g)), ("-" if spaced else "- ",))
