"""image-alt: an image with no alt text, or one that says nothing (a file name, "photo")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    meaningless: list[str] = field(
        default_factory=lambda: ["image", "photo", "picture", "img", "graphic", "alt", "pic"]
    )


FILENAME_RE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|avif)$", re.I)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    for image in doc.images:
        alt = image.alt.strip()
        if alt and alt.lower() not in opts.meaningless and not FILENAME_RE.match(alt):
            continue
        yield Hit(image.start, image.end, rule.format(match=doc.text[image.start : image.end]))
