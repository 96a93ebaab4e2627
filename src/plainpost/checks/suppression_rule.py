"""suppression: rules about suppression directives themselves. A meta kind: the lint layer
reports them once it has applied the directives (``reports`` says which problem)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    reports: Literal["unused", "invalid"]  # directives that hide nothing, or malformed ones


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    return iter(())
