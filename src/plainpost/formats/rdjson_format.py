"""reviewdog Diagnostic Format, one JSON object (``reviewdog -f=rdjson``): every finding.

reviewdog posts these as review comments on the changed lines, with suggested changes, so a
pull request gets all findings even past GitHub's annotation limits. Ranges are 1-based with an
exclusive end, and columns count UTF-8 bytes (reviewdog's rule), so they are computed from the
post's text when the report has it (the CLI passes it), else they are code points, which is the
same for ASCII lines.
"""

from __future__ import annotations

from plainpost.findings import Finding
from plainpost.formats import Report, dumps_json
from plainpost.formats.sarif_format import HELP_URI

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
SOURCE = {"name": "plainpost", "url": "https://github.com/plainpost/plainpost"}


def _byte_column(lines: list[str] | None, line: int, column: int) -> int:
    if not lines or not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    return len(text[: column - 1].encode("utf-8")) + 1


def _range(f: Finding, lines: list[str] | None) -> dict[str, object]:
    return {
        "start": {"line": f.line, "column": _byte_column(lines, f.line, f.column)},
        "end": {"line": f.end_line, "column": _byte_column(lines, f.end_line, f.end_column)},
    }


def diagnostic(f: Finding, lines: list[str] | None = None) -> dict[str, object]:
    where = _range(f, lines)
    out: dict[str, object] = {
        "message": f.message,
        "location": {"path": f.path, "range": where},
        "severity": SEVERITY[f.severity.label],
        "source": SOURCE,
        "code": {"value": f.rule, "url": HELP_URI.format(id=f.rule)},
    }
    if f.suggestions and f.safe_fix:
        # A safe fix becomes a one-click suggested change: the preferred replacement of the
        # span ("" deletes it). Only the first: alternatives for one span would be conflicting
        # suggested changes on GitHub.
        out["suggestions"] = [{"range": where, "text": f.suggestions[0]}]
    elif any(f.suggestions):
        # Not safe (it may be a false alarm, or need a writer's judgement): named in the
        # message, never offered as a change to accept with one click.
        named = ", ".join(f"“{s}”" for s in f.suggestions if s and f"“{s}”" not in f.message)
        if named:
            out["message"] = f"{f.message} (suggestion: {named})"
    return out


def render(report: Report) -> str:
    split: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str] | None:
        if path not in report.sources:
            return None
        if path not in split:
            split[path] = report.sources[path].split("\n")
        return split[path]

    diagnostics = [diagnostic(f, lines_of(f.path)) for f in report.findings]
    for error in report.errors:
        path, _, rest = error.partition(": ")
        diagnostics.append(
            {
                "message": rest or error,
                "location": {"path": path},
                "severity": "ERROR",
                "source": SOURCE,
                "code": {"value": "unreadable"},
            }
        )
    worst = "INFO"
    for label in ("warning", "error"):
        if any(f.severity.label == label for f in report.findings):
            worst = SEVERITY[label]
    if report.errors:
        worst = "ERROR"
    data = {"source": SOURCE, "severity": worst, "diagnostics": diagnostics}
    return dumps_json(data) + "\n"
