"""What the checks of one lint derive from a post and share (prose text, tokens per scope,
engine hits): one object per lint of a post, made by the linter and handed to every check in
its context, so no module holds per-post state and nothing outlives the lint.

Values are computed on first use by the layer that knows how (the document layer does not),
under a key that layer owns.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class Derived:
    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Hashable, object] = {}

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, the first time ``key`` is asked for in this lint; after, its value."""
        if key in self._values:
            return cast(T, self._values[key])
        value = compute()
        self._values[key] = value
        return value
