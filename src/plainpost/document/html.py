"""Raw HTML in a post: what publishing keeps of it, and a tokeniser with positions.

A post may carry raw HTML (CommonMark passes it through). Three layers must agree on it: the
linter (which prose a reader will see), the renderer (what reaches the sanitiser) and the
sanitiser (nh3, in :mod:`plainpost.export.sanitize`). This module is their one source:

* the **policy**: the tags and attributes a published page keeps, the tags removed together
  with everything inside them, the URL schemes a link or image may use;
* :func:`scan`: raw HTML split into tags, comments, declarations and text, each with its span,
  following the HTML tokeniser's data state (quoted attribute values may hold ``>``; a comment
  ends at the first ``-->``, ``--!>``, or straight away for ``<!-->``). Only ``<script>`` and
  ``<style>`` hold raw text: code, never prose;
* :func:`neutralise`: raw HTML with every tag the page will not keep taken out (and script and
  style with their code), so that no stray tag can make the sanitiser's HTML parser swallow the
  prose after it. What is left is allowed tags and text: the same prose the linter checked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# The tags a page keeps (nh3's allowlist in plainpost.export.sanitize is built from this).
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
        "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
    }
)  # fmt: skip
# Tags the sanitiser removes together with everything inside them. In a browser's parser most
# of them also change how what follows is read (as raw text, up to a closing tag that may never
# come), which is how one stray tag deletes the rest of a page.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
        "embed", "applet", "svg", "math", "textarea", "select", "title", "xmp", "noembed",
        "noframes", "plaintext", "head", "meta", "link", "base",
    }
)  # fmt: skip
# Tags that are removed and take something the reader would use with them: a control, a frame,
# a media player. (Tags such as <font> or <center> are removed too but lose nothing.)
REMOVED_INTERACTIVE = frozenset(
    {
        "form", "input", "button", "option", "optgroup", "datalist", "output", "fieldset",
        "legend", "label", "video", "audio", "source", "track", "canvas", "picture", "image",
        "isindex", "keygen", "marquee", "dialog", "portal", "slot", "param", "html", "body",
    }
)  # fmt: skip
# Raw text elements: what follows the start tag is code up to the matching end tag.
RAW_TEXT = frozenset({"script", "style"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"lang", "title"}),
    "a": frozenset({"href", "id"}),
    "details": frozenset({"open"}),  # without it an open disclosure is shut, its words hidden
    "img": frozenset({"src", "alt", "width", "height"}),
    "li": frozenset({"id", "value"}),
    "ol": frozenset({"start", "reversed"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose value a browser follows as a URL (or runs, for javascript: ones).
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
        "lowsrc", "dynsrc", "srcset", "codebase", "cite", "ping", "manifest", "longdesc",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
CODE_TAGS = frozenset({"code", "kbd", "samp", "pre"})

_URL_JUNK = re.compile(r"[\x00-\x20\x7f]+")
_NAME_END = frozenset(" \t\n\f\r/>")


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # lower case
    value: str  # as written (entities not decoded)
    start: int  # span of the whole attribute in the scanned string
    end: int
    value_start: int = -1  # where the value starts (-1: no value)


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of raw HTML: ``tag`` (start or end), ``comment``, ``declaration`` (``<!...>``,
    ``<?...>``, CDATA), ``raw`` (the code inside script or style) or ``text``."""

    kind: str
    start: int
    end: int
    name: str = ""  # tags: lower case
    closing: bool = False  # an end tag
    attributes: tuple[Attribute, ...] = ()
    unterminated: bool = False  # a tag or comment that the string ends inside

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


def url_scheme(url: str) -> str:
    """The scheme a browser would see (control characters and spaces ignored), or ''."""
    bare = _URL_JUNK.sub("", url)
    m = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", bare)
    return m.group(1).lower() if m else ""


def unsafe_url(url: str) -> bool:
    """A URL the page will not keep: any scheme but http, https and mailto."""
    scheme = url_scheme(decode_entities(url))
    return bool(scheme) and scheme not in URL_SCHEMES


def decode_entities(value: str) -> str:
    return html.unescape(value)


def scan(s: str) -> list[Piece]:
    """Split raw HTML into pieces, in order, covering the whole string."""
    out: list[Piece] = []
    n = len(s)
    i = 0
    text_start = 0

    def flush(upto: int) -> None:
        if upto > text_start:
            out.append(Piece("text", text_start, upto))

    while i < n:
        lt = s.find("<", i)
        if lt < 0:
            break
        nxt = s[lt + 1 : lt + 2]
        if s.startswith("<!--", lt):
            flush(lt)
            end, closed = _comment_end(s, lt)
            out.append(Piece("comment", lt, end, unterminated=not closed))
            i = text_start = end
        elif nxt in ("!", "?") or (nxt == "/" and lt + 2 < n and not _ascii_letter(s[lt + 2])):
            # <!...>, <?...> and </ followed by anything but a letter: bogus comments up to
            # the next > (the tokeniser's rule), removed from the page
            flush(lt)
            gt = s.find(">", lt + 2)
            end = n if gt < 0 else gt + 1
            out.append(Piece("declaration", lt, end, unterminated=gt < 0))
            i = text_start = end
        elif _ascii_letter(nxt) or (nxt == "/" and _ascii_letter(s[lt + 2 : lt + 3])):
            flush(lt)
            piece = _tag(s, lt)
            out.append(piece)
            i = text_start = piece.end
            if piece.name in RAW_TEXT and not piece.closing and not piece.unterminated:
                close = _raw_text_end(s, piece.end, piece.name)
                if close > piece.end:
                    out.append(Piece("raw", piece.end, close, name=piece.name))
                i = text_start = close
        else:
            i = lt + 1
    flush(n)
    return out


def _ascii_letter(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and ch.isalpha()


def _comment_end(s: str, lt: int) -> tuple[int, bool]:
    after = lt + 4
    if s.startswith(">", after):
        return after + 1, True  # <!-->
    if s.startswith("->", after):
        return after + 2, True  # <!--->
    candidates = [e for e in (s.find("-->", after), s.find("--!>", after)) if e >= 0]
    if not candidates:
        return len(s), False
    first = min(candidates)
    return first + (3 if s.startswith("-->", first) else 4), True


def _raw_text_end(s: str, start: int, name: str) -> int:
    """Where the raw text of a script or style ends: at its end tag, or the end of the string."""
    pattern = re.compile(rf"</{name}[\s/>]", re.I)
    m = pattern.search(s, start)
    if m is None:
        tail = re.compile(rf"</{name}$", re.I).search(s, start)
        return tail.start() if tail else len(s)
    return m.start()


def _tag(s: str, lt: int) -> Piece:
    n = len(s)
    closing = s[lt + 1] == "/"
    i = lt + (2 if closing else 1)
    j = i
    while j < n and s[j] not in _NAME_END:
        j += 1
    name = s[i:j].lower()
    attrs: list[Attribute] = []
    i = j
    while True:
        while i < n and s[i] in " \t\n\f\r/":
            i += 1
        if i >= n:
            return Piece("tag", lt, n, name, closing, tuple(attrs), unterminated=True)
        if s[i] == ">":
            return Piece("tag", lt, i + 1, name, closing, tuple(attrs))
        a_start = i
        i += 1  # the first character of a name may be '='
        while i < n and s[i] not in " \t\n\f\r/>=":
            i += 1
        a_name = s[a_start:i].lower()
        k = i
        while k < n and s[k] in " \t\n\f\r":
            k += 1
        value = ""
        value_start = -1
        if k < n and s[k] == "=":
            k += 1
            while k < n and s[k] in " \t\n\f\r":
                k += 1
            if k < n and s[k] in "\"'":
                close = s.find(s[k], k + 1)
                if close < 0:
                    return Piece("tag", lt, n, name, closing, tuple(attrs), unterminated=True)
                value = s[k + 1 : close]
                value_start = k + 1
                k = close + 1
            else:
                v = k
                while k < n and s[k] not in " \t\n\f\r>":
                    k += 1
                value = s[v:k]
                value_start = v
            i = k
        attrs.append(Attribute(a_name, value, a_start, i, value_start))


def kept(piece: Piece) -> bool:
    """Whether a published page keeps this tag (its attributes are filtered on their own)."""
    return piece.kind == "tag" and piece.name in ALLOWED_TAGS and not piece.unterminated


def neutralise(s: str) -> str:
    """Raw HTML with only the tags a page keeps, so nothing after it can be swallowed.

    Tags the page would not keep are taken out (their text stays, as the linter read it);
    script and style lose their code as well; declarations go; an unclosed comment is shown
    as text rather than hiding what follows; an unfinished tag is shown as text. When
    nothing needs taking out the string is returned as it is.
    """
    pieces = scan(s)
    if all(kept(p) or (p.kind in ("text", "comment") and not p.unterminated) for p in pieces):
        return s
    out: list[str] = []
    for p in pieces:
        chunk = s[p.start : p.end]
        if p.kind == "text" or kept(p) or (p.kind == "comment" and not p.unterminated):
            out.append(chunk)
        elif p.unterminated and p.kind in ("comment", "tag"):
            out.append(chunk.replace("&", "&amp;").replace("<", "&lt;"))
    return "".join(out)
