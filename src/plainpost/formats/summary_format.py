"""A Markdown job summary (``$GITHUB_STEP_SUMMARY``): counts, then every finding in one table.

Annotations stop at GitHub's limits; this lists every finding, with paths relative to where the
lint ran (the repository root in CI). GitHub refuses a step summary over 1 MiB, so a summary that
would be bigger stops listing rows just before it and says how many it left out.
"""

from __future__ import annotations

import html
import re

from plainpost.formats import Report, summary

MAX_BYTES = 1_000_000  # GitHub's limit is 1 MiB per step summary; keep a margin
ICON = {"error": "🛑", "warning": "⚠️", "info": "ℹ️"}


def cell(text: str) -> str:
    """Text safe in a GFM table cell: no HTML, no Markdown, no line breaks, no bare pipes."""
    text = html.escape(text, quote=False)
    text = re.sub(r"([\\`*_\[\]{}#|~!])", r"\\\1", text)
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def code(text: str) -> str:
    """A code span that survives any backticks in the text and pipes in the table."""
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def render(report: Report) -> str:
    s = summary(report)
    n, files = s["findings"], s["files"]
    out = [f"## plainpost: {n} finding(s) in {files} post(s)", ""]
    if not report.findings and not report.errors:
        out += [f"✅ No findings in {files} post(s).", ""]
        return "\n".join(out)
    out += [
        "| 🛑 Errors | ⚠️ Warnings | ℹ️ Info | Posts | Unreadable |",
        "|---:|---:|---:|---:|---:|",
        f"| {s['errors']} | {s['warnings']} | {s['infos']} | {files} | {len(report.errors)} |",
        "",
    ]
    by_cat = s["by_category"]
    assert isinstance(by_cat, dict)
    if by_cat:
        out += ["By category: " + " · ".join(f"{cell(k)} {v}" for k, v in by_cat.items()), ""]
    if report.errors:
        out += ["**Could not be read:**", ""]
        out += [f"- {cell(e)}" for e in report.errors] + [""]
    if report.findings:
        out += [
            "| Post | Line:Col | Severity | Rule | Message |",
            "|---|---:|---|---|---|",
        ]
        size = len("\n".join(out).encode("utf-8"))
        tail_room = 400
        for i, f in enumerate(report.findings):
            sev = f.severity.label
            message = f.message
            real = [x for x in f.suggestions if x]
            if real:
                message += " Suggestion: " + " | ".join(f"“{x}”" for x in real)
            row = (
                f"| {code(f.path)} | {f.line}:{f.column} | {ICON[sev]} {sev} | "
                f"{code(f.rule)} ({cell(f.category)}) | {cell(message)} |"
            )
            grow = len(row.encode("utf-8", "surrogateescape")) + 1
            if size + grow > MAX_BYTES - tail_room:
                left = len(report.findings) - i
                out += [
                    "",
                    f"**{left} more finding(s) not listed:** GitHub limits a job summary to "
                    "1 MiB. Run `plainpost lint` locally or see the SARIF/rdjson output for all.",
                ]
                break
            out.append(row)
            size += grow
        out.append("")
    return "\n".join(out)
