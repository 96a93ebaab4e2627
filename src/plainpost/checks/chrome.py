"""repeated-title: pasted-page leftovers that repeat the title or the line before.

A page copied from a site brings its title with it, often more than once: as a line or heading
that is the front-matter title again (the build shows the title itself), as the title with the
site's name after it ("Hay fever guide - High Street Pharmacy"), and as a card or teaser title
printed twice in a row. Each such line is reported once, as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lower case, punctuation and Markdown marks out, spaces collapsed: for comparing titles."""
    return _NON_WORD.sub(" ", text.replace("&", " and ")).strip().lower()


@dataclass(frozen=True)
class Options:
    # separators between a title and a site name: "Title - Site", "Title | Site"
    separators: list[str] = field(default_factory=lambda: [" - ", " – ", " — ", " | ", " · "])
    min_words: int = 3  # a repeated line shorter than this is left alone ("Yes", "Do")
    blocks: list[str] = field(default_factory=lambda: ["heading", "paragraph"])


def same_as_title(text: str, title: str, separators: list[str]) -> bool:
    """Is a line the title, or the title with a site name after (or before) a separator?"""
    want = normalise(title)
    if not want:
        return False
    if normalise(text) == want:
        return True
    for sep in separators:
        if sep in text:
            head, _, tail = text.partition(sep)
            if normalise(head) == want or normalise(text.rpartition(sep)[2]) == want:
                return bool(tail.strip())
    return False


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    title = doc.meta.get("title")
    title = title if isinstance(title, str) else ""
    previous: Block | None = None
    for block in doc.blocks:
        if block.kind not in opts.blocks or block.containers:
            previous = None
            continue
        text = block.text.strip()
        s, e = block.span(0, len(block.text))
        if title and same_as_title(text, title, opts.separators):
            yield Hit(s, e, rule.format(match=doc.text[s:e], what="the post's title"))
        elif (
            previous is not None
            and normalise(text) == normalise(previous.text)
            and len(normalise(text).split()) >= opts.min_words
        ):
            yield Hit(s, e, rule.format(match=doc.text[s:e], what="the line before it"))
        previous = block
