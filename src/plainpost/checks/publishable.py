"""What will not survive publishing: raw HTML and link targets the sanitiser removes.

The published page keeps only the tags, attributes and URL schemes of the policy in
:mod:`plainpost.document.html` (the sanitiser is built from the same lists), so this check
tells the writer, at the line, what would silently vanish: tags removed with everything in
them (and, when never closed, everything after them), scripts, frames, forms and media, event
handlers and style attributes, and ``javascript:``, ``data:`` or ``vbscript:`` links and
images. One finding per element: an end tag is not reported again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.html import (
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    REMOVED_INTERACTIVE,
    URL_ATTRIBUTES,
    Piece,
    unsafe_url,
    url_scheme,
)
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    pass


# Allowed tags that, left open, fold the rest of the page away: the words publish, but behind a
# closed disclosure the reader may never open.
FOLDING = frozenset({"details"})


def _unclosed(pieces: list[Piece]) -> set[int]:
    """Indexes of the start tags the rest of the post never closes, in one pass from the end.
    A folding element nests (inner ones match first, as the HTML parser does); any other is
    closed by any later end tag of its name (raw text such as `<style>` ends at the first)."""
    pending: dict[str, int] = {}
    closes: set[str] = set()
    out: set[int] = set()
    for i in range(len(pieces) - 1, -1, -1):
        p = pieces[i]
        if p.kind != "tag" or p.unterminated:
            continue
        if p.closing:
            pending[p.name] = pending.get(p.name, 0) + 1
            closes.add(p.name)
        elif p.name not in FOLDING:
            if p.name not in closes:
                out.add(i)
        elif pending.get(p.name, 0):
            pending[p.name] -= 1
        else:
            out.add(i)
    return out


def _tag_problem(pieces: list[Piece], i: int, unclosed: set[int]) -> str:
    p = pieces[i]
    if p.unterminated:
        return f"the tag “<{p.name}” is never finished with “>”, so it and what follows vanish"
    if p.closing:
        return ""
    if p.name in FOLDING and i in unclosed:
        return (
            f"<{p.name}> is never closed: everything after it is folded away behind its summary "
            f"(close it with </{p.name}> where the hidden part ends)"
        )
    if p.name in ALLOWED_TAGS:
        return ""
    if p.name in DROPPED_WITH_CONTENT:
        if p.name in ("meta", "link", "base") or i not in unclosed:
            return f"<{p.name}> is removed from the page with everything inside it"
        return (
            f"<{p.name}> is never closed: the page would lose it and everything after it "
            f"(if you mean the words, write `<{p.name}>` in backticks)"
        )
    if p.name in REMOVED_INTERACTIVE:
        return f"<{p.name}> is removed from the page: forms, controls and media do not publish"
    return ""


def _attribute_problems(p: Piece) -> Iterator[tuple[int, int, str]]:
    for a in p.attributes:
        if a.name.startswith("on"):
            yield a.start, a.end, f"the event handler {a.name} is removed: no script runs"
        elif a.name == "style":
            yield a.start, a.end, "the style attribute is removed: the site's stylesheet styles"
        elif a.name in URL_ATTRIBUTES and unsafe_url(a.value):
            scheme = url_scheme(a.value)
            yield a.start, a.end, f"a {scheme}: URL is removed: links may be http, https or mailto"


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    pieces = doc.html
    unclosed = _unclosed(pieces)
    for i, p in enumerate(pieces):
        if p.kind == "comment" and p.unterminated:
            problem = "this comment is never closed with -->, so everything after it is hidden"
            yield Hit(p.start, min(p.start + 4, p.end), rule.format(problem=problem))
        elif p.kind == "declaration":
            text = doc.text[p.start : p.end]
            yield Hit(p.start, p.end, rule.format(problem=f"“{text[:40]}” is removed"))
        elif p.kind == "tag":
            problem = _tag_problem(pieces, i, unclosed)
            if problem:
                yield Hit(p.start, p.end, rule.format(problem=problem))
                continue  # the element goes, and its attributes with it
            if p.closing:
                continue
            for start, end, what in _attribute_problems(p):
                yield Hit(start, end, rule.format(problem=what))
    for link in _markdown_links(doc):
        href, start, end, what = link
        scheme = url_scheme(href)
        problem = f"a {scheme}: {what} does not publish: use an http, https or mailto address"
        yield Hit(start, end, rule.format(problem=problem))


def _markdown_links(doc: Document) -> Iterator[tuple[str, int, int, str]]:
    """Markdown links and images with a scheme the page will not keep (raw HTML is above)."""
    raw = {(p.start, p.end) for p in doc.html if p.kind == "tag"}

    def in_raw(start: int) -> bool:
        return any(s <= start < e for s, e in raw)

    for block in doc.blocks:
        for link in block.links:
            if unsafe_url(link.href) and not in_raw(link.start):
                yield link.href, link.start, link.end, "link"
    for image in doc.images:
        if unsafe_url(image.src) and not in_raw(image.start):
            yield image.src, image.start, image.end, "image address"
