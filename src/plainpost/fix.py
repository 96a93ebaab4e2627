"""Applying fixes: the first suggestion of safe findings (and, with --notes, missing safety notes).

Edits never touch code spans, are applied from the end of the file backwards so offsets stay
valid, skip any edit that overlaps one already taken, and are repeated until nothing changes, so
a second `plainpost fix` run is a no-op.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from plainpost.document import Source
from plainpost.findings import Finding
from plainpost.lint.linter import Linter


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str
    rule: str = ""


def edits_from(
    findings: Iterable[Finding], code_spans: list[tuple[int, int]], notes_rules: frozenset[str]
) -> list[Edit]:
    out = []
    for f in findings:
        if not f.suggestions:
            continue
        if not (f.safe_fix or f.rule in notes_rules):
            continue
        if any(s < f.end and f.start < e for s, e in code_spans) and f.start != f.end:
            continue
        out.append(Edit(f.start, f.end, f.suggestions[0], f.rule))
    return out


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    applied: list[Edit] = []
    taken_from = len(text) + 1
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        if edit.end > taken_from or (edit.end == taken_from and edit.start == edit.end):
            continue  # overlaps an edit already applied
        text = text[: edit.start] + edit.text + text[edit.end :]
        applied.append(edit)
        taken_from = edit.start
    return text, applied


def fix_text(
    source: Source,
    lint: Callable[[Source], tuple[list[Finding], list[tuple[int, int]]]],
    notes_rules: frozenset[str] = frozenset(),
    max_rounds: int = 5,
) -> tuple[str, list[Edit]]:
    """Lint and fix until stable; returns the new text (newline-normalised) and all edits."""
    text = source.text
    all_applied: list[Edit] = []
    for _ in range(max_rounds):
        current = Source(path=source.path, text=text, crlf=source.crlf)
        findings, code = lint(current)
        edits = edits_from(findings, code, notes_rules)
        if not edits:
            break
        text, applied = apply_edits(text, edits)
        if not applied:
            break
        all_applied.extend(applied)
    return text, all_applied


def fix_with(
    linter: Linter, source: Source, notes_rules: frozenset[str] = frozenset()
) -> tuple[str, list[Edit]]:
    """:func:`fix_text` with a linter: what `plainpost fix` does to one post (the language
    server's "fix all")."""

    def lint(current: Source) -> tuple[list[Finding], list[tuple[int, int]]]:
        doc = linter.parse(current)
        return linter.lint_document(doc), doc.code_spans

    return fix_text(source, lint, notes_rules)


def to_disk(text: str, crlf: bool) -> str:
    return text.replace("\n", "\r\n") if crlf else text


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
