"""Internal links and image paths of the built pages, checked against what the build wrote.

A link to another site (``https:``, ``mailto:``...) or to an anchor on the same page is not
checked. Every other link is resolved as the browser would from the post's page
(``<slug>/index.html``): a link to a page or file that the build did not write is a finding
at the link's line. Site-absolute links (``/contact/``) are resolved from the site's root:
the output folder, or the path of ``base_url``; a link outside that path belongs to the rest
of the site and is not ours to check.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from plainpost.document import Document
from plainpost.findings import Finding, Severity

RULE = "broken-link"


@dataclass(frozen=True)
class PostLinks:
    doc: Document
    slug: str


def _target(href: str, slug: str, base_path: str) -> str | None:
    """The output path a link points at, or None when it is not ours to check."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or href.strip().startswith("//"):
        return None
    path = unquote(parts.path)
    if not path:
        return None  # #anchor or ?query on the same page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        rel = path[len(base_path) :]
    else:
        rel = posixpath.join(slug, path)
    norm = posixpath.normpath(rel) if rel else "."
    if norm.startswith(".."):
        return None  # above the site's root: not ours
    return "" if norm == "." else norm


def _exists(target: str, written: set[str]) -> bool:
    if target == "":
        return "index.html" in written
    return target in written or f"{target}/index.html" in written


def broken_links(posts: Iterable[PostLinks], written: set[str], base_path: str) -> list[Finding]:
    out: list[Finding] = []
    for post in posts:
        doc = post.doc
        checks = [(link.href, link.start, link.end, "link") for b in doc.blocks for link in b.links]
        checks += [(img.src, img.start, img.end, "image") for img in doc.images]
        for href, start, end, what in sorted(checks, key=lambda c: c[1]):
            target = _target(href, post.slug, base_path)
            if target is None or _exists(target, written):
                continue
            line, col = doc.index.position(start)
            end_line, end_col = doc.index.position(end)
            out.append(
                Finding(
                    path=doc.path,
                    line=line,
                    column=col,
                    end_line=end_line,
                    end_column=end_col,
                    rule=RULE,
                    category="structure",
                    severity=Severity.WARNING,
                    message=(
                        f"The {what} “{href}” points at nothing on the built site: fix the "
                        "address, or link to the full https:// address of a page elsewhere."
                    ),
                    start=start,
                    end=end,
                )
            )
    return out
