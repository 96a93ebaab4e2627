"""GitHub workflow commands (::error file=...::message), with GitHub's escaping rules."""

from __future__ import annotations

from plainpost.formats import Report

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}

# GitHub shows at most 10 annotations of each level (error, warning, notice) per step and 50 per
# job; the rest are dropped silently. We stop at those limits ourselves and end with one notice
# that says how many more there are, so a reader knows to open the job summary (which lists all).
MAX_PER_LEVEL = 10
MAX_PER_JOB = 50


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, per_level: int = MAX_PER_LEVEL, per_job: int = MAX_PER_JOB) -> str:
    commands: list[tuple[str, str]] = []
    for error in report.errors:
        path, _, rest = error.partition(": ")
        commands.append(
            ("error", f"::error file={escape_property(path)},title=unreadable::{escape_data(rest)}")
        )
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
        level = LEVEL[f.severity.label]
        commands.append((level, f"::{level} {props}::{escape_data(message)}"))
    kept = _within_limits(commands, per_level, per_job)
    if len(kept) < len(commands):
        # the closing notice takes a notice slot and a job slot itself
        kept = _within_limits(commands, per_level, per_job - 1, notice_cap=per_level - 1)
        hidden = len(commands) - len(kept)
        note = (
            f"{hidden} more finding(s) not shown as annotations: GitHub shows at most "
            f"{per_level} per level in a step and {per_job} in a job. "
            f"The job summary lists all {len(commands)}."
        )
        kept.append(
            f"::notice title={escape_property('plainpost: more findings')}::{escape_data(note)}"
        )
    return "\n".join(kept) + ("\n" if kept else "")


def _within_limits(
    commands: list[tuple[str, str]], per_level: int, per_job: int, notice_cap: int | None = None
) -> list[str]:
    caps = {"error": per_level, "warning": per_level, "notice": per_level}
    if notice_cap is not None:
        caps["notice"] = notice_cap
    used = {"error": 0, "warning": 0, "notice": 0}
    out: list[str] = []
    for level, text in commands:
        if len(out) >= per_job:
            break
        if used[level] < caps[level]:
            used[level] += 1
            out.append(text)
    return out
