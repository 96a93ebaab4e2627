"""Text matching shared by the check kinds: term patterns, case folding, literal prefilters."""

from __future__ import annotations

import re
from collections.abc import Sequence


def any_of(patterns: Sequence[str], flags: int = re.I) -> re.Pattern[str] | None:
    """One regex matching any of a rule option's patterns (each kept in its own group), or
    None for an empty list."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None
