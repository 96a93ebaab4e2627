"""Markdown to a safe HTML fragment: markdown-it-py (the parser the linter uses), then nh3.

Raw HTML is neutralised token by token before the sanitiser sees it (see
:func:`plainpost.document.html.neutralise`): a tag the page would not keep is taken out on its
own, so a stray ``<noscript>`` or an unclosed ``<style>`` cannot make the sanitiser's HTML
parser swallow the sections after it. The linter reports such tags as errors; with ``--force``
the page still carries every word the linter checked.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token

from plainpost.document.html import neutralise
from plainpost.document.parse import markdown_parser
from plainpost.export.sanitize import sanitize, shift_headings

_ALIGN_RE = re.compile(r"^text-align:(left|center|right)$")


def render_markdown(text: str) -> str:
    """Render a post (front matter is skipped) or a snippet to sanitised HTML."""
    return render_body(text)


def render_body(text: str, drop_heading_line: int | None = None) -> str:
    """Like :func:`render_markdown`; ``drop_heading_line`` (0-based) names a heading to leave
    out: a body's first ``# Title`` when it repeats the post's title, which the page shows."""
    md = markdown_parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    if drop_heading_line is not None:
        tokens = _without_heading(tokens, drop_heading_line)
    _alignment_as_class(tokens)
    _neutralise_html(tokens)
    raw = md.renderer.render(tokens, md.options, env)
    return shift_headings(sanitize(raw)).strip() + "\n"


def _without_heading(tokens: list[Token], line: int) -> list[Token]:
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.map and tok.map[0] == line:
            return tokens[:i] + tokens[i + 3 :]  # heading_open, inline, heading_close
    return tokens


def _neutralise_html(tokens: list[Token]) -> None:
    for tok in tokens:
        if tok.type == "html_block":
            tok.content = neutralise(tok.content)
        elif tok.type == "inline" and tok.children:
            _neutralise_inline(tok.children)


def _neutralise_inline(children: list[Token]) -> None:
    for child in children:
        if child.type == "html_inline":
            child.content = neutralise(child.content)
        elif child.type == "image" and child.children:
            # an image's alt is its description's text, as the linter reads it: the tags in it
            # are markup, not words (markdown-it would write them into the alt as literal text)
            child.children = [c for c in child.children if c.type != "html_inline"]
            _neutralise_inline(child.children)


def _alignment_as_class(tokens: list[Token]) -> None:
    """Table alignment as a class: style attributes never reach the page."""
    for tok in tokens:
        if tok.type in ("th_open", "td_open"):
            style = tok.attrs.pop("style", None)
            m = _ALIGN_RE.match(str(style or ""))
            if m:
                tok.attrSet("class", f"align-{m.group(1)}")
