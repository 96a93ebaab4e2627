"""heading-order: a second top-level heading, or a level skipped on the way down."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    front_matter_title_is_h1: bool = True


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    h1_seen = opts.front_matter_title_is_h1 and bool(doc.meta.get("title"))
    previous = 1
    for head in doc.headings:
        s, e = head.span(0, len(head.text))
        if head.level == 1:
            if h1_seen:
                yield Hit(s, e, rule.format(match=head.text, problem="a second top-level heading"))
            h1_seen = True
        elif head.level > previous + 1:
            yield Hit(
                s,
                e,
                rule.format(
                    match=head.text,
                    problem=f"level {head.level} straight after level {previous}",
                ),
            )
        previous = head.level
