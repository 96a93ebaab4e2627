"""review: who wrote and who checked an advice post, and when it was last reviewed.

``require`` reports a missing or empty front matter key (author, reviewed_by, last_reviewed).
``max_age`` reports a review date older than ``max_age_months`` (or one in the future, which is
almost always a typo). Dates that do not parse are left to the front-matter rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from plainpost.checks.context import Context
from plainpost.checks.frontmatter import key_span
from plainpost.document import Document
from plainpost.document.values import as_date
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    key: str  # the front matter key: author, reviewed_by, last_reviewed, ...
    check: Literal["require", "max_age"] = "require"
    max_age_months: int = 0  # the review period: the rule file's (needed by max_age)
    types: list[str] = field(default_factory=lambda: ["advice"])

    def __post_init__(self) -> None:
        if self.check == "max_age" and self.max_age_months < 1:
            raise ValueError("max_age_months must be at least 1")


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where that day does not exist)."""
    total = date.year * 12 + date.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(date.day, day))
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    if doc.meta_error is not None or doc.type not in opts.types:
        return
    value = doc.meta.get(opts.key)
    missing = value is None or (isinstance(value, str) and not value.strip())
    if opts.check == "require":
        if missing:
            yield Hit(*key_span(doc, opts.key), rule.format(key=opts.key))
        return
    date = as_date(value)
    if date is None:
        return
    s, e = key_span(doc, opts.key)
    if date > ctx.today:
        yield Hit(s, e, f"`{opts.key}` {date.isoformat()} is in the future: check the date")
        return
    if ctx.today > add_months(date, opts.max_age_months):
        months = months_between(date, ctx.today)
        yield Hit(
            s,
            e,
            rule.format(
                key=opts.key, date=date.isoformat(), months=months, max=opts.max_age_months
            ),
        )
