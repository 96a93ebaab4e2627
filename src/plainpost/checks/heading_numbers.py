"""heading-numbers: numbered headings that skip or repeat a number ("1. Rest", "2. Ice", "4. Raise
it"). Headings are compared with their numbered siblings: the same level under the same parent
heading; a run may start at any number, and each next number must be one more."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule

NUMBERED = r"^\s*(?:(?:step|tip|stage|day|week|part)\s+)?(\d{1,3})\s*[.):\-–—]\s"


@dataclass(frozen=True)
class Options:
    # how a heading gives its number: "3. Ice", "3) Ice", "Step 3: Ice", "Tip 3 - Ice"
    patterns: list[str] = field(
        default_factory=lambda: [
            r"^\s*(?:(?:step|tip|stage|day|week|part)\s+)?(\d{1,3})\s*[.):\-–—]\s"
        ]
    )

    def __post_init__(self) -> None:
        _ = [re.compile(p, re.I) for p in self.patterns]


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    numbers = [re.compile(p, re.I) for p in opts.patterns]
    stack: list[tuple[int, int]] = []  # (level, index) of the open parent headings
    last: dict[tuple[int, int], int] = {}  # (parent index, level) -> the last number there
    for i, head in enumerate(doc.headings):
        while stack and stack[-1][0] >= head.level:
            stack.pop()
        key = (stack[-1][1] if stack else -1, head.level)
        stack.append((head.level, i))
        n = _number(numbers, head.text)
        if n is None:
            continue
        before = last.get(key)
        last[key] = n
        if before is None or n == before + 1:
            continue
        if n == before:
            problem = f"number {n} again"
        elif n > before + 1:
            gone = f"{before + 1}" if n == before + 2 else f"{before + 1} to {n - 1}"
            problem = f"it follows {before}: {gone} is missing"
        else:
            problem = f"it follows {before}"
        s, e = head.span(0, len(head.text))
        yield Hit(s, e, rule.format(match=head.text, problem=problem))


def _number(patterns: list[re.Pattern[str]], text: str) -> int | None:
    for p in patterns:
        m = p.match(text)
        if m:
            return int(m.group(1))
    return None
