"""SARIF 2.1.0 for code scanning: relative URIs against %SRCROOT%, rule docs as help."""

from __future__ import annotations

from urllib.parse import quote

from plainpost.formats import Report, dumps_json, name_bytes
from plainpost.rulebook import Rule

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HELP_URI = "https://github.com/plainpost/plainpost/blob/main/docs/rules.md#{id}"


def rule_markdown(rule: Rule) -> str:
    d = rule.doc
    parts = [f"**Why is this bad?** {d.why}"]
    if d.example:
        parts.append(f"**Example:** {d.example}")
    if d.use_instead:
        parts.append(f"**Use instead:** {d.use_instead}")
    if d.source:
        parts.append(f"**Source:** {d.source}")
    return "\n\n".join(parts)


def uri(path: str) -> str:
    """A relative path as a URI reference: spaces, non-ASCII and the like percent-encoded (a
    name that is not UTF-8 by its bytes: ``caf%E9.md``, read back by ``unquote_to_bytes``)."""
    return quote(name_bytes(path.replace("\\", "/")), safe="/-._~!$&'()*+,;=@")


def _descriptor(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.why},
        "help": {"text": rule.doc.why, "markdown": rule_markdown(rule)},
        "helpUri": HELP_URI.format(id=rule.id),
        "defaultConfiguration": {"level": LEVEL[rule.severity.label]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def render(report: Report) -> str:
    used = sorted({f.rule for f in report.findings})
    rules = [report.rules[r] for r in used if r in report.rules]
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, object] = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity.label],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": max(f.end_column, f.column),
                        },
                    }
                }
            ],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    notifications = [
        {"level": "error", "message": {"text": e}, "descriptor": {"id": "unreadable-input"}}
        for e in report.errors
    ]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plainpost",
                        "version": report.version,
                        "informationUri": "https://github.com/plainpost/plainpost",
                        "rules": [_descriptor(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                # plainpost's columns count code points; SARIF's default is UTF-16 code units
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }
    return dumps_json(sarif) + "\n"
