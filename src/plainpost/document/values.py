"""Reading typed values out of front matter."""

from __future__ import annotations

import datetime as dt


def as_date(value: object) -> dt.date | None:
    """A front matter date: YAML already gives a date for 2026-03-31; a string is parsed."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
