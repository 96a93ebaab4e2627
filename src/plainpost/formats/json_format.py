"""JSON: one object {"version": 1, "findings": [...], "summary": {...}}."""

from __future__ import annotations

import json

from plainpost.formats import Report, summary


def render(report: Report) -> str:
    data = {
        "version": 1,
        "findings": [f.to_dict() for f in report.findings],
        "summary": summary(report),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
