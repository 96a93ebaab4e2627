"""lint's output formats: pure functions from findings (and the run's context) to a string.

:data:`FORMATS` is the table of them (the command line's ``--format`` and ``--also`` choices
come from it): a new format is its module here, with a ``render(report) -> str``, and one entry
in the table. Importing this package is cheap (the command line does it to build its options);
a format's module is imported when it is used.
"""

from __future__ import annotations

import importlib
import json
import re
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


# A file name that is not UTF-8 is held, as Python holds it (surrogateescape), with each byte
# that is not UTF-8 as a lone surrogate U+DC80..U+DCFF. JSON output writes each as the escape
# \udcXX: the document is valid UTF-8 whichever way it is written (stdout or a file), and
# ``os.fsencode(json.loads(doc)["findings"][0]["path"])`` gives the name's bytes back.
_LONE = re.compile("[\udc80-\udcff]")


def dumps_json(data: object, indent: int | None = 2) -> str:
    """JSON as the formats write it: UTF-8 text, a non-UTF-8 name's bytes as \\udcXX escapes."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def name_bytes(path: str) -> bytes:
    """A shown path's bytes on disk (a non-UTF-8 name's bytes restored)."""
    return path.encode("utf-8", "surrogateescape")


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
