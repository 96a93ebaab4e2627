"""What the page says about a post: title, people, dates, slug, sources and its JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plainpost.document import Document
from plainpost.document.values import as_date
from plainpost.export.sanitize import is_external

# Health pages are reviewed at least every three years unless the front matter says
# otherwise (`next_review`): the NHS's review cycle for health information, which the PIF
# TICK also accepts.
REVIEW_YEARS = 3
DESCRIPTION_CHARS = 160
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Citation:
    name: str
    url: str


@dataclass(frozen=True)
class PostInfo:
    slug: str
    title: str
    description: str
    lang: str
    author: str
    reviewer: str
    published: dt.date | None
    last_reviewed: dt.date | None
    next_review: dt.date | None
    tags: tuple[str, ...]
    citations: tuple[Citation, ...]
    url: str = ""  # the canonical URL, when the site's base_url is known
    image: str = ""  # the first image's URL (absolute when base_url is known)


@dataclass(frozen=True)
class Publisher:
    """From ``[tool.plainpost.site]``: who publishes the site."""

    name: str = ""
    logo: str = ""  # an absolute URL


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""

    return None


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def post_info(doc: Document, path: Path, sources_heading: re.Pattern[str] | None) -> PostInfo:
    meta = doc.meta
    slug = slugify(_text(meta, "slug")) or slugify(path.stem) or "post"
    title = _text(meta, "title") or _first_heading(doc) or path.stem.replace("-", " ").capitalize()
    last = as_date(meta.get("last_reviewed"))
    nxt = as_date(meta.get("next_review")) or (add_years(last, REVIEW_YEARS) if last else None)
    tags = meta.get("tags")
    return PostInfo(
        slug=slug,
        title=title,
        description=_text(meta, "description") or _first_paragraph(doc),
        lang=doc.lang,
        author=_text(meta, "author"),
        reviewer=_text(meta, "reviewed_by"),
        published=as_date(meta.get("date")),
        last_reviewed=last,
        next_review=nxt,
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        citations=_citations(doc, sources_heading),
    )


def _first_heading(doc: Document) -> str:
    return next((h.text.strip() for h in doc.headings if h.text.strip()), "")


def _first_paragraph(doc: Document) -> str:
    text = next((" ".join(b.text.split()) for b in doc.blocks if b.kind == "paragraph"), "")
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _citations(doc: Document, heading: re.Pattern[str] | None) -> tuple[Citation, ...]:
    """The web links under the post's Sources heading (the pattern comes from rules/)."""
    if heading is None:
        return ()
    out: dict[str, Citation] = {}
    for i, head in enumerate(doc.headings):
        if heading.search(head.text):
            for block in doc.section_blocks(i):
                for link in block.links:
                    if is_external(link.href) and link.href not in out:
                        name = " ".join(link.text.split()) or link.href
                        out[link.href] = Citation(name=name, url=link.href)
            break
    return tuple(out.values())


def format_date(day: dt.date, lang: str) -> str:
    """``12 October 2026``; ``October 12, 2026`` in US English."""
    month = MONTHS[day.month - 1]
    if lang.lower() == "en-us":
        return f"{month} {day.day}, {day.year}"
    return f"{day.day} {month} {day.year}"


def json_ld_data(info: PostInfo, publisher: Publisher | None = None) -> dict[str, Any]:
    """schema.org MedicalWebPage for a post (:func:`json_ld` is its form for a page)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": info.title,
        "headline": info.title,
        "inLanguage": info.lang,
    }
    if info.description:
        data["description"] = info.description
    if info.author:
        data["author"] = {"@type": "Person", "name": info.author}
    if info.reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": info.reviewer}
    if info.published:
        data["datePublished"] = info.published.isoformat()
    if info.last_reviewed:
        data["lastReviewed"] = info.last_reviewed.isoformat()
        data["dateModified"] = info.last_reviewed.isoformat()
    elif info.published:
        data["dateModified"] = info.published.isoformat()
    if info.url:
        data["url"] = info.url
        data["mainEntityOfPage"] = info.url
    if info.image:
        data["image"] = info.image
    if publisher is not None and publisher.name:
        org: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
        if publisher.logo:
            org["logo"] = {"@type": "ImageObject", "url": publisher.logo}
        data["publisher"] = org
    if info.tags:
        data["keywords"] = ", ".join(info.tags)
    if info.citations:
        data["citation"] = [
            {"@type": "CreativeWork", "name": c.name, "url": c.url} for c in info.citations
        ]
    return data


def json_ld(info: PostInfo, publisher: Publisher | None = None) -> str:
    """schema.org MedicalWebPage, safe to place inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes, so no value (a title with
    ``</script>`` or ``<!--`` in it, say) can end the script element or open a comment: the
    HTML parser never sees those characters, and the JSON means exactly the same.
    """
    data = json_ld_data(info, publisher)
    return escape_json_for_script(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def escape_json_for_script(text: str) -> str:
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
