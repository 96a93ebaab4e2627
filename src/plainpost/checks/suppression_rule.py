"""suppression: rules about suppression directives themselves; the lint pipeline reports them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    pass


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    return iter(())
