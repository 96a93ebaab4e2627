"""What the HTML report shows, worked out from posts and findings; no HTML here.

A post's text is cut into *segments* at every boundary of a finding or a shaded sentence, so
that overlapping findings and sentences each keep their place. Each segment knows the findings
it belongs to, the sentence shading under it, and which findings end after it (where the
numbered reference to the findings table goes).
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from plainpost.checks.readability import PostOptions
from plainpost.document import Document, Sentence
from plainpost.findings import Finding, Severity
from plainpost.readability import (
    Gate,
    Scores,
    SentenceLimits,
    body_sentences,
    classify,
    gate,
    scores,
)
from plainpost.rulebook import Rule, RuleError


@dataclass(frozen=True)
class Shading:
    """A sentence rule (options `SentenceLimits`) whose sentences the report shades, not marks."""

    rule: str
    limits: SentenceLimits
    shade: str  # "very-hard" for a rule at warning or error, "hard" at info


@dataclass(frozen=True)
class FindingView:
    number: int  # 1-based, across the whole report
    finding: Finding
    post: int  # index of the post

    @property
    def anchor(self) -> str:
        return f"f-{self.number}"

    @property
    def row(self) -> str:
        return f"row-{self.number}"


@dataclass
class Segment:
    text: str
    findings: list[FindingView] = field(default_factory=list)  # covering this text
    shade: str = ""  # "" | "hard" | "very-hard"
    refs: list[FindingView] = field(default_factory=list)  # findings that end here

    @property
    def category(self) -> str:
        return self.findings[0].finding.category if self.findings else ""

    @property
    def severity(self) -> str:
        return max(f.finding.severity for f in self.findings).label if self.findings else ""


@dataclass
class Line:
    kind: str  # "front-matter" | "heading-N" | "text" | "blank"
    segments: list[Segment]

    @property
    def refs(self) -> list[FindingView]:
        """The findings that end on this line: their messages are shown under it."""
        return [fv for seg in self.segments for fv in seg.refs]


@dataclass(frozen=True)
class SectionScore:
    title: str
    scores: Scores
    gate: Gate  # which formula the lint gate would judge this text by, and its margin


@dataclass
class PostView:
    index: int
    path: str
    title: str
    lines: list[Line] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    scores: Scores | None = None
    gate: Gate | None = None
    sections: list[SectionScore] = field(default_factory=list)
    hard: int = 0
    very_hard: int = 0
    error: str | None = None

    @property
    def anchor(self) -> str:
        return f"post-{self.index + 1}"

    def count(self, severity: str) -> int:
        return sum(1 for fv in self.findings if fv.finding.severity.label == severity)


@dataclass(frozen=True)
class Thresholds:
    """The readability rule's limits, shown as the aims (they live in its rule file only)."""

    fk_grade_max: float
    smog_max: float
    reading_ease_min: float
    min_sentences: int = 0  # the gate's short-text limit: fewer sentences are not scored
    rule: str = ""  # the rule whose finding the post's gate is
    smog_sentences: int = 30  # from this many sentences SMOG judges, below it Flesch-Kincaid
    confidence_z: float = 1.645  # the short text's margin, in standard errors

    def gate(self, sentences: list[Sentence]) -> Gate:
        return gate(sentences, self.smog_sentences, self.confidence_z)


def shading_rules(rules: Iterable[Rule]) -> list[Shading]:
    """The sentence rules in effect (any rule whose options are `SentenceLimits`, whatever its
    id), strongest first: by severity, then by the longer word limit. A sentence takes the shade
    of the first rule that reports it."""
    found = [r for r in rules if isinstance(r.options, SentenceLimits)]
    found.sort(key=lambda r: (-r.severity, -r.options.max_words))
    return [
        Shading(r.id, r.options, "very-hard" if r.severity >= Severity.WARNING else "hard")
        for r in found
    ]


def thresholds(rules: Iterable[Rule]) -> Thresholds:
    """The limits of the first readability rule (a rule switched off still has its file's)."""
    for rule in rules:
        if isinstance(rule.options, PostOptions):  # the readability kind's post limits
            o = rule.options
            return Thresholds(
                o.fk_grade_max,
                o.smog_max,
                o.reading_ease_min,
                o.min_sentences,
                rule.id,
                o.smog_sentences,
                o.confidence_z,
            )
    raise RuleError("no rule of kind `readability`: the report has no limits to show")


def shaded_sentences(doc: Document, shading: Sequence[Shading]) -> list[tuple[int, int, str]]:
    """(start, end, "hard" | "very-hard") source spans of the body sentences to shade."""
    out = []
    for s in doc.sentences:
        if not s.block.is_body:
            continue
        for rule in shading:
            if classify(s, rule.limits) is not None:
                start, end = s.span()
                out.append((start, end, rule.shade))
                break
    return out


def section_scores(doc: Document, limits: Thresholds) -> list[SectionScore]:
    """Readability per top-level section (the highest heading level below the title)."""
    headings = doc.headings
    levels = [h.level for h in headings if h.level > 1] or [2]
    top = min(levels)
    out: list[SectionScore] = []
    first_top = next((h.index for h in headings if h.level == top), len(doc.blocks))
    intro_blocks = {id(b) for b in doc.blocks[:first_top]}
    intro = [s for s in body_sentences(doc) if id(s.block) in intro_blocks]
    if intro:
        out.append(SectionScore("Introduction", scores(intro), limits.gate(intro)))
    for i, heading in enumerate(headings):
        if heading.level != top:
            continue
        blocks = {id(b) for b in doc.section_blocks(i)}
        sentences: list[Sentence] = [s for s in body_sentences(doc) if id(s.block) in blocks]
        if sentences:
            title = re.sub(r"\s+", " ", heading.text).strip() or f"Section {i + 1}"
            out.append(SectionScore(title, scores(sentences), limits.gate(sentences)))
    return out


def segment_lines(
    text: str,
    findings: list[FindingView],
    shades: list[tuple[int, int, str]],
    body_start: int,
    shaded_rules: Collection[str] = (),
) -> list[Line]:
    """Cut the text into lines of segments at every finding and shading boundary (the findings
    of ``shaded_rules`` are shown by their sentence's shade, not marked)."""
    n = len(text)
    cuts = {0, n}
    for fv in findings:
        f = fv.finding
        cuts.update((min(f.start, n), min(max(f.end, f.start), n)))
    for start, end, _ in shades:
        cuts.update((min(start, n), min(end, n)))
    pos = text.find("\n")
    while pos != -1:
        cuts.update((pos, pos + 1))  # newlines are their own segments: lines split there
        pos = text.find("\n", pos + 1)
    points = sorted(cuts)

    ends: dict[int, list[FindingView]] = {}
    for fv in findings:
        f = fv.finding
        at = min(max(f.end, f.start), n)
        ends.setdefault(at, []).append(fv)

    lines: list[Line] = []
    current: list[Segment] = []
    line_start = 0

    def close(end: int) -> None:
        raw = text[line_start:end]
        if line_start < body_start:
            kind = "front-matter"
        elif not raw.strip():
            kind = "blank"
        else:
            m = re.match(r"^ {0,3}(#{1,6})\s", raw)
            kind = f"heading-{len(m.group(1))}" if m else "text"
        lines.append(Line(kind, current[:]))
        current.clear()

    # A sweep over the cut points: each finding and shade enters the active set at its start and
    # leaves at its end, so the text is cut in time linear in its findings (plus what they cover).
    marks = [fv for fv in findings if fv.finding.rule not in shaded_rules]  # shading, not marks
    starts = sorted(range(len(marks)), key=lambda i: min(marks[i].finding.start, n))
    shade_starts = sorted(range(len(shades)), key=lambda i: min(shades[i][0], n))
    active: dict[int, FindingView] = {}  # by position in `marks`
    leaving: list[tuple[int, int]] = []  # (end, position) heap
    shading: dict[int, str] = {}
    shade_leaving: list[tuple[int, int]] = []
    next_mark = next_shade = 0

    # refs that fall exactly on a line break go at the end of the line before it
    for a, b in itertools.pairwise(points):
        if text[a:b] == "\n":
            tail = ends.pop(a, [])
            if tail:
                if current:
                    current[-1].refs.extend(tail)
                else:
                    current.append(Segment("", refs=tail))
            close(a)
            line_start = b
            continue
        # active: started at or before a, ending at or after b (every end is a cut point, so
        # ending after a is the same); zero-length findings never cover anything
        while next_mark < len(starts) and min(marks[starts[next_mark]].finding.start, n) <= a:
            i = starts[next_mark]
            active[i] = marks[i]
            heapq.heappush(leaving, (min(_end(marks[i]), n), i))
            next_mark += 1
        while leaving and leaving[0][0] <= a:
            active.pop(heapq.heappop(leaving)[1], None)
        while next_shade < len(shade_starts) and min(shades[shade_starts[next_shade]][0], n) <= a:
            i = shade_starts[next_shade]
            shading[i] = shades[i][2]
            heapq.heappush(shade_leaving, (min(shades[i][1], n), i))
            next_shade += 1
        while shade_leaving and shade_leaving[0][0] <= a:
            shading.pop(heapq.heappop(shade_leaving)[1], None)
        covering = [active[i] for i in sorted(active)] if active else []
        shade = shading[min(shading)] if shading else ""
        seg = Segment(text[a:b], covering, shade)
        if a in ends:  # zero-length findings and findings ending right before this segment
            pending = ends.pop(a)
            if current:
                current[-1].refs.extend(pending)
            else:
                seg_refs = Segment("", refs=pending)
                current.append(seg_refs)
        current.append(seg)
    leftover = [fv for at in sorted(ends) for fv in ends[at]]
    if leftover:
        current.append(Segment("", refs=leftover))
    if current or line_start < n:
        close(n)
    return lines


def _end(fv: FindingView) -> int:
    return max(fv.finding.end, fv.finding.start)
