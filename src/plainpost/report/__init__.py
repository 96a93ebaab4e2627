"""``plainpost report``: one self-contained HTML page to look at, not read.

Each post's text with every finding highlighted in place (coloured by category, numbered and
linked to a sortable, filterable table of all findings), hard and very hard sentences shaded,
and readability per post and per section as a small chart. Findings come from the same cached,
parallel lint as ``plainpost lint``; the page comes from ``render``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plainpost.config import Config
from plainpost.document import InputError, Source, parse_document, read_source
from plainpost.findings import Finding, Severity
from plainpost.readability import body_sentences, scores
from plainpost.report.model import (
    FindingView,
    PostView,
    Shading,
    Thresholds,
    section_scores,
    segment_lines,
    shaded_sentences,
    shading_rules,
    thresholds,
)
from plainpost.report.render import render_html
from plainpost.run.batch import Group, lint_groups
from plainpost.run.rules import Run

__all__ = ["ReportResult", "build_report"]


@dataclass
class ReportResult:
    html: str
    posts: list[PostView] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def build_report(
    run: Run,
    files: list[Path],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    version: str = "",
    title: str = "plainpost report",
    on_file: Callable[[str], None] | None = None,
    groups: Sequence[Group] | None = None,
) -> ReportResult:
    """The report of ``files`` linted with ``run``; or, with ``groups``, of each group's posts
    linted with its own run (a nested config's folder), as ``plainpost lint`` does."""
    if groups is None:
        groups = [(run, files)]
    files = [path for _, members in groups for path in members]
    configs = [r.settings.config for r, members in groups for _ in members]
    batch = lint_groups(groups, use_cache=use_cache, jobs=jobs, on_file=on_file)
    rules = run.ruleset().loaded  # the rule files were read once, by the lint if it needed them
    shading = shading_rules(rules)
    limits = thresholds([*rules, *run.ruleset().switched_off])
    by_path: dict[str, list[Finding]] = {}
    for f in batch.findings:
        by_path.setdefault(f.path, []).append(f)

    # worst first: unreadable posts, then by errors, warnings and all findings (then as given);
    # findings are numbered in the order the page shows them
    sources: list[Source | str] = []
    for path, shown in zip(files, batch.files, strict=True):
        try:
            sources.append(read_source(path, shown))
        except InputError as exc:
            sources.append(str(exc))

    def badness(index: int) -> tuple[int, int, int, int, int]:
        found = by_path.get(batch.files[index], [])
        return (
            -isinstance(sources[index], str),
            -sum(1 for f in found if f.severity is Severity.ERROR),
            -sum(1 for f in found if f.severity is Severity.WARNING),
            -len(found),
            index,
        )

    posts: list[PostView] = []
    number = 0
    for index, original in enumerate(sorted(range(len(files)), key=badness)):
        shown = batch.files[original]
        post = PostView(index=index, path=shown, title=shown)
        for f in by_path.get(shown, []):
            number += 1
            post.findings.append(FindingView(number, f, index))
        source = sources[original]
        if isinstance(source, str):
            post.error = source
        else:
            _fill(post, configs[original], source, shading, limits)
        posts.append(post)
    html = render_html(posts, batch.errors, limits, version, title)
    return ReportResult(html, posts, batch.errors, batch.findings)


def _fill(
    post: PostView,
    config: Config,
    source: Source,
    shading: list[Shading],
    limits: Thresholds,
) -> None:
    doc = parse_document(source, config.lang)
    title = doc.meta.get("title") if isinstance(doc.meta, dict) else None
    if isinstance(title, str) and title.strip():
        post.title = title.strip()
    shades = shaded_sentences(doc, shading)
    post.hard = sum(1 for *_, kind in shades if kind == "hard")
    post.very_hard = sum(1 for *_, kind in shades if kind == "very-hard")
    body = body_sentences(doc)
    if body:
        post.scores = scores(body, doc.lang)
        post.gate = limits.gate(body)
        post.sections = section_scores(doc, limits)
    post.lines = segment_lines(
        doc.text, post.findings, shades, doc.body_start, {rule.rule for rule in shading}
    )
