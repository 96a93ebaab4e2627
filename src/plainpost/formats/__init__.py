"""lint's output formats: pure functions from findings (and the run's context) to a string.

:data:`FORMATS` is the table of them (the command line's ``--format`` and ``--also`` choices
come from it): a new format is its module here, with a ``render(report) -> str``, and one entry
in the table. Importing this package is cheap (the command line does it to build its options);
a format's module is imported when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plainpost.findings import Finding
    from plainpost.rulebook import Rule

# format name -> its module in this package
FORMATS: dict[str, str] = {
    "text": "text_format",
    "json": "json_format",
    "github": "github_format",
    "sarif": "sarif_format",
    "rdjson": "rdjson_format",
    "summary": "summary_format",
}


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for excerpts
    color: bool = False
    version: str = ""


def reporter(name: str) -> Callable[[Report], str]:
    module = importlib.import_module(f"plainpost.formats.{FORMATS[name]}")
    return module.render  # type: ignore[no-any-return]


def summary(report: Report) -> dict[str, object]:
    by_sev: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    by_cat: dict[str, int] = {}
    for f in report.findings:
        by_sev[f.severity.label] += 1
        by_cat[f.category] = by_cat.get(f.category, 0) + 1
    return {
        "files": len(report.files),
        "findings": len(report.findings),
        "errors": by_sev["error"],
        "warnings": by_sev["warning"],
        "infos": by_sev["info"],
        "by_category": dict(sorted(by_cat.items())),
        "unreadable": list(report.errors),
    }
