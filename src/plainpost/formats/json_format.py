"""JSON: one object {"version": 1, "findings": [...], "summary": {...}}."""

from __future__ import annotations

from plainpost.formats import Report, dumps_json, summary


def render(report: Report) -> str:
    data = {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "summary": summary(report),
    }
    return dumps_json(data) + "\n"
