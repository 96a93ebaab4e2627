"""Rule documentation from the rule files: `plainpost rules`, the README table, SARIF help."""

from __future__ import annotations

from plainpost.rulebook.model import Rule


def rule_list(rules: list[Rule], markdown: bool = False) -> str:
    if markdown:
        rows = ["| id | category | severity | what it checks | source |", "|---|---|---|---|---|"]
        for r in rules:
            source = r.doc.source.replace("\n", " ").replace("|", "/")
            sev = r.severity.label
            rows.append(f"| `{r.id}` | {r.category} | {sev} | {r.summary} | {source} |")
        return "\n".join(rows)
    width = max((len(r.id) for r in rules), default=10)
    lines = [
        f"{r.id:<{width}}  {r.category:<14}  {r.severity.label:<7}  {r.summary}" for r in rules
    ]
    return "\n".join(lines) + f"\n\n{len(rules)} rules. `plainpost rules ID` shows one in full."


def _indent(text: str) -> str:
    """Every line of a (possibly multi-line Markdown) example indented under its heading."""
    return "\n".join(f"  {line}" if line else "" for line in text.strip().split("\n"))


def rule_page(rule: Rule) -> str:
    d = rule.doc
    out = [
        f"{rule.id}  ({rule.category}, {rule.severity.label}, {rule.stage})",
        f"Defined in: {rule.path}",
        "",
        "What it does",
        f"  {rule.summary}",
        "",
        "Why is this bad?",
        f"  {d.why.strip()}",
    ]
    if d.example:
        out += ["", "Example", _indent(d.example)]
    if d.use_instead:
        out += ["", "Use instead", _indent(d.use_instead)]
    if d.source:
        out += ["", "Source", _indent(d.source)]
    if rule.examples.fire:
        out += ["", "Fires on"] + [f"  - {e.strip()[:200]!s}" for e in rule.examples.fire]
    if rule.examples.pass_:
        out += ["", "Does not fire on"] + [f"  - {e.strip()[:200]!s}" for e in rule.examples.pass_]
    return "\n".join(out)
