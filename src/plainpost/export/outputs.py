"""What a site can take besides whole pages: body fragments with metadata, and clean Markdown.

``fragments``: ``<slug>/body.html`` (the sanitised body, the same bytes a page would carry) and
one ``posts.json`` of metadata for all posts, valid against ``schemas/posts.schema.json``.

``markdown``: a Hugo-shaped tree, ``content/posts/<slug>/index.md`` (a page bundle: the
post's images sit beside it, so relative paths keep working), with front matter normalised
for Hugo, Jekyll, Eleventy and Astro (``title``, ``description``, ``date``, ``lastmod`` from
``last_reviewed``, ``slug``, ``tags``, ``author``, ``reviewer``, ``lang``). The body is the
cleaned Markdown with raw HTML reduced to what a page keeps (the sanitiser's policy: other
tags, scripts, handlers, styles and unsafe URLs are taken out), links that would not publish
reduced to their text, and a leading ``# <title>`` dropped: the site's theme shows the title.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from typing import Any

import yaml

from plainpost.document import Block, Document
from plainpost.document.html import ALLOWED_TAGS, ATTRIBUTES, URL_ATTRIBUTES, Piece, unsafe_url
from plainpost.document.model import WORD_RE
from plainpost.export.meta import PostInfo, json_ld_data
from plainpost.fix import Edit, apply_edits

FORMATS = ("html", "fragments", "markdown")
WORDS_PER_MINUTE = 200  # a common adult reading speed for plain prose
POSTS_JSON_VERSION = 1


@dataclass(frozen=True)
class Readability:
    measure: str  # the lint gate's measure, e.g. "SMOG"
    score: float
    target_max: float  # the gate: the readability rule's own option


def reading_minutes(doc: Document) -> int:
    words = sum(len(WORD_RE.findall(b.text)) for b in doc.blocks if b.kind != "alt")
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def post_record(
    info: PostInfo,
    body_file: str,
    body_html: str,
    minutes: int,
    readability: Readability | None,
    notes: tuple[str, ...],
) -> dict[str, Any]:
    """One entry of ``posts.json``."""
    return {
        "slug": info.slug,
        "title": info.title,
        "description": info.description,
        "lang": info.lang,
        "date_published": info.published.isoformat() if info.published else None,
        "last_reviewed": info.last_reviewed.isoformat() if info.last_reviewed else None,
        "next_review": info.next_review.isoformat() if info.next_review else None,
        "author": info.author or None,
        "reviewer": info.reviewer or None,
        "tags": list(info.tags),
        "sources": [{"name": c.name, "url": c.url} for c in info.citations],
        "reading_time_minutes": minutes,
        "readability": None
        if readability is None
        else {
            "measure": readability.measure,
            "score": readability.score,
            "target_max": readability.target_max,
        },
        "notes": list(notes),
        "body_file": body_file,
        "body_html": body_html,
        "json_ld": json_ld_data(info),
    }


def posts_json(site_name: str, records: list[dict[str, Any]]) -> str:
    data = {"version": POSTS_JSON_VERSION, "site": site_name, "posts": records}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- Markdown ---------------------------------------------------------------------------------


def front_matter(info: PostInfo) -> dict[str, Any]:
    """Normalised front matter: the keys Hugo, Jekyll, Eleventy and Astro themes read."""
    data: dict[str, Any] = {"title": info.title}
    if info.description:
        data["description"] = info.description
    if info.published:
        data["date"] = info.published  # YAML dates, unquoted: every generator reads them
    if info.last_reviewed:
        data["lastmod"] = info.last_reviewed  # Hugo's name (Jekyll's plugins and 11ty read it)
        data["last_reviewed"] = info.last_reviewed
    if info.next_review:
        data["next_review"] = info.next_review
    data["slug"] = info.slug
    if info.tags:
        data["tags"] = list(info.tags)
    if info.author:
        data["author"] = info.author
    if info.reviewer:
        data["reviewer"] = info.reviewer
    data["lang"] = info.lang
    data["draft"] = False
    return data


def clean_markdown(doc: Document, info: PostInfo, title_block: Block | None) -> str:
    """The post's Markdown as a static site generator should get it (see the module doc)."""
    text = doc.text
    edits: list[Edit] = []
    fm = yaml.safe_dump(front_matter(info), allow_unicode=True, sort_keys=False, width=1000)
    if doc.meta_span is not None:
        edits.append(Edit(doc.meta_span[0], doc.meta_span[1], f"---\n{fm}---\n"))
    else:
        edits.append(Edit(0, 0, f"---\n{fm}---\n\n"))
    if title_block is not None:
        start = text.rfind("\n", 0, title_block.start) + 1
        nl = text.find("\n", title_block.offsets[-1] if title_block.offsets else start)
        edits.append(Edit(start, len(text) if nl < 0 else nl + 1, ""))
    raw: list[tuple[int, int]] = []
    for piece in doc.html:
        replacement = _html_replacement(piece, text[piece.start : piece.end])
        if piece.kind == "tag":
            raw.append((piece.start, piece.end))
        if replacement is not None:
            edits.append(Edit(piece.start, piece.end, replacement))
    for block in doc.blocks:
        for link in block.links:
            if unsafe_url(link.href) and not _inside(raw, link.start):
                edits.append(Edit(link.start, link.end, _link_text(text, link.start, link.end)))
    for image in doc.images:
        if unsafe_url(image.src) and not _inside(raw, image.start):
            edits.append(Edit(image.start, image.end, ""))
    out, _ = apply_edits(text, edits)
    return out


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(s <= at < e for s, e in spans)


def _link_text(text: str, start: int, end: int) -> str:
    close = text.rfind("](", start, end)
    return text[start + 1 : close] if close > start else ""


def _html_replacement(piece: Piece, written: str) -> str | None:
    """What a raw HTML piece becomes in the Markdown output (None: it stays as written)."""
    if piece.kind == "comment":
        return None if not piece.unterminated else html.escape(written, quote=False)
    if piece.kind in ("declaration", "raw"):
        return ""
    if piece.kind != "tag":
        return None
    if piece.unterminated:
        return html.escape(written, quote=False)
    if piece.name not in ALLOWED_TAGS:
        return ""
    if piece.closing:
        return f"</{piece.name}>"
    allowed = ATTRIBUTES.get(piece.name, frozenset()) | ATTRIBUTES["*"]
    attrs = []
    for a in piece.attributes:
        value = html.unescape(a.value)
        if a.name not in allowed or (a.name in URL_ATTRIBUTES and unsafe_url(value)):
            continue
        attrs.append(f' {a.name}="{html.escape(value, quote=True)}"')
    rebuilt = f"<{piece.name}{''.join(attrs)}>"
    return None if rebuilt == written else rebuilt
