"""Rule documentation from the rule files: `plainpost rules`, the README table, SARIF help."""

from __future__ import annotations

import re

from plainpost.rulebook.model import Rule


def rule_list(rules: list[Rule], markdown: bool = False) -> str:
    if markdown:
        return rules_markdown(rules)
    width = max((len(r.id) for r in rules), default=10)
    lines = [
        f"{r.id:<{width}}  {r.category:<14}  {r.severity.label:<7}  {r.summary}"
        f"  [source: {primary_source(r)}]"
        for r in rules
    ]
    return "\n".join(lines) + f"\n\n{len(rules)} rules. `plainpost rules ID` shows one in full."


def rules_markdown(rules: list[Rule]) -> str:
    """docs/rules.md: a table of every rule, then each rule's doc under a heading (its anchor is
    the rule id, which SARIF's helpUri points to)."""
    out = [
        "# plainpost rules",
        "",
        "Generated from the rule files by `plainpost rules --format markdown > docs/rules.md`;"
        " a test fails when it is out of date.",
        "",
        "| id | category | severity | what it checks | source |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        out.append(
            f"| [`{r.id}`](#{r.id}) | {r.category} | {r.severity.label} | {r.summary} "
            f"| {primary_source(r)} |"
        )
    for r in rules:
        d = r.doc
        out += [
            "",
            f"## {r.id}",
            "",
            f"*{r.category}, {r.severity.label}, {r.stage}* · defined in `{_rel(r.path)}`",
            "",
            f"**What it does.** {r.summary}",
            "",
            f"**Why is this bad?** {' '.join(d.why.split())}",
        ]
        if d.example:
            out += ["", "**Example**", "", "```markdown", d.example.strip(), "```"]
        if d.use_instead:
            out += ["", "**Use instead**", "", "```markdown", d.use_instead.strip(), "```"]
        if d.source:
            out += ["", f"**Source.** {' '.join(d.source.split())}"]
    return "\n".join(out) + "\n"


_URL_RE = re.compile(r"https?://[^\s)>\]]+")


def primary_source(rule: Rule) -> str:
    """The first URL of the rule's source, else its first line."""
    m = _URL_RE.search(rule.doc.source)
    if m:
        return m.group().rstrip(".,;")
    return rule.doc.source.strip().split("\n")[0][:80] or "-"


def _rel(path: str) -> str:
    marker = "rules/"
    return path[path.rindex(marker) :] if marker in path else path


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
