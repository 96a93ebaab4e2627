"""Markdown (with YAML front matter) to a :class:`Document`.

markdown-it-py gives line maps only on block tokens. For column-exact findings we align each
inline token's ``content`` to its source lines, then walk the inline children over that content,
skipping markup (emphasis markers, link destinations, escapes, entities, code spans). Every prose
character ends up with the offset of the source character it came from.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from plainpost.document.frontmatter import load_front_matter
from plainpost.document.html import (
    BLOCK_TAGS,
    CODE_TAGS,
    Attribute,
    Piece,
    decode_entities,
    scan,
)
from plainpost.document.model import Block, Comment, Document, Image, Link
from plainpost.document.source import LineIndex, Source

ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
FOLD = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\t": " ",
}
DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    # Every link is a link, whatever its scheme: a `javascript:` one is then reported by the
    # linter, and the sanitiser drops its href so the page shows its text, never the literal
    # `[text](javascript:...)` that markdown-it's own refusal would leave.
    md.validateLink = _any_link  # type: ignore[method-assign]
    front_matter_plugin(md)
    footnote_plugin(md)
    return md


def _any_link(url: str) -> bool:
    return True


def parse_document(source: Source, default_lang: str = "en-GB") -> Document:
    doc = Document(source=source, default_lang=default_lang)
    tokens = markdown_parser().parse(source.text)
    doc.tokens = tokens
    index = doc.index
    if tokens and tokens[0].type == "front_matter":
        _read_front_matter(doc, tokens[0], index)
    else:
        doc.meta_error = _front_matter_problem(source.text)
    _Walker(doc, index).walk(tokens)
    return doc


def _read_front_matter(doc: Document, token: Token, index: LineIndex) -> None:
    first, last = token.map or (0, 1)
    doc.meta_span = (0, index.offset(last + 1))
    doc.body_start = doc.meta_span[1]
    try:
        loaded = load_front_matter(token.content)
    except yaml.YAMLError as exc:
        exc = _python_yaml_error(token.content) or exc  # its messages and marks are clearer
        mark = getattr(exc, "problem_mark", None)
        line = first + 2 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        doc.meta_error = (index.offset(line), f"front matter is not valid YAML: {problem}")
        return
    doc.meta_problems = [
        (index.offset(first + 2 + line), key, message) for line, key, message in loaded.problems
    ]
    if loaded.meta is None:
        if not doc.meta_problems:
            doc.meta_error = (index.offset(first + 2), "front matter must be a mapping of keys")
        return
    doc.meta = loaded.meta


FENCE_RE = re.compile(r"^---[ \t]*$", re.M)


def _front_matter_problem(text: str) -> tuple[int, str] | None:
    """Front matter that the parser did not take as front matter: never closed, or not at the
    top of the file. (A post with no front matter at all is reported by the front-matter rule.)"""
    first = FENCE_RE.match(text)
    if first is not None:
        if FENCE_RE.search(text, first.end()) is None:
            return 0, "the front matter that starts here is never closed: add a line with ---"
        return None
    lead = len(text) - len(text.lstrip(" \t\n"))
    start = FENCE_RE.match(text, text.rfind("\n", 0, lead) + 1 if lead else 0)
    if lead and start is not None:
        closing = FENCE_RE.search(text, start.end())
        between = text[start.end() : closing.start()] if closing else ""
        if closing and re.search(r"(?m)^[A-Za-z_][\w-]*:", between):
            return start.start(), "front matter must start on the first line of the file"
    return None


def _python_yaml_error(text: str) -> yaml.YAMLError | None:
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        return exc
    except (RecursionError, ValueError):  # nested too deep for it, or a value it cannot build
        return None
    return None


class _Walker:
    def __init__(self, doc: Document, index: LineIndex) -> None:
        self.doc = doc
        self.index = index
        self.lines = doc.source.text.split("\n")
        self.containers: list[str] = []
        self.list_depth = 0
        self.in_list_item = 0
        self.in_footnote = 0
        self.section = -1
        self.headings_seen = 0
        self.table_row: tuple[int, int] | None = None  # (line, cursor column)

    def walk(self, tokens: list[Token]) -> None:
        for i, tok in enumerate(tokens):
            t = tok.type
            if t in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
                self.containers.append(t.removesuffix("_open"))
                if t != "blockquote_open":
                    self.list_depth += 1
            elif t in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
                self.containers.pop()
                if t != "blockquote_close":
                    self.list_depth -= 1
            elif t == "list_item_open":
                self.in_list_item += 1
            elif t == "list_item_close":
                self.in_list_item -= 1
            elif t == "footnote_open":
                self.in_footnote += 1
            elif t == "footnote_close":
                self.in_footnote -= 1
            elif t == "tr_open":
                self.table_row = ((tok.map or (0, 1))[0], 0)
            elif t == "html_block":
                self._comments_in(tok.content, self.index.offset((tok.map or (0, 1))[0] + 1))
                self._html_block(tok)
            elif t == "inline":
                parent = tokens[i - 1] if i else tok
                self._inline(tok, parent)

    def _html_block(self, tok: Token) -> None:
        """Raw HTML: its tags for the checks, and its prose as blocks like any other."""
        first, last = tok.map or (0, 1)
        cmap = _align_content(tok.content, self.lines, self.index, first, last)
        if not cmap:
            return
        prose = _HtmlProse(self, tok.content, cmap)
        prose.run()

    def add_block(
        self,
        kind: str,
        chars: list[str],
        offs: list[int],
        level: int = 0,
        links: tuple[Link, ...] = (),
    ) -> None:
        text, offsets = _fold(chars, offs)
        if not text.strip():
            return
        if self.in_footnote and kind in ("paragraph", "list_item"):
            kind = "footnote"  # raw HTML in a footnote's definition is the footnote's prose
        if kind == "heading":
            self.section = self.headings_seen
            self.headings_seen += 1
        self.doc.blocks.append(
            Block(
                kind=kind,
                text=text,
                offsets=offsets,
                start=self.index.offset(self.index.position(offsets[0])[0]),
                end=offsets[-1] + 1,
                level=level,
                section=self.section,
                containers=tuple(self.containers),
                links=links,
                index=len(self.doc.blocks),
            )
        )

    def _comments_in(self, content: str, base: int) -> None:
        start = content.find("<!--")
        while start >= 0:  # linear: an unclosed "<!--" must not rescan the rest of the block
            end = content.find("-->", start + 4)
            if end < 0:
                return
            body = content[start + 4 : end]
            self.doc.comments.append(Comment(body, base + start, base + end + 3))
            start = content.find("<!--", end + 3)

    def _kind(self, parent: Token) -> tuple[str, int]:
        if parent.type == "heading_open":
            return "heading", int(parent.tag[1])
        if parent.type in ("th_open", "td_open"):
            return "table_cell", 0
        if self.in_footnote:
            return "footnote", 0
        if self.in_list_item:
            return "list_item", self.list_depth
        return "paragraph", 0

    def _inline(self, tok: Token, parent: Token) -> None:
        first, last = tok.map or parent.map or (0, 1)
        kind, level = self._kind(parent)
        if kind == "table_cell" and self.table_row is not None:
            row_line, col = self.table_row
            cmap, col = _align_cell(tok.content, self.lines[row_line], col)
            base = self.index.offset(row_line + 1)
            cmap = [base + c for c in cmap]
            self.table_row = (row_line, col)
        else:
            cmap = _align_content(tok.content, self.lines, self.index, first, last)
        pieces = _InlineText(self.doc, tok.content, cmap)
        pieces.run(tok.children or [])
        text, offsets = _fold(pieces.chars, pieces.offs)
        if kind == "heading":
            self.section = self.headings_seen
            self.headings_seen += 1
        start = self.index.offset(first + 1)
        end = self.index.offset(last + 1)
        block = Block(
            kind=kind,
            text=text,
            offsets=offsets,
            start=start,
            end=end,
            level=level,
            section=self.section,
            containers=tuple(self.containers),
            links=tuple(pieces.links),
            footnote_refs=pieces.footnote_refs,
            index=len(self.doc.blocks),
        )
        self.doc.blocks.append(block)
        for alt_chars, alt_offs, image in pieces.alts:
            self.doc.images.append(image)
            alt_text, alt_offsets = _fold(alt_chars, alt_offs)
            if alt_text.strip():
                self.doc.blocks.append(
                    Block(
                        kind="alt",
                        text=alt_text,
                        offsets=alt_offsets,
                        start=image.start,
                        end=image.end,
                        section=self.section,
                        containers=tuple(self.containers),
                        index=len(self.doc.blocks),
                    )
                )


_SPECIAL = frozenset(FOLD) | DROP


def _fold(chars: list[str], offs: list[int]) -> tuple[str, tuple[int, ...]]:
    if _SPECIAL.isdisjoint(chars):
        return "".join(chars), tuple(offs)
    out_c: list[str] = []
    out_o: list[int] = []
    for ch, off in zip(chars, offs, strict=True):
        if ch in DROP:
            continue
        out_c.append(FOLD.get(ch, ch))
        out_o.append(off)
    return "".join(out_c), tuple(out_o)


def _align_content(
    content: str, lines: list[str], index: LineIndex, first: int, last: int
) -> list[int]:
    """Source offset of every character of an inline token's content."""
    cmap: list[int] = []
    li = first
    parts = content.split("\n")
    for k, part in enumerate(parts):
        col = None
        probe = li
        while probe < max(last, li + 1) and probe < len(lines):
            col = _locate(lines[probe], part)
            if col is not None:
                break
            probe += 1
        if col is None:  # should not happen; keep the map total and monotonic
            base = index.offset(li + 1)
            cmap.extend(
                base + min(j, len(lines[li]) if li < len(lines) else 0) for j in range(len(part))
            )
        else:
            li = probe
            base = index.offset(li + 1) + col
            cmap.extend(range(base, base + len(part)))
        if k < len(parts) - 1:
            cmap.append(index.offset(li + 1) + len(lines[li]) if li < len(lines) else 0)
            li += 1
    return cmap


def _locate(line: str, part: str) -> int | None:
    """Column of ``part`` in ``line``: right-aligned first (markers are on the left)."""
    core = part.rstrip(" \t")
    end = len(line.rstrip(" \t"))
    col = end - len(core)
    if col >= 0 and line.startswith(core, col):
        return col
    found = line.find(part)
    if found >= 0:
        return found
    if core:
        found = line.find(core.lstrip(" \t"))
        if found >= 0:
            return found - (len(core) - len(core.lstrip(" \t")))
    return None


def _align_cell(content: str, line: str, col: int) -> tuple[list[int], int]:
    """Columns of a table cell's content in its row, searching from ``col``.

    markdown-it unescapes ``\\|`` to ``|`` when it splits a row into cells, so a ``|`` of the
    content sits one column after a backslash in the source.
    """
    if not content:
        return [], col
    pattern = "".join(r"\\\|" if ch == "|" else re.escape(ch) for ch in content)
    m = re.compile(pattern).search(line, col)
    if m is None:  # should not happen; keep the map total and monotonic
        base = min(col, len(line))
        return list(range(base, base + len(content))), col
    cols: list[int] = []
    j = m.start()
    for ch in content:
        if ch == "|":
            j += 1  # the backslash
        cols.append(j)
        j += 1
    return cols, m.end()


class _InlineText:
    """Walk inline children over their content; collect prose characters with offsets."""

    def __init__(self, doc: Document, content: str, cmap: list[int]) -> None:
        self.doc = doc
        self.c = content
        self.cmap = cmap
        self.i = 0
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.links: list[Link] = []
        self.alts: list[tuple[list[str], list[int], Image]] = []
        self.footnote_refs = 0
        self._link_stack: list[tuple[str, int, int]] = []  # href, content pos, chars pos

    def off(self, pos: int) -> int:
        if not self.cmap:
            return 0
        return self.cmap[min(max(pos, 0), len(self.cmap) - 1)] + (1 if pos >= len(self.cmap) else 0)

    def run(self, children: list[Token]) -> None:
        it: Iterator[Token] = iter(children)
        for tok in it:
            t = tok.type
            if t == "text":
                self._text(tok.content, self.chars, self.offs)
            elif t in ("softbreak", "hardbreak"):
                nl = self.c.find("\n", self.i)
                if nl < 0:
                    continue
                self.chars.append("\n")
                self.offs.append(self.off(nl))
                self.i = nl + 1
            elif t == "code_inline":
                self._code(tok.markup or "`")
            elif t == "html_inline":
                self._html(tok.content)
            elif t == "link_open":
                if tok.markup == "autolink" or tok.info == "auto":
                    self._autolink(tok, it)
                else:
                    start = self.c.find("[", self.i)
                    self.i = start + 1 if start >= 0 else self.i
                    href = str(tok.attrs.get("href", ""))
                    self._link_stack.append((href, start, len(self.chars)))
            elif t == "link_close" and self._link_stack:
                href, start, chars_at = self._link_stack.pop()
                self._skip_destination()
                text = "".join(self.chars[chars_at:])
                self.links.append(Link(href, text, self.off(start), self.off(self.i - 1) + 1))
            elif t == "image":
                self._image(tok)
            elif t == "footnote_ref":
                self.footnote_refs += 1
                start = self.c.find("[^", self.i)
                end = self.c.find("]", start)
                self.i = end + 1 if start >= 0 and end >= 0 else self.i

    def _text(self, text: str, chars: list[str], offs: list[int]) -> None:
        c, n = self.c, len(self.c)
        # Fast path: the text is in the content as written, and nothing before it (an escape,
        # an entity, the same first character) could have matched first.
        j = c.find(text, self.i) if text else -1
        if j >= 0 and j + len(text) <= len(self.cmap):
            gap = c[self.i : j]
            if text[0] not in gap and "\\" not in gap and "&" not in gap:
                chars.extend(text)
                offs.extend(self.cmap[j : j + len(text)])
                self.i = j + len(text)
                return
        for ch in text:
            i = self.i
            while i < n:
                if c[i] == ch:
                    chars.append(ch)
                    offs.append(self.off(i))
                    i += 1
                    break
                if c[i] == "\\" and i + 1 < n and c[i + 1] == ch:
                    chars.append(ch)
                    offs.append(self.off(i + 1))
                    i += 2
                    break
                if c[i] == "&":
                    m = ENTITY_RE.match(c, i)
                    if m and html.unescape(m.group()).startswith(ch):
                        chars.append(ch)
                        offs.append(self.off(i))
                        i = m.end()
                        break
                i += 1
            else:  # not found: keep the map total, point at the cursor
                chars.append(ch)
                offs.append(self.off(self.i))
                continue
            self.i = i

    def _code(
        self, fence: str, chars: list[str] | None = None, offs: list[int] | None = None
    ) -> None:
        start = self.c.find(fence, self.i)
        if start < 0:
            return
        end = self.c.find(fence, start + len(fence))
        end = end + len(fence) if end >= 0 else len(self.c)
        self.doc.code_spans.append((self.off(start), self.off(end - 1) + 1))
        # code is not prose, but a sentence must not lose its word: keep one neutral token
        (self.chars if chars is None else chars).append("\ufffc")
        (self.offs if offs is None else offs).append(self.off(start))
        self.i = end

    def _html(self, content: str) -> None:
        start = self.c.find(content, self.i)
        if start < 0:
            return
        if content.startswith("<!--"):
            body = content[4:-3] if content.endswith("-->") else content[4:]
            self.doc.comments.append(
                Comment(body, self.off(start), self.off(start + len(content) - 1) + 1)
            )
        cmap = [self.off(start + k) for k in range(len(content))]
        for piece in scan(content):
            mapped = _remap(piece, cmap)
            if mapped.kind != "text":
                self.doc.html.append(mapped)
            if mapped.kind == "tag" and mapped.name == "img" and not mapped.closing:
                self.alts.append(_html_image(piece, content, cmap))
        self.i = start + len(content)

    def _autolink(self, tok: Token, it: Iterator[Token]) -> None:
        for child in it:  # skip the URL text and the close token
            if child.type == "link_close":
                break
        start = self.c.find("<", self.i)
        end = self.c.find(">", start)
        if start >= 0 and end >= 0:
            href = str(tok.attrs.get("href", ""))
            self.links.append(Link(href, "", self.off(start), self.off(end) + 1))
            self.i = end + 1

    def _skip_destination(self) -> None:
        c, n = self.c, len(self.c)
        close = c.find("]", self.i)
        if close < 0:
            return
        i = close + 1
        if i < n and c[i] == "(":
            i = _inline_destination_end(c, i + 1)
        elif i < n and c[i] == "[":
            end = c.find("]", i)
            i = end + 1 if end >= 0 else i
        self.i = i

    def _image(self, tok: Token) -> None:
        start = self.c.find("![", self.i)
        if start < 0:
            return
        self.i = start + 2
        chars: list[str] = []
        offs: list[int] = []
        for child in tok.children or []:
            if child.type == "text":
                self._text(child.content, chars, offs)
            elif child.type == "code_inline":  # on the page too: its words are in the alt
                self._code(child.markup or "`", chars, offs)
        self._skip_destination()
        src = str(tok.attrs.get("src", ""))
        image = Image(src, "".join(chars), self.off(start), self.off(self.i - 1) + 1)
        self.alts.append((chars, offs, image))


def _remap(piece: Piece, cmap: list[int]) -> Piece:
    """A piece scanned from a token's content, with source offsets."""

    def at(k: int) -> int:
        return cmap[k] if k < len(cmap) else cmap[-1] + 1

    def end(k: int) -> int:
        return cmap[k - 1] + 1 if k > 0 else at(0)

    attrs = tuple(
        Attribute(
            a.name,
            a.value,
            at(a.start),
            end(a.end),
            at(a.value_start) if a.value_start >= 0 else -1,
        )
        for a in piece.attributes
    )
    return Piece(
        piece.kind,
        at(piece.start),
        end(piece.end),
        piece.name,
        piece.closing,
        attrs,
        piece.unterminated,
    )


def _decoded(content: str, start: int, end: int, cmap: list[int]) -> tuple[list[str], list[int]]:
    """Characters of content[start:end] with entities decoded, each with its source offset."""
    chars: list[str] = []
    offs: list[int] = []
    i = start
    while i < end:
        if content[i] == "&":
            m = ENTITY_RE.match(content, i, end)
            if m:
                for ch in html.unescape(m.group()):
                    chars.append(ch)
                    offs.append(cmap[i])
                i = m.end()
                continue
        chars.append(content[i])
        offs.append(cmap[i])
        i += 1
    return chars, offs


def _html_image(piece: Piece, content: str, cmap: list[int]) -> tuple[list[str], list[int], Image]:
    """A raw ``<img>``: its alt text as prose (with offsets) and the image."""
    src = piece.attribute("src")
    alt = piece.attribute("alt")
    chars: list[str] = []
    offs: list[int] = []
    if alt is not None and alt.value_start >= 0:
        chars, offs = _decoded(content, alt.value_start, alt.value_start + len(alt.value), cmap)
    start = cmap[piece.start]
    end = cmap[piece.end - 1] + 1
    image = Image(decode_entities(src.value) if src else "", "".join(chars), start, end)
    return chars, offs, image


class _HtmlProse:
    """The prose of a raw HTML block: text between tags, one block per block-level element."""

    def __init__(self, walker: _Walker, content: str, cmap: list[int]) -> None:
        self.w = walker
        self.c = content
        self.cmap = cmap
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.kind = "paragraph"
        self.level = 0
        self.links: list[Link] = []
        self.link: tuple[str, int, int] | None = None  # href, source start, chars position
        self.code = 0

    def flush(self) -> None:
        chars, offs = _collapse(self.chars, self.offs)
        self.w.add_block(self.kind, chars, offs, self.level, tuple(self.links))
        self.chars, self.offs, self.links = [], [], []

    def run(self) -> None:
        doc = self.w.doc
        for piece in scan(self.c):
            mapped = _remap(piece, self.cmap)
            if piece.kind == "text":
                if self.code:
                    if not self.chars or self.chars[-1] != "\ufffc":
                        self.chars.append("\ufffc")
                        self.offs.append(mapped.start)
                    doc.code_spans.append((mapped.start, mapped.end))
                    continue
                chars, offs = _decoded(self.c, piece.start, piece.end, self.cmap)
                self.chars.extend(chars)
                self.offs.extend(offs)
                continue
            doc.html.append(mapped)
            if piece.kind != "tag":
                continue
            name = piece.name
            if name in BLOCK_TAGS:
                self.flush()
                if piece.closing:
                    self.kind, self.level = "paragraph", 0
                elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    self.kind, self.level = "heading", int(name[1])
                elif name == "li":
                    self.kind, self.level = "list_item", max(self.w.list_depth, 1)
                elif name in ("td", "th"):
                    self.kind, self.level = "table_cell", 0
            if name in CODE_TAGS:
                self.code = max(self.code + (-1 if piece.closing else 1), 0)
            elif name == "br" and not piece.closing:
                self.chars.append("\n")
                self.offs.append(mapped.start)
            elif name == "img" and not piece.closing:
                chars, offs, image = _html_image(piece, self.c, self.cmap)
                doc.images.append(image)
                self.w.add_block("alt", chars, offs)
            elif name == "a":
                self._link(piece, mapped)
        self.flush()

    def _link(self, piece: Piece, mapped: Piece) -> None:
        if not piece.closing:
            attr = piece.attribute("href")
            if attr is not None:
                self.link = (decode_entities(attr.value), mapped.start, len(self.chars))
        elif self.link is not None:
            href, start, at = self.link
            self.links.append(Link(href, "".join(self.chars[at:]), start, mapped.end))
            self.link = None


def _collapse(chars: list[str], offs: list[int]) -> tuple[list[str], list[int]]:
    """HTML's white space: each run is one space (a line break if it holds one), none at the
    ends."""
    out_c: list[str] = []
    out_o: list[int] = []
    for ch, off in zip(chars, offs, strict=True):
        if ch in " \t\n\r\f":
            if not out_c:
                continue
            if out_c[-1] in " \n":
                if ch == "\n":
                    out_c[-1] = "\n"
                continue
            out_c.append("\n" if ch == "\n" else " ")
            out_o.append(off)
        else:
            out_c.append(ch)
            out_o.append(off)
    while out_c and out_c[-1] in " \n":
        out_c.pop()
        out_o.pop()
    return out_c, out_o


def _inline_destination_end(c: str, i: int) -> int:
    """Index after the ``)`` that closes an inline link's ``(destination "title")``.

    CommonMark's grammar: optional whitespace, a destination (``<...>`` or a run with balanced
    parentheses), optional whitespace and a title in ``"..."``, ``'...'`` or ``(...)``, then ``)``.
    Parentheses inside a title do not count, so they must not end the link early.
    """
    n = len(c)

    def skip_space(j: int) -> int:
        while j < n and c[j] in " \t\n":
            j += 1
        return j

    i = skip_space(i)
    if i < n and c[i] == "<":
        i += 1
        while i < n and c[i] != ">":
            i += 2 if c[i] == "\\" else 1
        i += 1
    else:
        depth = 0
        while i < n and not c[i].isspace():
            if c[i] == "\\":
                i += 2
                continue
            if c[i] == "(":
                depth += 1
            elif c[i] == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
    i = skip_space(i)
    if i < n and c[i] in "\"'(":
        closer = ")" if c[i] == "(" else c[i]
        i += 1
        while i < n and c[i] != closer:
            i += 2 if c[i] == "\\" else 1
        i = skip_space(i + 1)
    if i < n and c[i] == ")":
        return i + 1
    return min(i, n)


def iter_prose(doc: Document) -> Iterator[tuple[Any, str]]:  # pragma: no cover - convenience
    for block in doc.blocks:
        yield block, block.text
