"""Typography between the post and the engines.

Engines and pattern rules read typography-folded text (curly apostrophes and quotes straight,
no-break spaces plain, soft hyphens dropped: see ``plainpost.document.parse``), so "it’s" and
"it's" are one word to them. Harper, for one, misses "reduce it’s ability" when it sees the curly
apostrophe. On the way back, suggestions are fitted to the post: a post written with curly
apostrophes gets "it’s", not "it's", so a fix never mixes the two styles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from plainpost.document import Document

_CURLY_RE = re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_])")
_STRAIGHT_RE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def apostrophe(doc: Document) -> str:
    """The apostrophe the post mostly uses inside words: ’ or ' (straight when there is none)."""
    return _apostrophe(doc.text)


@lru_cache(maxsize=256)
def _apostrophe(text: str) -> str:
    curly = len(_CURLY_RE.findall(text))
    straight = len(_STRAIGHT_RE.findall(text))
    return "’" if curly > straight else "'"


def fit(suggestion: str, doc: Document) -> str:
    """A suggestion written in the post's own apostrophe style."""
    if "'" in suggestion and apostrophe(doc) == "’":
        return _STRAIGHT_RE.sub("’", suggestion)
    return suggestion


def variants(suggestion: str, doc: Document) -> list[str]:
    """The suggestion in the post's apostrophe style first, then as written (straight), so a
    tool or reader that wants the plain form finds it too."""
    fitted = fit(suggestion, doc)
    return [fitted] if fitted == suggestion else [fitted, suggestion]


def distinct(suggestions: list[str] | tuple[str, ...]) -> list[str]:
    """Suggestions that differ other than by apostrophe style (for messages)."""
    seen: set[str] = set()
    out = []
    for s in suggestions:
        key = s.replace("’", "'")
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def fit_case(suggestion: str, original: str) -> str:
    """Capitalise a suggestion like the text it replaces ("Its" -> "It's")."""
    if not suggestion or not original:
        return suggestion
    if original[:1].isupper() and suggestion[:1].islower():
        if original.isupper() and len(original) > 1 and len(suggestion) > 1:
            return suggestion.upper()
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
