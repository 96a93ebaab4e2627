"""orphan-caption: a short unpunctuated line under an image, a caption the page lost."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.model import WORD_RE
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    max_words: int = 15


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A short unpunctuated paragraph straight after a paragraph that is only an image.

    A caption the writer marked up as one (the whole paragraph in *italics*) is deliberate."""
    opts: Options = rule.options
    prose = [b for b in doc.blocks if b.kind != "alt"]
    image_starts = sorted(img.start for img in doc.images)
    for prev, block in itertools.pairwise(prose):
        if block.kind != "paragraph" or prev.kind != "paragraph":
            continue
        first = bisect.bisect_left(image_starts, prev.start)
        image_only = (
            not prev.text.strip() and first < len(image_starts) and image_starts[first] < prev.end
        )
        text = block.text.strip()
        words = WORD_RE.findall(text)
        source = doc.text[block.start : block.end].strip()
        italic = len(source) > 2 and source[0] in "*_" and source[-1] == source[0]
        if (
            image_only
            and not italic
            and words
            and len(words) <= opts.max_words
            and text[-1] not in ".!?:"
        ):
            s, e = block.span(0, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=text), ("",))
