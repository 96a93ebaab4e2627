"""Findings and problems as LSP diagnostics."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from lsprotocol import types

from plainpost.findings import Finding, Severity
from plainpost.server.positions import Positions

SOURCE = "plainpost"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# findings whose span is text that can go: editors grey it out
UNNECESSARY = frozenset({"unused-suppression", "page-chrome", "doubled-word"})


def from_findings(
    findings: Iterable[Finding], positions: Positions, href: Callable[[str], str | None]
) -> list[types.Diagnostic]:
    out = []
    for f in findings:
        link = href(f.rule)
        out.append(
            types.Diagnostic(
                range=positions.range(f.start, f.end),
                message=f.message,
                severity=SEVERITY[f.severity],
                code=f.rule,
                code_description=types.CodeDescription(href=link) if link else None,
                source=SOURCE,
                tags=[types.DiagnosticTag.Unnecessary] if f.rule in UNNECESSARY else None,
                data={"category": f.category, "safe_fix": f.safe_fix},
            )
        )
    return out


def problem(message: str, code: str, line: int = 0) -> types.Diagnostic:
    """One diagnostic for a file that could not be checked, or a config that cannot load."""
    at = types.Position(line=line, character=0)
    return types.Diagnostic(
        range=types.Range(start=at, end=at),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        code=code,
        source=SOURCE,
    )


_LINE_RE = re.compile(r"\bline (\d+)\b|^[^:]+:(\d+):")
_UNKNOWN_RE = re.compile(r"unknown key '([^']+)'")
_KEY_RE = re.compile(r"^[^:]+: ([\w.-]+): ")


def config_problem(message: str, path: Path) -> types.Diagnostic:
    """A broken config, rule or vocabulary file: at the line the message gives, else at the key
    it names, else on the first line."""
    return problem(message, "config-error", _line_of(message, path))


def _line_of(message: str, path: Path) -> int:
    m = _LINE_RE.search(message)
    if m:
        return max(int(m.group(1) or m.group(2)) - 1, 0)
    m = _UNKNOWN_RE.search(message) or _KEY_RE.search(message)
    if not m:
        return 0
    key = m.group(1).split(".")[-1]
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    wanted = re.compile(
        r"^\s*(?:" + re.escape(key) + r"\s*[=:]|\[[^\]]*\b" + re.escape(key) + r"\])"
    )
    return next((i for i, line in enumerate(lines) if wanted.match(line)), 0)
