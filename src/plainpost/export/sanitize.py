"""The only way HTML reaches a page: nh3 (ammonia) with an allowlist, then two small rewrites.

Everything rendered from a post's body, Markdown and raw HTML alike, passes through
:func:`sanitize`. The allowlist keeps the tags that prose, lists, tables, images and footnotes
need and nothing that can run code, load a frame, style the page or submit a form. ``href`` and
``src`` may only be ``http``, ``https`` or ``mailto`` URLs, or relative ones; protocol-relative
URLs (``//host``, which a browser resolves against the page's scheme) are dropped too.

After cleaning, external links get ``rel="noopener noreferrer"`` (nh3's own ``link_rel`` would
put it on every link, internal ones included), and when the body has its own top-level heading
every heading moves down one level, so that the page keeps one ``<h1>``: the post's title.
Both rewrites rely on nh3's serialisation: tags are lower case, attribute values are always in
double quotes with ``"`` escaped, and ``<`` in text is always ``&lt;``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

from plainpost.document.html import ALLOWED_TAGS, DROPPED_WITH_CONTENT, URL_SCHEMES
from plainpost.document.html import ATTRIBUTES as _ATTRIBUTES

# The policy is shared with the linter (plainpost.document.html), so what lint reports as
# removed is exactly what is removed here.
ATTRIBUTES: dict[str, set[str]] = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
CLASSES: dict[str, set[str]] = {
    # from markdown-it: footnotes (mdit-py-plugins) and table alignment (see render.py)
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "li": {"footnote-item"},
    "ol": {"footnotes-list"},
    "section": {"footnotes"},
    "sup": {"footnote-ref"},
    "td": {"align-left", "align-center", "align-right"},
    "th": {"align-left", "align-center", "align-right"},
}
EXTERNAL_REL = "noopener noreferrer"

_ID_RE = re.compile(r"^fn(?:ref)?\d{1,6}(?::\d{1,6})?$")  # markdown-it footnote anchors only
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_NUMBER_RE = re.compile(r"^\d{1,4}$")
_URL_STRIP = str.maketrans("", "", "\t\n\r")  # what the URL parser ignores inside a URL
_A_START_RE = re.compile(r'<a((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>')
_HREF_RE = re.compile(r'\shref="([^"]*)"')
_HEADING_RE = re.compile(r"<(/?)h([1-6])>")
_H1_RE = re.compile(r"<h1>")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _ID_RE.match(value) else None
    if attr == "lang":
        return value if _LANG_RE.match(value) else None
    if attr in ("width", "height", "colspan", "rowspan", "start", "value"):
        return value if _NUMBER_RE.match(value.strip()) else None
    if attr == "scope":
        return value if value in ("col", "row", "colgroup", "rowgroup") else None
    return value


def _relative_url(url: str) -> str | None:
    """Keep relative URLs, except protocol-relative ones (``//host``, ``/\\host``)."""
    bare = url.translate(_URL_STRIP).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
        "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
        "\x1b\x1c\x1d\x1e\x1f "
    )
    if bare[:2] in ("//", "/\\", "\\/", "\\\\"):
        return None
    return url


@lru_cache(maxsize=1)
def cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        url_relative=_relative_url,
    )


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment, then mark external links."""
    return add_external_rel(cleaner().clean(fragment))


def is_external(href: str) -> bool:
    scheme = href.translate(_URL_STRIP).strip().split(":", 1)[0].lower()
    return ":" in href and scheme in ("http", "https")


def add_external_rel(fragment: str) -> str:
    """``rel="noopener noreferrer"`` on every link to another site (only nh3 output)."""

    def mark(m: re.Match[str]) -> str:
        attrs = m.group(1)
        href = _HREF_RE.search(attrs)
        if href is None or not is_external(html.unescape(href.group(1))):
            return m.group(0)
        return f'<a{attrs} rel="{EXTERNAL_REL}">'

    return _A_START_RE.sub(mark, fragment)


def shift_headings(fragment: str) -> str:
    """Move every heading down a level when the fragment has an ``<h1>`` (only nh3 output)."""
    if not _H1_RE.search(fragment):
        return fragment
    return _HEADING_RE.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", fragment)
