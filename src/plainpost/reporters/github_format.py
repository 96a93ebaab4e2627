"""GitHub workflow commands (::error file=...::message), with GitHub's escaping rules."""

from __future__ import annotations

from plainpost.reporters import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        props = ",".join(
            [
                f"file={escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={escape_property(f'{f.rule} ({f.category})')}",
            ]
        )
        message = f.message
        if f.suggestions and any(f.suggestions):
            message += "\nSuggestion: " + " | ".join(s for s in f.suggestions if s)
        lines.append(f"::{LEVEL[f.severity.label]} {props}::{escape_data(message)}")
    for error in report.errors:
        path, _, rest = error.partition(": ")
        lines.append(f"::error file={escape_property(path)},title=unreadable::{escape_data(rest)}")
    return "\n".join(lines) + ("\n" if lines else "")
