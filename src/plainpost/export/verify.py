"""The published page carries every word the linter checked.

After cleaning, rendering and sanitising, every prose block of the (cleaned) post must be in
the page's text, in order (an image's alt text in an ``alt`` attribute). Code spans are not
prose: a block is compared piece by piece around them. White space is ignored (HTML folds it)
and typography is folded as the linter folds it. A block that is missing means something
between the linter and the reader lost words, and the build stops that post rather than
publish it.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterable

from plainpost.document import Block, Document
from plainpost.document.parse import DROP, FOLD

_CODE = "\ufffc"
_SPACE_RE = re.compile(r"\s+")
_TABLE = str.maketrans({**FOLD, **dict.fromkeys(DROP, "")})


def _norm(text: str) -> str:
    return _SPACE_RE.sub("", text.translate(_TABLE))


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.alts.extend(v or "" for k, v in attrs if k == "alt")

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def missing_blocks(doc: Document, fragment: str, skip: Iterable[int] = ()) -> list[Block]:
    """The prose blocks of ``doc`` that the HTML ``fragment`` lacks (``skip``: block indexes
    shown elsewhere on the page, such as a leading heading that repeats the title)."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    page = _norm("".join(parser.chunks))
    alts = [_norm(a) for a in parser.alts]
    skipped = set(skip)
    missing: list[Block] = []
    cursor = 0
    for block in doc.blocks:
        if block.index in skipped:
            continue
        if block.kind == "alt":
            pieces = [w for w in map(_norm, block.text.split(_CODE)) if w]
            if pieces and not any(_in_order(pieces, alt) for alt in alts):
                missing.append(block)
            continue
        for piece in block.text.split(_CODE):
            want = _norm(piece)
            if not want:
                continue
            at = page.find(want, cursor)
            if at >= 0:
                cursor = at + len(want)
            elif want not in page:  # moved (a table's stray text), not lost
                missing.append(block)
                break
    return missing


def _in_order(pieces: list[str], text: str) -> bool:
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True
