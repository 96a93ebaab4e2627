"""heading-order: a second top-level heading, or a level skipped on the way down. A body H1 that
repeats the front-matter title is the title (build drops it), not a second top-level heading."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.chrome import normalise
from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    front_matter_title_is_h1: bool = True


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    title = doc.meta.get("title")
    h1_seen = opts.front_matter_title_is_h1 and bool(title)
    title_h1 = isinstance(title, str) and opts.front_matter_title_is_h1
    previous = 1
    for head in doc.headings:
        s, e = head.span(0, len(head.text))
        if head.level == 1:
            if title_h1 and normalise(head.text) == normalise(str(title)):
                title_h1 = False  # the title itself, repeated in the body: build drops it
                continue
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
