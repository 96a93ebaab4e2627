"""A baseline for adopting plainpost on an existing site: the findings it already has, kept in
``.plainpost-baseline.json`` next to the config, hidden from ``lint`` until they are fixed.

An entry is keyed by the post's path (from the baseline's folder), the rule and the matched text,
normalised (case, curly quotes, runs of white space), and counted: never by line, so an edit
elsewhere in the post keeps its entries. ``lint`` hides as many findings of a key as the baseline
counts; entries of a post linted in the run that no longer match are reported as fixed, and
``plainpost baseline --prune`` (or a fresh ``plainpost baseline``) drops them, so the file only
shrinks as the site improves.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plainpost.errors import PlainpostError
from plainpost.findings import Finding
from plainpost.fsutil import atomic_write

VERSION = 1
Key = tuple[str, str, str]  # (path from the baseline's folder, rule, normalised matched text)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_SPACE = re.compile(r"\s+")


class BaselineError(PlainpostError):
    """A baseline file that cannot be read: one line naming it (exit 2; the run goes on)."""


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


def _from_folder(shown: str, folder: Path) -> str:
    absolute = Path(os.path.abspath(shown))
    try:
        return absolute.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, folder)).as_posix()


@dataclass
class Baseline:
    path: Path
    entries: Counter[Key] = field(default_factory=Counter)

    @property
    def folder(self) -> Path:
        return self.path.parent.resolve()

    def key(self, finding: Finding, text: str) -> Key:
        matched = text[finding.start : finding.end] if text else ""
        return (_from_folder(finding.path, self.folder), finding.rule, normalise(matched))

    def post(self, shown: str) -> str:
        return _from_folder(shown, self.folder)

    def dumps(self) -> str:
        rows = [
            {"path": p, "rule": r, "text": t, "count": n}
            for (p, r, t), n in sorted(self.entries.items())
            if n > 0
        ]
        data = {
            "version": VERSION,
            "about": "Findings plainpost hides until they are fixed: `plainpost baseline --prune` "
            "drops fixed ones. Keyed by path, rule and matched text (not line).",
            "findings": rows,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def write(self) -> None:
        try:
            atomic_write(self.path, self.dumps())
        except OSError as exc:
            raise BaselineError(f"{self.path}: cannot write: {exc.strerror or exc}") from None


def load(path: Path) -> Baseline:
    """The baseline at ``path`` (empty when there is no file); BaselineError when broken."""
    shown = path.as_posix()
    if not path.exists():
        return Baseline(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise BaselineError(f"{shown}: cannot read the baseline: {reason}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{shown}: not a plainpost baseline: invalid JSON at line {exc.lineno} "
            "(rewrite it with `plainpost baseline`)"
        ) from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(
            f"{shown}: not a plainpost baseline (version {VERSION}): rewrite it with "
            "`plainpost baseline`"
        )
    out = Baseline(path)
    rows = data.get("findings")
    if not isinstance(rows, list):
        raise BaselineError(f"{shown}: findings: expected a list")
    for i, row in enumerate(rows):
        ok = isinstance(row, dict) and all(
            isinstance(row.get(k), str) for k in ("path", "rule", "text")
        )
        count = row.get("count", 1) if isinstance(row, dict) else None
        if not ok or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(
                f"{shown}: findings[{i}]: expected path, rule, text and a count of 1 or more"
            )
        out.entries[(row["path"], row["rule"], normalise(row["text"]))] += count
    return out


@dataclass
class Applied:
    findings: list[Finding]  # what is left to show
    hidden: int = 0
    fixed: list[Key] = field(default_factory=list)  # entries of linted posts that did not match


def apply(
    baseline: Baseline,
    findings: Iterable[Finding],
    text_of: Callable[[str], str],
    linted: Iterable[str],
) -> Applied:
    """Hide baselined findings; ``linted`` are the posts (shown paths) the run checked, whose
    unmatched entries are fixed."""
    left = Counter(baseline.entries)
    out = Applied([])
    for f in findings:
        key = baseline.key(f, text_of(f.path))
        if left[key] > 0:
            left[key] -= 1
            out.hidden += 1
        else:
            out.findings.append(f)
    posts = {baseline.post(p) for p in linted}
    for key, n in sorted(left.items()):
        if n > 0 and key[0] in posts:
            out.fixed.extend([key] * n)
    return out


def rebuilt(
    old: Baseline,
    findings: Iterable[Finding],
    text_of: Callable[[str], str],
    linted: Iterable[str],
    prune: bool,
) -> Baseline:
    """The baseline after a run over ``linted``: other posts' entries kept; the run's posts get
    their current findings (``prune``: only those already baselined, never new ones)."""
    posts = {old.post(p) for p in linted}
    new = Baseline(old.path, Counter({k: n for k, n in old.entries.items() if k[0] not in posts}))
    current = Counter(old.key(f, text_of(f.path)) for f in findings)
    for key, n in current.items():
        if prune:
            n = min(n, old.entries.get(key, 0))
        if n:
            new.entries[key] += n
    return new


def describe(key: Key) -> str:
    path, rule, text = key
    return f"{path}: [{rule}] “{text}”" if text else f"{path}: [{rule}]"
