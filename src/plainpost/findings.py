"""The finding: one problem at one place in one post.

Inside plainpost positions are offsets into the post's (newline-normalised) text; they become
1-based line and column only through :class:`plainpost.document.source.LineIndex` at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

CATEGORIES: tuple[str, ...] = (
    "spelling",
    "grammar",
    "readability",
    "plain-language",
    "structure",
    "safety",
    "claims",
    "boilerplate",
    "accessibility",
)


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: a span of the source and what is wrong there."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    safe_fix: bool = False
    rule: str = ""  # filled in by the runner when empty
    # where the first suggestion is inserted when it does not replace the span (a safety note:
    # the finding marks its trigger, the note goes after the paragraph); -1: it replaces the span
    insert_at: int = -1


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: Severity
    message: str
    suggestions: tuple[str, ...] = ()
    safe_fix: bool = False
    start: int = field(default=0, compare=False)  # offset, for fixes and reports
    end: int = field(default=0, compare=False)
    insert_at: int = field(default=-1, compare=False)  # as Hit.insert_at (an offset, or -1)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "safe_fix": self.safe_fix,
        }
