"""Merging: when two engines (or an engine and a plainpost rule) report the same problem, show
it once, with the clearest message and every distinct suggestion.

"The same problem" is two reports of the same category (spelling or grammar) whose spans
overlap. The one kept is the clearest: plainpost's own rules (hand-written messages) before
LanguageTool before Harper; a report with suggestions before one without. The others'
suggestions are added when their span sits inside the kept one's (re-anchored to that span).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from plainpost.findings import Finding
from plainpost.language.engine import EngineHit

LANGUAGE_CATEGORIES = frozenset({"spelling", "grammar"})
ENGINE_RANK = {"languagetool": 1, "harper": 2}  # lower is clearer

T = TypeVar("T", EngineHit, Finding)


def _groups(items: Sequence[T], category: Callable[[T], str]) -> list[list[T]]:
    """Clusters of items of one category whose spans overlap (transitively)."""
    out: list[list[T]] = []
    by_cat: dict[str, list[T]] = {}
    for item in items:
        by_cat.setdefault(category(item), []).append(item)
    for group in by_cat.values():
        group.sort(key=lambda x: (x.start, x.end))
        current: list[T] = []
        reach = -1
        for item in group:
            if current and item.start < max(reach, current[-1].start + 1):
                current.append(item)
                reach = max(reach, item.end)
            else:
                if current:
                    out.append(current)
                current = [item]
                reach = item.end
        if current:
            out.append(current)
    return out


def reanchor(
    suggestion: str, inner: tuple[int, int], outer: tuple[int, int], text: str
) -> str | None:
    """A suggestion for span ``inner`` rewritten for the span ``outer`` that contains it."""
    (i_start, i_end), (o_start, o_end) = inner, outer
    if not (o_start <= i_start and i_end <= o_end):
        return None
    return text[o_start:i_start] + suggestion + text[i_end:o_end]


def _union(best: T, others: Sequence[T], text: str) -> tuple[str, ...]:
    out = list(best.suggestions)
    for other in others:
        for s in other.suggestions:
            moved = reanchor(s, (other.start, other.end), (best.start, best.end), text)
            if moved is not None and moved not in out and moved != text[best.start : best.end]:
                out.append(moved)
    return tuple(out)


def merge_hits(hits: Sequence[EngineHit], text: str) -> list[EngineHit]:
    """One hit per problem among the engines' hits (source offsets, ``text`` is the source)."""
    out: list[EngineHit] = []
    for group in _groups(hits, lambda h: h.category):
        if len(group) == 1:
            out.append(group[0])
            continue
        ranked = sorted(
            group,
            key=lambda h: (ENGINE_RANK.get(h.engine, 0), not h.suggestions, h.start, -h.end),
        )
        best = ranked[0]
        out.append(replace(best, suggestions=_union(best, ranked[1:], text)))
    return sorted(out, key=lambda h: (h.start, h.end))


def merge_findings(
    findings: Sequence[Finding], rank: Mapping[str, int], text: str
) -> list[Finding]:
    """One finding per problem among spelling and grammar findings of different rules.

    ``rank`` maps a rule id to its clarity (lower is clearer); findings of other categories
    pass through untouched.
    """
    language = [f for f in findings if f.category in LANGUAGE_CATEGORIES]
    if len(language) < 2:
        return list(findings)
    rest = [f for f in findings if f.category not in LANGUAGE_CATEGORIES]
    kept: list[Finding] = []
    for group in _groups(language, lambda f: f.category):
        if len(group) == 1 or len({f.rule for f in group}) == 1:
            kept.extend(group)
            continue
        ranked = sorted(
            group, key=lambda f: (rank.get(f.rule, 9), not f.suggestions, f.start, -f.end)
        )
        best = ranked[0]
        merged = _union(best, ranked[1:], text)
        kept.append(replace(best, suggestions=merged, safe_fix=best.safe_fix and bool(merged)))
    return [*rest, *kept]
