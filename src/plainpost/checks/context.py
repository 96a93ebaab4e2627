"""What a check may read besides the document: per-run resources, built once per run, and the
post's derived data, made fresh for each lint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from plainpost.document.derived import Derived


@dataclass(frozen=True)
class Context:
    today: dt.date = field(default_factory=dt.date.today)
    vocab: Any = None  # plainpost.language.vocab.Vocabulary
    engines: tuple[Any, ...] = ()  # grammar/spelling engines, created once per run
    snippets: dict[str, str] = field(default_factory=dict)  # named standard wordings from rules/
    # what checks derive from the post being linted and share: a fresh one per post (the
    # linter replaces it for each lint)
    derived: Derived = field(default_factory=Derived, compare=False)
