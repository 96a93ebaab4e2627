"""Markdown to a safe HTML fragment: markdown-it-py (the parser the linter uses), then nh3."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token

from plainpost.document.parse import markdown_parser
from plainpost.export.sanitize import sanitize, shift_headings

_ALIGN_RE = re.compile(r"^text-align:(left|center|right)$")


def render_markdown(text: str) -> str:
    """Render a post (front matter is skipped) or a snippet to sanitised HTML."""
    md = markdown_parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    _alignment_as_class(tokens)
    raw = md.renderer.render(tokens, md.options, env)
    return shift_headings(sanitize(raw)).strip() + "\n"


def _alignment_as_class(tokens: list[Token]) -> None:
    """Table alignment as a class: style attributes never reach the page."""
    for tok in tokens:
        if tok.type in ("th_open", "td_open"):
            style = tok.attrs.pop("style", None)
            m = _ALIGN_RE.match(str(style or ""))
            if m:
                tok.attrSet("class", f"align-{m.group(1)}")
