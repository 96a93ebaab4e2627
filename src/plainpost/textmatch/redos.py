"""A load-time ReDoS guard: the shape behind catastrophic backtracking, found in the parsed regex.

Python's ``re`` backtracks. A repeat with no upper bound inside another (``(a+)+b``,
``(\\w+\\s?)*``) can take exponential time on a line that almost matches, and one such
pattern in a user's rule file would hang every run. The shipped rules are tested for it
(tests/rules/test_redos.py); rule files from a content repo get the same test when they load,
so the run stops at once with one line naming the file, instead of never ending.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

try:  # the parser behind `re` (named sre_parse before Python 3.11)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre

_MAXREPEAT = _sre.MAXREPEAT
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)}


def nested_unbounded(parsed: Any, inside: bool = False) -> bool:
    """Whether a repeat without an upper bound sits inside another (through groups, branches
    and lookarounds)."""
    for op, arg in parsed:
        if op in _REPEATS:
            _low, high, sub = arg
            unbounded = high == _MAXREPEAT
            if unbounded and inside:
                return True
            if nested_unbounded(sub, inside or unbounded):
                return True
        elif op is _sre.SUBPATTERN:
            if nested_unbounded(arg[-1], inside):
                return True
        elif op is _sre.BRANCH:
            if any(nested_unbounded(branch, inside) for branch in arg[1]):
                return True
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT) and nested_unbounded(arg[1], inside):
            return True
    return False


def catastrophic(regex: re.Pattern[str]) -> bool:
    try:
        return nested_unbounded(_sre.parse(regex.pattern, regex.flags))
    except (re.error, RecursionError, TypeError):
        return True  # cannot tell: refuse rather than hang


def patterns_in(
    value: Any, depth: int = 0, seen: set[int] | None = None
) -> Iterator[re.Pattern[str]]:
    """Every compiled regex reachable from a rule's options (fields, lists, cached values)."""
    seen = set() if seen is None else seen
    if depth > 8 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield value
        return
    if isinstance(value, str | bytes | int | float | bool) or value is None:
        return
    if isinstance(value, dict):
        children: list[Any] = list(value.values())
    elif isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    else:
        children = []
        if dataclasses.is_dataclass(value):
            children += [getattr(value, f.name, None) for f in dataclasses.fields(value)]
        children += list(getattr(value, "__dict__", {}).values())
        for attr in ("regex", "pattern_regex"):
            inner = getattr(type(value), "__dict__", {}).get(attr)
            if isinstance(inner, re.Pattern):
                children.append(inner)
    for child in children:
        yield from patterns_in(child, depth + 1, seen)
