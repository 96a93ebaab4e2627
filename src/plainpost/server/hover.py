"""Hover over a finding: its message and the rule's documentation (ruff's headings)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lsprotocol import types

from plainpost.findings import Finding
from plainpost.rulebook import Rule
from plainpost.server.positions import Positions


def rule_markdown(rule: Rule) -> str:
    """Why, example, use instead and source, as `plainpost rules ID` and docs/rules.md show."""
    d = rule.doc
    out = [f"**Why is this bad?** {' '.join(d.why.split())}"]
    if d.example:
        out += ["**Example**", f"```markdown\n{d.example.strip()}\n```"]
    if d.use_instead:
        out += ["**Use instead**", f"```markdown\n{d.use_instead.strip()}\n```"]
    if d.source:
        out.append(f"**Source.** {' '.join(d.source.split())}")
    return "\n\n".join(out)


def hover(
    findings: Iterable[Finding],
    offset: int,
    positions: Positions,
    rules: dict[str, Rule],
    href: Callable[[str], str | None],
) -> types.Hover | None:
    """The findings whose span holds the offset (an empty span: the point itself), each with
    its rule's doc, the most precise first (a word's finding before its paragraph's); None
    where there are none."""
    here = [f for f in findings if f.start <= offset < f.end or f.start == f.end == offset]
    here.sort(key=lambda f: f.end - f.start)
    if not here:
        return None
    parts = []
    for f in here:
        link = href(f.rule)
        name = f"[`{f.rule}`]({link})" if link else f"`{f.rule}`"
        part = f"**plainpost** {name} · {f.category}, {f.severity.label}\n\n{f.message}"
        rule = rules.get(f.rule)
        if rule is not None:
            part += "\n\n" + rule_markdown(rule)
        parts.append(part)
    text = "\n\n---\n\n".join(parts)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=positions.range(here[0].start, here[0].end),
    )
