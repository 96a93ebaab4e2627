"""What the checks of one lint derive from a post and share (prose text, tokens per scope,
engine hits): one object per lint of a post, made by the linter and handed to every check in
its context, so no module holds per-post state and nothing outlives the lint.

Values are computed on first use by the layer that knows how (the document layer does not),
under a key that layer owns.

What a check works out from one block's text alone (its tags, pattern matches, the engines'
lints of it) goes through :meth:`Derived.by_text` into a :class:`Memo`. A lint has a fresh one
unless its caller keeps one from lint to lint (the language server, for each project): a post
edited in one paragraph is then read again only in that paragraph.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

T = TypeVar("T")


class Memo:
    """Values computed from a block's text, kept across lints by their caller.

    A key holds everything its value is computed from (the block's text, the rule's id), and a
    value is in the block's own offsets, never the post's, so it is the same whichever post or
    lint asks: a lint with a warm memo reports exactly what a cold one does. A memo belongs to
    one linter (the rules its values came from): a linter handed one another linter used
    empties it first. The least recently used values go beyond ``limit``.
    """

    __slots__ = ("_owner", "_values", "hits", "limit", "misses")

    def __init__(self, limit: int = 200_000) -> None:
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._owner: object = None
        self.limit = limit
        self.hits = 0
        self.misses = 0

    def bind(self, owner: object) -> None:
        """Used by ``owner`` (a linter) from now on: empty unless it was already its memo."""
        if self._owner is not owner:
            self._values.clear()
            self._owner = owner

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        values = self._values
        if key in values:
            values.move_to_end(key)
            self.hits += 1
            return cast(T, values[key])
        self.misses += 1
        value = compute()
        values[key] = value
        if len(values) > self.limit:
            values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)


class Derived:
    __slots__ = ("_values", "kept", "memo")

    def __init__(self, memo: Memo | None = None) -> None:
        self._values: dict[Hashable, object] = {}
        self.memo = memo if memo is not None else Memo()
        self.kept = memo is not None  # the memo outlives this lint (its caller keeps it)

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, the first time ``key`` is asked for in this lint; after, its value."""
        if key in self._values:
            return cast(T, self._values[key])
        value = compute()
        self._values[key] = value
        return value

    def by_text(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` for a value that depends on nothing but what ``key`` holds (a block's
        text, a rule's id): kept in the memo, so a later lint with the same memo reuses it."""
        return self.memo.get(key, compute)

    def by_text_if_kept(self, key: Hashable, compute: Callable[[], T]) -> T:
        """:meth:`by_text` for a value no other check of this lint asks for (one rule's matches
        in a block): kept only when the memo outlives the lint, so a lint with a fresh memo
        (a batch run) pays nothing to store what nothing would read again."""
        return self.memo.get(key, compute) if self.kept else compute()
