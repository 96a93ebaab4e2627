"""A rule as loaded from its YAML file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from plainpost.findings import Severity

Stage = Literal["preview", "stable", "deprecated"]


@dataclass(frozen=True)
class RuleDoc:
    """ruff's fixed headings: what it does (the message), why, example, use instead, source."""

    why: str
    example: str = ""
    use_instead: str = ""
    source: str = ""


@dataclass(frozen=True)
class Examples:
    fire: tuple[str, ...] = ()
    pass_: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    kind: str
    message: str
    doc: RuleDoc
    options: Any  # the kind's own Options dataclass
    examples: Examples
    path: str = ""
    stage: Stage = "stable"
    pack: str = ""
    raw_options: dict[str, Any] = field(default_factory=dict, compare=False)

    def format(self, **values: object) -> str:
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message

    @property
    def summary(self) -> str:
        text = re.sub(r"\{\w+\}", "…", self.message)
        first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        return first.strip() or self.id
