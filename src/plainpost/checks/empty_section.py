"""empty-section: a heading with nothing under it before the next heading of its level."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    pass


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    heads = doc.headings
    for i, head in enumerate(heads):
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is not None and nxt.level > head.level:
            continue  # a subsection follows: the section has content
        end = nxt.start if nxt is not None else len(doc.text)
        between = re.sub(r"<!--.*?-->", "", doc.text[head.end : end], flags=re.S)
        if between.strip():
            continue
        s, e = head.span(0, len(head.text))
        yield Hit(s, e, rule.format(match=head.text))
