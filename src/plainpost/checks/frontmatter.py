"""front-matter: the post's YAML header parses and follows the schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2}|-[A-Z][a-z]{3})?$")
SCHEMA: dict[str, str] = {
    "title": "text",
    "description": "text",
    "author": "text",
    "date": "date",
    "reviewed_by": "text",
    "last_reviewed": "date",
    "next_review": "date",
    "lang": "lang",
    "tags": "list",
    "type": "text",
    "slug": "text",
    "draft": "bool",
    "image": "text",
}


@dataclass(frozen=True)
class Options:
    required: list[str] = field(default_factory=lambda: ["title"])
    types: list[str] = field(default_factory=lambda: ["advice", "news", "page", "story"])
    extra_keys: list[str] = field(default_factory=list)  # site-specific keys to allow


def key_span(doc: Document, key: str) -> tuple[int, int]:
    if doc.meta_span is None:
        return 0, 0
    m = re.search(rf"(?m)^{re.escape(key)}\s*:.*$", doc.text[: doc.meta_span[1]])
    if m:
        return m.start(), m.end()
    first = doc.text.find("\n") if doc.text.startswith("---") else 0
    return 0, max(first, 0)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    if doc.meta_error is not None:
        offset, message = doc.meta_error
        end = doc.text.find("\n", offset)
        yield Hit(offset, end if end >= 0 else len(doc.text), message)
        return
    if doc.meta_span is None:
        yield Hit(0, 0, "the post has no front matter: add a --- block with at least a title")
        return
    bad = set()
    for offset, key, message in doc.meta_problems:
        bad.add(key)
        end = doc.text.find("\n", offset)
        yield Hit(offset, end if end >= 0 else len(doc.text), f"front matter: {message}")
    for key in opts.required:
        value = doc.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            yield Hit(*key_span(doc, key), f"front matter needs `{key}`")
    for key, value in doc.meta.items():
        kind = SCHEMA.get(key)
        if kind is None:
            if key not in opts.extra_keys:
                yield Hit(*key_span(doc, key), f"unknown front matter key `{key}`")
            continue
        problem = "" if key in bad else _problem(kind, value, opts)
        if problem:
            yield Hit(*key_span(doc, key), f"`{key}` {problem}")
    kind_value = doc.meta.get("type")
    if isinstance(kind_value, str) and kind_value not in opts.types:
        yield Hit(
            *key_span(doc, "type"),
            f"`type` {kind_value!r} is not one of {', '.join(opts.types)}",
        )


def _problem(kind: str, value: object, opts: Options) -> str:
    if value is None:
        return ""
    if kind == "text" and not isinstance(value, str | int | float):
        return "should be text"
    if kind == "date" and not isinstance(value, dt.date):
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
                return ""
            except ValueError:
                pass
        return "should be a date such as 2026-03-31"
    if kind == "lang" and not (isinstance(value, str) and LANG_RE.match(value)):
        return "should be a language tag such as en-GB or en-US"
    if kind == "list" and not isinstance(value, list | str):
        return "should be a list"
    if kind == "bool" and not isinstance(value, bool):
        return "should be true or false"
    return ""
