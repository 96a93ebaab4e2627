"""Case-insensitive matching without ``re.IGNORECASE``.

Python's ``re`` compares every character through a Unicode case table when IGNORECASE is set,
which makes long alternations (drug names, trigger words) three to four times slower. The health
checks therefore lower-case the text once per block and run patterns whose literal letters were
lower-cased when the rule was loaded. Both steps keep lengths, so match offsets are offsets into
the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any


def fold_text(text: str) -> str:
    """Lower-case `text` without changing its length (so offsets still line up)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold_pattern(pattern: str) -> str:
    """Lower-case the literal letters of a regex, leaving escapes (\\S, \\B, \\W, ...) alone."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "N" and pattern.startswith("{", i + 2):  # \N{NAME}
                end = pattern.find("}", i + 2)
                end = n - 1 if end < 0 else end
                out.append(pattern[i : end + 1])
                i = end + 1
                continue
            out.append(ch + nxt)
            i += 2
            continue
        if ch == "(" and pattern.startswith("(?P<", i):  # keep group names as written
            end = pattern.find(">", i)
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if ch == "(" and pattern.startswith("(?P=", i):
            end = pattern.find(")", i)
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
        i += 1
    return "".join(out)


def compile_folded(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    """Patterns meant case-insensitively, compiled to run on :func:`fold_text` output."""
    return [re.compile(fold_pattern(p)) for p in patterns]


def compile_folded_union(patterns: Iterable[str]) -> re.Pattern[str] | None:
    parts = [f"(?:{fold_pattern(p)})" for p in patterns]
    return re.compile("|".join(parts)) if parts else None


# --- Skipping text that cannot match ---------------------------------------------------------
#
# Most paragraphs mention no ice, no ibuprofen and no study. Each pattern below is reduced to
# literal strings that every match must contain (for `\bice\s+packs?\b`: "ice"); a paragraph
# without any of them is skipped after one scan with a plain literal alternation, which `re`
# runs with its fast first-character search. The gate is exact: it never skips a paragraph the
# pattern could match.

try:  # the parser behind `re` (named sre_parse before Python 3.11)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sre = None

_MIN_LITERAL = 1  # "%" is a fine gate; a longer literal is preferred when there is a choice


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one (None: no such set)."""
    if _sre is None:  # pragma: no cover
        return None
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # pragma: no cover - the pattern compiled, so this is defensive
        return None
    return _required(list(parsed))


def starts_at_boundary(pattern: str) -> bool:
    """True when every match of `pattern` starts at a word boundary (`\\b` first in it)."""
    if _sre is None:  # pragma: no cover
        return False
    try:
        parsed = list(_sre.parse(pattern))
    except Exception:  # pragma: no cover
        return False
    return bool(parsed) and parsed[0] == (_sre.AT, _sre.AT_BOUNDARY)


def _score(lits: frozenset[str]) -> int:
    return min(len(x) for x in lits)


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(lits: frozenset[str] | None) -> None:
        nonlocal best
        if lits and _score(lits) >= _MIN_LITERAL and (best is None or _score(lits) > _score(best)):
            best = lits

    repeats = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)}
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if op is _sre.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is _sre.BRANCH:
            sets = [_required(list(b)) for b in av[1]]
            found = [x for x in sets if x]
            if found and len(found) == len(sets):
                consider(frozenset[str]().union(*found))
        elif op in repeats and av[0] >= 1:
            consider(_required(list(av[2])))
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            consider(_required(list(av)))
    if run:
        consider(frozenset({"".join(run)}))
    return best


class Matcher:
    """Alternative patterns (already folded) run as one regex, behind an exact literal gate.

    With ``named`` each alternative is a group ``_<i>``, so ``match.lastgroup`` tells which one
    matched. Run it on :func:`fold_text` output.
    """

    def __init__(self, patterns: Iterable[str], named: bool = False) -> None:
        sources = list(patterns)
        wrap = "(?P<_{i}>{p})" if named else "(?:{p})"
        # Alternatives that can only start at a word boundary share one `\b` check: at the four
        # in five positions inside words the union then fails at once instead of trying each.
        at_word: list[str] = []
        anywhere: list[str] = []
        for i, source in enumerate(sources):
            if starts_at_boundary(source):
                body = source[2:] if source.startswith("\\b") else source
                at_word.append(wrap.format(i=i, p=body))
            else:
                anywhere.append(wrap.format(i=i, p=source))
        parts = ([f"\\b(?:{'|'.join(at_word)})"] if at_word else []) + anywhere
        self.regex = re.compile("|".join(parts))
        literals: set[str] = set()
        gate_ok = bool(sources)
        for source in sources:
            lits = required_literals(source)
            if lits is None:
                gate_ok = False
                break
            literals |= lits
        self.gate = (
            re.compile("|".join(re.escape(x) for x in sorted(literals, key=len, reverse=True)))
            if gate_ok
            else None
        )

    def possible(self, low: str) -> bool:
        return self.gate is None or self.gate.search(low) is not None

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        if self.possible(low):
            yield from self.regex.finditer(low)

    def search(self, low: str) -> re.Match[str] | None:
        return self.regex.search(low) if self.possible(low) else None


def folded_matcher(patterns: Iterable[str]) -> Matcher | None:
    """Case-insensitive patterns as one :class:`Matcher`, or None when there are none."""
    folded = [fold_pattern(p) for p in patterns]
    return Matcher(folded) if folded else None
