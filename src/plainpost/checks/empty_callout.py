"""empty-callout: a label (IMPORTANT:, Note –) followed by nothing, a teaser or a missing list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.lists import followed_by_list
from plainpost.document.model import WORD_RE
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    labels: list[str] = field(
        default_factory=lambda: ["important", "warning", "caution", "note", "tip", "danger"]
    )
    max_words: int = 8  # a label followed by only a short unpunctuated phrase is a teaser


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A label (IMPORTANT:, Warning –, **Note:**) followed by nothing, by a teaser question or
    fragment, or by a colon with no list after it. A label whose list follows is not empty."""
    opts: Options = rule.options
    labels = "|".join(map(re.escape, opts.labels))
    label_re = re.compile(rf"^\W{{0,3}}({labels})\W{{0,3}}\s*(?::|[–—]|\s-\s)\W{{0,3}}", re.I)
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        m = label_re.match(block.text)
        if not m:
            continue
        body = block.text[m.end() :].strip().strip("*_")
        words = WORD_RE.findall(body)
        if (not words or body.endswith(":")) and followed_by_list(doc, block):
            continue  # the list is what the callout says
        teaser = body.endswith(("?", ":", "…", "...")) or not body.endswith((".", "!", ")"))
        if not words or (teaser and len(words) <= opts.max_words) or body.endswith(":"):
            s, e = block.span(0, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=doc.text[s:e], label=m.group(1)))
