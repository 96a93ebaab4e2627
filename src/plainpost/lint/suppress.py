"""Inline suppression: ``<!-- plainpost-disable RULE -->`` ... ``<!-- plainpost-enable RULE -->``
and ``<!-- plainpost-disable-next-line RULE -- reason -->``.

Directives are parsed once, applied after the checks, and reported when unused or malformed
(sqlfluff's noqa model). RULE is a rule id, a category, or nothing for every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plainpost.document import Document
from plainpost.findings import CATEGORIES, Finding

DIRECTIVE_RE = re.compile(r"^\s*plainpost-(?P<verb>[a-z-]+)\b(?P<rest>.*)$", re.S)
VERBS = ("disable", "enable", "disable-next-line", "disable-line")


@dataclass
class Directive:
    verb: str
    targets: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    line: int
    reason: str = ""
    used: bool = False


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # malformed, unknown
    # (directive, first line, last line) over which it hides findings
    ranges: list[tuple[Directive, int, int]] = field(default_factory=list)

    def hides(self, finding: Finding) -> bool:
        hidden = False
        for directive, first, last in self.ranges:
            if first <= finding.line <= last and _matches(directive.targets, finding):
                directive.used = True
                hidden = True
        return hidden

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.verb != "enable" and not d.used]


def _matches(targets: tuple[str, ...], finding: Finding) -> bool:
    return not targets or finding.rule in targets or finding.category in targets


def parse_suppressions(doc: Document, known_rules: set[str]) -> Suppressions:
    out = Suppressions()
    open_at: dict[str, Directive] = {}
    last_line = doc.index.line_count
    for comment in doc.comments:
        m = DIRECTIVE_RE.match(comment.body)
        if not m:
            continue
        line = doc.index.position(comment.start)[0]
        end_line = doc.index.position(max(comment.end - 1, comment.start))[0]
        verb = m.group("verb")
        rest, _, reason = m.group("rest").partition("--")
        targets = tuple(t for t in re.split(r"[\s,]+", rest.strip()) if t)
        if verb not in VERBS:
            out.problems.append(
                (
                    comment.start,
                    comment.end,
                    f"unknown directive `plainpost-{verb}` "
                    f"(use {', '.join('plainpost-' + v for v in VERBS)})",
                )
            )
            continue
        bad = [t for t in targets if t != "all" and t not in known_rules and t not in CATEGORIES]
        if bad:
            out.problems.append(
                (comment.start, comment.end, f"unknown rule or category `{bad[0]}` in directive")
            )
            continue
        targets = tuple(t for t in targets if t != "all")
        d = Directive(verb, targets, comment.start, comment.end, line, reason.strip())
        out.directives.append(d)
        if verb == "disable-next-line":
            out.ranges.append((d, end_line + 1, end_line + 1))
        elif verb == "disable-line":
            out.ranges.append((d, line, end_line))
        elif verb == "disable":
            for t in targets or ("*",):
                open_at[t] = d
        else:  # enable
            for t in targets or tuple(open_at):
                opened = open_at.pop(t, None)
                if opened is not None:
                    out.ranges.append((opened, opened.line, line))
            d.used = True
    for opened in {id(d): d for d in open_at.values()}.values():
        out.ranges.append((opened, opened.line, last_line))
    return out
