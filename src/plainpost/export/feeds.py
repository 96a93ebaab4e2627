"""sitemap.xml (the sitemaps.org protocol) and an Atom feed (RFC 4287) of the published posts.

Both need absolute URLs, so they are written only when the site's ``base_url`` is known.
Text is escaped for XML; nothing depends on the clock (a feed's ``updated`` is the newest
post's date), so the same posts give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from plainpost.export.meta import PostInfo
from plainpost.export.siteconf import Site


def _modified(info: PostInfo) -> dt.date | None:
    return info.last_reviewed or info.published


def _stamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def sitemap_xml(posts: Sequence[PostInfo], site: Site) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        f"<url><loc>{escape(site.base_url)}</loc></url>",
    ]
    for info in posts:
        day = _modified(info)
        lastmod = f"<lastmod>{day.isoformat()}</lastmod>" if day else ""
        lines.append(f"<url><loc>{escape(info.url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def atom_xml(posts: Sequence[PostInfo], site: Site) -> str:
    days = [d for d in map(_modified, posts) if d]
    feed_url = site.url("feed.xml")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.lang)}>',
        f"<id>{escape(feed_url)}</id>",
        f"<title>{escape(site.name)}</title>",
        f"<updated>{_stamp(max(days) if days else None)}</updated>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(site.base_url)}/>',
        f"<author><name>{escape(site.publisher.name or site.name)}</name></author>",
    ]
    if site.publisher.logo:
        out.append(f"<logo>{escape(site.publisher.logo)}</logo>")
    for info in posts:
        out += [
            "<entry>",
            f"<id>{escape(info.url)}</id>",
            f"<title>{escape(info.title)}</title>",
            f"<updated>{_stamp(_modified(info))}</updated>",
        ]
        if info.published:
            out.append(f"<published>{_stamp(info.published)}</published>")
        out.append(f'<link rel="alternate" type="text/html" href={quoteattr(info.url)}/>')
        if info.author:
            out.append(f"<author><name>{escape(info.author)}</name></author>")
        for tag in info.tags:
            out.append(f"<category term={quoteattr(tag)}/>")
        if info.description:
            out.append(f"<summary>{escape(info.description)}</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"
