"""Reporters: pure functions from findings (and the run's context) to a string."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from plainpost.findings import Finding
from plainpost.rulebook import Rule

FORMATS = ("text", "json", "github", "sarif", "rdjson", "summary")


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
    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"plainpost.formats.{name}_format")
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
