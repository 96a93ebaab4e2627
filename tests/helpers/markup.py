"""What `fix` must never remove, read straight from the Markdown source (independently of the
document model fix.py verifies with): link targets, images, footnote references, code spans and
HTML comments, and the text inside each link and emphasis."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# the Markdown plainpost publishes (CommonMark, tables, strikethrough, footnotes, front matter,
# a link whatever its scheme), parsed here on its own
_MD = (
    MarkdownIt("commonmark", {"html": True})
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
    .use(footnote_plugin)
)
_MD.validateLink = lambda url: True  # type: ignore[method-assign]
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def markup(text: str) -> Counter[tuple[str, str]]:
    """Each link (target, and text if any), image, footnote reference, code span or block,
    HTML comment and emphasis of ``text``, as a fresh CommonMark parser reads it."""
    out: Counter[tuple[str, str]] = Counter()
    for block in _MD.parse(text):
        if block.type in ("fence", "code_block"):
            out["code", block.content] += 1
        if block.type == "html_block":
            out.update(("comment", c) for c in _COMMENT.findall(block.content))
        links: list[list[object]] = []
        for tok in block.children or []:
            t = tok.type
            if t == "link_open":
                links.append([str(tok.attrs.get("href", "")), False])
                out["link", str(tok.attrs.get("href", ""))] += 1
            elif t == "link_close" and links:
                href, has_text = links.pop()
                if has_text:
                    out["link text", str(href)] += 1
            elif t in ("em_open", "strong_open", "s_open"):
                out["emphasis", tok.markup] += 1
            elif t == "image":
                out["image", str(tok.attrs.get("src", ""))] += 1
            elif t == "footnote_ref":
                out["footnote", str((tok.meta or {}).get("label", ""))] += 1
            elif t == "code_inline":
                out["code", tok.content] += 1
            elif t == "html_inline":
                out.update(("comment", c) for c in _COMMENT.findall(tok.content))
            if tok.content.strip() and t in ("text", "code_inline", "image", "html_inline"):
                for link in links:
                    link[1] = True
    return out


def lost(before: str, after: str) -> Counter[tuple[str, str]]:
    """What ``after`` lacks of ``before``'s markup (empty: nothing was removed)."""
    return markup(before) - markup(after)


class Remembering:
    """A linter whose findings are remembered by (path, text): linting is a pure function of the
    text, so running `fix` again on what it produced lints nothing anew. Pass it where fix_post
    takes a linter (it has the two methods fix_post calls)."""

    def __init__(self, linter: Any) -> None:
        self.linter = linter
        self.seen: dict[tuple[str, str], Any] = {}

    def parse(self, source: Any) -> Any:
        return self.linter.parse(source)

    def lint_document(self, doc: Any, memo: Any = None) -> Any:
        key = (doc.source.path, doc.text)
        if key not in self.seen:
            if len(self.seen) > 2000:
                self.seen.clear()
            self.seen[key] = self.linter.lint_document(doc, memo)
        return self.seen[key]
