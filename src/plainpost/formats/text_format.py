"""Human output: grouped by file, the source line with the span marked, then a summary line."""

from __future__ import annotations

import unicodedata
from itertools import groupby

import click

from plainpost.findings import Finding
from plainpost.formats import Report, summary

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report) -> str:
    out: list[str] = []

    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if report.color else text  # type: ignore[arg-type]

    for path, group in groupby(report.findings, key=lambda f: f.path):
        out.append(style(path, bold=True, underline=True))
        lines = report.sources.get(path, "").split("\n")
        for f in group:
            sev = f.severity.label
            out.append(
                f"  {f.line}:{f.column}  {style(sev, fg=COLORS[sev], bold=True)}  "
                f"{f.message}  {style(f'[{f.rule}]', dim=True)}"
            )
            out.extend(_excerpt(f, lines, style))
            if f.suggestions and any(f.suggestions):
                shown = ", ".join(f"“{_one_line(s)}”" for s in f.suggestions if s)
                fix = " (safe fix)" if f.safe_fix else ""
                out.append(f"      {style('suggestion', fg='green')}: {shown}{fix}")
        out.append("")
    for error in report.errors:
        out.append(style("error", fg="red", bold=True) + f": {error}")
    s = summary(report)
    parts = [f"{s['errors']} error(s)", f"{s['warnings']} warning(s)", f"{s['infos']} info"]
    line = f"{s['findings']} finding(s) in {s['files']} file(s): " + ", ".join(parts)
    if report.errors:
        line += f"; {len(report.errors)} file(s) could not be read"
    out.append(style(line, bold=True))
    return "\n".join(out) + "\n"


def _one_line(suggestion: str) -> str:
    """A multi-line suggestion (an inserted note) shown on one line."""
    return " ".join(suggestion.split())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _excerpt(f: Finding, lines: list[str], style: object) -> list[str]:
    if not (1 <= f.line <= len(lines)):
        return []
    src = lines[f.line - 1].replace("\t", " ")
    if len(src) > 160:
        lo = max(0, f.column - 60)
        src_view, offset = src[lo : lo + 160], lo
    else:
        src_view, offset = src, 0
    end_col = f.end_column if f.end_line == f.line else len(src) + 1
    start = max(f.column - 1 - offset, 0)
    length = max(min(end_col - 1 - offset, len(src_view)) - start, 1)
    pad = " " * _width(src_view[:start])
    marks = "^" * max(_width(src_view[start : start + length]), 1)
    gutter = f"{f.line:>6} | "
    return [f"{gutter}{src_view}", f"{' ' * (len(gutter) - 2)}| {pad}{marks}"]
