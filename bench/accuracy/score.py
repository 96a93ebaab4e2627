"""Accuracy benchmark: how much of what an editor marks does plainpost find, and how much else?

    python bench/accuracy/score.py FOLDER [FOLDER...] [--json] [--clean] [--config FILE]
                                   [--count-metadata] [--check]

A folder holds posts ``NAME.md`` each with a sidecar ``NAME.expect.yml`` listing the defects an
editor would mark (format: bench/accuracy/README.md). The posts go through plainpost's real
pipeline (``plainpost lint --format json --no-cache``, as a user runs it); each finding is
matched to the defects, and the scorer prints recall by class and by group, precision, false
alarms per 1,000 prose words, and every miss and false alarm with file:line.

``--clean`` reads a folder as professionally edited text with no defects (sidecars are not
needed): every finding is a false alarm. ``--check`` only validates the sidecars (every ``text``
on its ``line``) and exits 1 if one is wrong.

The scorer's logic (loading, matching, counting) is pure functions over plain data, so the test
(tests/bench/test_accuracy_scorer.py) runs it on a fixture corpus of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGUAGE_CLASSES = ("spelling", "real-word", "agreement", "missing-word", "run-on", "word-form")
HEALTH_CLASSES = (
    "claims",
    "safety",
    "plain-language",
    "chrome",
    "accessibility",
    "structure",
    "readability",
)
CLASSES = LANGUAGE_CLASSES + HEALTH_CLASSES
GROUPS = {"language": LANGUAGE_CLASSES, "health": HEALTH_CLASSES}

# Which finding categories can match a defect of each class.
COMPATIBLE: dict[str, frozenset[str]] = {
    **{cls: frozenset({"spelling", "grammar"}) for cls in LANGUAGE_CLASSES},
    **{cls: frozenset({cls}) for cls in HEALTH_CLASSES if cls != "chrome"},
    "chrome": frozenset({"boilerplate"}),
}

# Rules about front-matter metadata (who wrote and reviewed a post, when): posts modelled on real
# pages never had it, so these are not annotated and, unless --count-metadata, not scored. The
# set is read from the shipped rule files (kinds `review` and `front-matter`); this is the
# fallback when they cannot be read.
METADATA_KINDS = frozenset({"review", "front-matter"})
METADATA_FALLBACK = frozenset(
    {
        "author-missing",
        "reviewer-missing",
        "review-date-missing",
        "review-out-of-date",
        "front-matter",
    }
)
# Kinds whose findings are about the post as a whole (a missing section, the post's grade): a
# post-level defect takes one of these before any other compatible finding.
POST_LEVEL_KINDS = frozenset({"required-section", "readability"})

DEFECT_KEYS = frozenset({"line", "text", "class", "fix", "optional", "note"})
SIDECAR_KEYS = frozenset({"modelled_on", "defects", "note"})
SIDECAR_SUFFIX = ".expect.yml"


class BenchError(Exception):
    """A problem with the benchmark's input (a folder, a sidecar, plainpost's output)."""


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Defect:
    path: str  # the post's path, as given
    line: int | None  # 1-based line in the post; None for a post-level defect
    text: str | None  # the marked span: an exact substring of that line
    cls: str
    fix: str | None = None
    optional: bool = False
    note: str | None = None

    @property
    def group(self) -> str:
        return "language" if self.cls in LANGUAGE_CLASSES else "health"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Post:
    path: str
    lines: tuple[str, ...]  # the source lines, without line ends
    words: int  # prose words of the body
    defects: tuple[Defect, ...]
    modelled_on: str | None = None


@dataclass
class Score:
    """Everything the scorer reports, for one or more folders."""

    posts: int = 0
    words: int = 0
    caught: Counter[str] = field(default_factory=Counter)  # class -> required defects caught
    annotated: Counter[str] = field(default_factory=Counter)  # class -> required defects
    optional: int = 0
    findings: int = 0  # scored findings (metadata excluded unless asked)
    matched_findings: int = 0
    false_alarms: list[Finding] = field(default_factory=list)
    true_findings: list[Finding] = field(default_factory=list)  # findings that match a defect
    misses: list[Defect] = field(default_factory=list)
    ignored_metadata: int = 0

    def recall(self, classes: Iterable[str]) -> float | None:
        classes = list(classes)
        total = sum(self.annotated[c] for c in classes)
        return None if total == 0 else sum(self.caught[c] for c in classes) / total

    def precision(self) -> float | None:
        return None if self.findings == 0 else self.matched_findings / self.findings

    def per_1000(self, count: int) -> float | None:
        return None if self.words == 0 else 1000 * count / self.words

    def false_alarm_counts(self) -> dict[str, int]:
        fas = self.false_alarms
        return {
            "all": len(fas),
            "warning_or_error": sum(f.severity in ("warning", "error") for f in fas),
            "spelling_grammar": sum(f.category in ("spelling", "grammar") for f in fas),
        }

    def by_rule(self) -> dict[str, dict[str, int]]:
        """Rule -> how many of its findings matched a defect and how many were false alarms."""
        table: dict[str, dict[str, int]] = {}
        for f in self.true_findings:
            table.setdefault(f.rule, {"matched": 0, "false": 0})["matched"] += 1
        for f in self.false_alarms:
            table.setdefault(f.rule, {"matched": 0, "false": 0})["false"] += 1
        return dict(sorted(table.items(), key=lambda kv: (-kv[1]["false"], kv[0])))

    def as_dict(self) -> dict[str, Any]:
        counts = self.false_alarm_counts()
        return {
            "posts": self.posts,
            "words": self.words,
            "recall": {
                "overall": self.recall(CLASSES),
                "by_group": {g: self.recall(cs) for g, cs in GROUPS.items()},
                "by_class": {
                    c: {
                        "caught": self.caught[c],
                        "annotated": self.annotated[c],
                        "recall": self.recall([c]),
                    }
                    for c in CLASSES
                    if self.annotated[c]
                },
            },
            "precision": self.precision(),
            "findings": self.findings,
            "matched_findings": self.matched_findings,
            "optional_defects": self.optional,
            "ignored_metadata_findings": self.ignored_metadata,
            "false_alarms": counts,
            "false_alarms_per_1000_words": {k: self.per_1000(v) for k, v in counts.items()},
            "findings_by_rule": self.by_rule(),
            "false_alarms_by_category": dict(
                sorted(Counter(f.category for f in self.false_alarms).items())
            ),
            "misses": [
                {"path": d.path, "line": d.line, "class": d.cls, "text": d.text, "fix": d.fix}
                for d in self.misses
            ],
            "false_alarm_list": [
                {
                    "path": f.path,
                    "line": f.line,
                    "column": f.column,
                    "rule": f.rule,
                    "category": f.category,
                    "severity": f.severity,
                    "message": f.message,
                }
                for f in self.false_alarms
            ],
        }


# ---------------------------------------------------------------- reading posts and sidecars


def split_front_matter(lines: Sequence[str]) -> int:
    """Index of the first body line (0 when there is no closed front matter)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
    return 0


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def prose_words(source: str) -> int:
    """Words a reader reads in the body: Markdown text, not markup.

    The body (after the front matter) is parsed with markdown-it-py (CommonMark and tables);
    words are counted in its text tokens: headings, paragraphs, list items, table cells and
    link text count; front matter, code, HTML, URLs and image alt text do not. A word is a run
    of letters or digits, with inner apostrophes, hyphens or full stops (so "it's", "5-10" and
    "e.g" are one word each).
    """
    from markdown_it import MarkdownIt

    lines = source.splitlines()
    body = "\n".join(lines[split_front_matter(lines) :])
    md = MarkdownIt("commonmark").enable("table")
    count = 0
    for token in md.parse(body):
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:  # an image's alt text is in its own children: not counted
            if child.type == "text":
                count += len(_WORD.findall(child.content))
    return count


def validate_sidecar(data: Any, lines: Sequence[str], where: str) -> list[str]:
    """Every problem with one sidecar, each as one line naming it; empty when it is valid."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return [f"{where}: a sidecar is a mapping with `defects:` (and `modelled_on:`)"]
    errors = [f"{where}: unknown key {k!r}" for k in sorted(set(data) - SIDECAR_KEYS, key=str)]
    modelled = data.get("modelled_on")
    if modelled is not None and not isinstance(modelled, str):
        errors.append(f"{where}: modelled_on must be a URL")
    defects = data.get("defects") or []
    if not isinstance(defects, list):
        return [*errors, f"{where}: defects must be a list"]
    for n, d in enumerate(defects, 1):
        at = f"{where}: defect {n}"
        if not isinstance(d, dict):
            errors.append(f"{at}: must be a mapping")
            continue
        errors += [f"{at}: unknown key {k!r}" for k in sorted(set(d) - DEFECT_KEYS, key=str)]
        cls = d.get("class")
        if cls not in CLASSES:
            errors.append(f"{at}: class {cls!r} is not one of {', '.join(CLASSES)}")
        if not isinstance(d.get("optional", False), bool):
            errors.append(f"{at}: optional must be true or false")
        for key in ("fix", "note"):
            if d.get(key) is not None and not isinstance(d[key], str):
                errors.append(f"{at}: {key} must be a string")
        line, text = d.get("line"), d.get("text")
        if line is None:
            if text is not None:
                errors.append(f"{at}: a post-level defect (line: null) has no text")
            continue
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            errors.append(f"{at}: line must be a 1-based line number or null")
            continue
        if line > len(lines):
            errors.append(f"{at}: line {line} is past the end of the post ({len(lines)} lines)")
            continue
        if not isinstance(text, str) or not text:
            errors.append(f"{at}: line {line} needs the marked text")
        elif text not in lines[line - 1]:
            errors.append(f"{at}: {text!r} is not on line {line}: {lines[line - 1]!r}")
    return errors


def load_post(path: Path, clean: bool = False) -> tuple[Post, list[str]]:
    """Read one post and its sidecar; return the post and the sidecar's problems."""
    source = path.read_text(encoding="utf-8")
    lines = tuple(source.splitlines())
    words = prose_words(source)
    shown = str(path)
    if clean:
        return Post(shown, lines, words, ()), []
    sidecar = path.with_name(path.name[: -len(".md")] + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return Post(shown, lines, words, ()), [
            f"{sidecar}: missing (write the expected defects, or score the folder with --clean)"
        ]
    try:
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return Post(shown, lines, words, ()), [f"{sidecar}: not valid YAML: {exc}"]
    errors = validate_sidecar(data, lines, str(sidecar))
    if errors:
        return Post(shown, lines, words, ()), errors
    defects = tuple(
        Defect(
            path=shown,
            line=d.get("line"),
            text=d.get("text"),
            cls=d["class"],
            fix=d.get("fix"),
            optional=bool(d.get("optional", False)),
            note=d.get("note"),
        )
        for d in (data or {}).get("defects") or []
    )
    return Post(shown, lines, words, defects, (data or {}).get("modelled_on")), []


def post_paths(folder: Path) -> list[Path]:
    if folder.is_file() and folder.suffix == ".md":
        return [folder]
    if not folder.is_dir():
        raise BenchError(f"{folder}: not a folder")
    paths = sorted(p for p in folder.rglob("*.md") if p.is_file())
    if not paths:
        raise BenchError(f"{folder}: no posts (*.md)")
    return paths


def load_folder(folder: Path, clean: bool = False) -> tuple[list[Post], list[str]]:
    posts: list[Post] = []
    errors: list[str] = []
    for path in post_paths(folder):
        post, problems = load_post(path, clean)
        posts.append(post)
        errors += problems
    return posts, errors


# ---------------------------------------------------------------- running plainpost


def rule_kinds() -> dict[str, str]:
    """Rule id -> kind, read from the shipped rule files (empty if they cannot be found)."""
    try:
        from plainpost.rulebook import shipped_rules_dir

        folder = Path(shipped_rules_dir())
    except Exception:  # the API moved: callers fall back to the stable ids
        return {}
    kinds: dict[str, str] = {}
    for path in folder.rglob("*.yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and "id" in data and "kind" in data:
            kinds[str(data["id"])] = str(data["kind"])
    return kinds


def metadata_rules(kinds: dict[str, str]) -> frozenset[str]:
    """Ids of the rules of kind `review` and `front-matter`."""
    ids = frozenset(rule for rule, kind in kinds.items() if kind in METADATA_KINDS)
    return ids or METADATA_FALLBACK


def parse_findings(report: dict[str, Any], base: Path) -> list[Finding]:
    """Findings from plainpost's JSON report; paths made absolute against `base`."""
    out = []
    for f in report.get("findings", []):
        path = Path(f["path"])
        out.append(
            Finding(
                path=str((path if path.is_absolute() else base / path).resolve()),
                line=int(f["line"]),
                column=int(f["column"]),
                end_line=int(f.get("end_line") or f["line"]),
                end_column=int(f.get("end_column") or f["column"]),
                rule=str(f["rule"]),
                category=str(f["category"]),
                severity=str(f["severity"]),
                message=str(f.get("message", "")),
                suggestions=tuple(str(x) for x in f.get("suggestions") or ()),
            )
        )
    return out


def run_plainpost(
    paths: Sequence[Path], config: Path | None = None, extra: Sequence[str] = ()
) -> list[Finding]:
    """Lint `paths` with plainpost's CLI (JSON output, no cache) and return every finding.

    Without `config`, plainpost runs from an empty temporary folder, so no plainpost.toml or
    pyproject.toml around the posts changes the result: the figures are plainpost's defaults.
    `extra` are more `plainpost lint` options (e.g. `--select`, `--ignore`).
    """
    files = [str(p.resolve()) for p in paths]
    cmd = [sys.executable, "-m", "plainpost", "lint", "--format", "json", "--no-cache"]
    cmd += ["--fail-on", "never", *extra]
    with tempfile.TemporaryDirectory(prefix="plainpost-accuracy-") as tmp:
        cwd = Path.cwd() if config else Path(tmp)
        if config:
            cmd += ["--config", str(config.resolve())]
        env = {**os.environ, "NO_COLOR": "1"}
        proc = subprocess.run(
            [*cmd, *files], cwd=cwd, capture_output=True, text=True, env=env, check=False
        )
    if proc.returncode not in (0, 1) and not proc.stdout.strip():
        raise BenchError(f"plainpost lint exited {proc.returncode}: {proc.stderr.strip()}")
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise BenchError(f"plainpost lint gave no JSON ({exc}): {proc.stderr.strip()}") from exc
    unreadable = report.get("summary", {}).get("unreadable") or []
    if unreadable:
        raise BenchError(f"plainpost could not read: {unreadable}; {proc.stderr.strip()}")
    return parse_findings(report, cwd)


# ---------------------------------------------------------------- matching


def defect_spans(defect: Defect, lines: Sequence[str]) -> list[tuple[int, int]]:
    """1-based [start, end) columns of every occurrence of the defect's text on its line."""
    assert defect.line is not None and defect.text
    line = lines[defect.line - 1]
    spans, start = [], line.find(defect.text)
    while start >= 0:
        spans.append((start + 1, start + 1 + len(defect.text)))
        start = line.find(defect.text, start + 1)
    return spans


def overlaps(finding: Finding, line: int, span: tuple[int, int]) -> bool:
    """Does the finding's source range overlap columns `span` of `line`?"""
    start, end = (finding.line, finding.column), (finding.end_line, finding.end_column)
    d_start, d_end = (line, span[0]), (line, span[1])
    if end <= start:  # an empty range (an insertion point): inside or at the edges
        return d_start <= start <= d_end
    return start < d_end and d_start < end


_QUOTED = re.compile(r"“([^”]+)”")


def names_defect(defect: Defect, finding: Finding, lines: Sequence[str]) -> bool:
    """Does the finding's message quote words that sit in the defect's span on its line, with
    the finding later in the same paragraph? (Findings placed at an insertion point, such as a
    missing safety note at the end of a paragraph, name their trigger this way.)"""
    assert defect.line is not None
    if finding.line < defect.line or any(
        not lines[i - 1].strip() for i in range(defect.line, min(finding.line, len(lines)) + 1)
    ):
        return False
    quoted = _QUOTED.search(finding.message)
    if not quoted:
        return False
    words, line = quoted.group(1), lines[defect.line - 1]
    spans = defect_spans(defect, lines)
    index = line.find(words)
    while index >= 0:
        first, after = index + 1, index + 1 + len(words)  # 1-based columns, like the spans
        if any(first < end and begin < after for begin, end in spans):
            return True
        index = line.find(words, index + 1)
    return False


def line_match(
    defect: Defect, finding: Finding, lines: Sequence[str], lenient: bool = False
) -> bool:
    if finding.category not in COMPATIBLE[defect.cls] or defect.line is None:
        return False
    if any(overlaps(finding, defect.line, span) for span in defect_spans(defect, lines)):
        return True
    return lenient and names_defect(defect, finding, lines)


def score_post(
    post: Post,
    findings: Sequence[Finding],
    score: Score,
    post_level_rules: frozenset[str] = frozenset(),
    lenient: bool = False,
) -> None:
    """Match one post's findings to its defects and add the counts to `score`.

    A line-level defect is caught by every compatible finding that overlaps its text (several
    findings may share a defect: both are right). A post-level defect is caught by one
    compatible finding anywhere in the post that no line-level defect explains; each such
    finding explains at most one post-level defect. Optional defects absorb findings the same
    way but do not count in recall. Every finding left over is a false alarm. A post-level
    defect takes a finding of a post-level rule (`post_level_rules`: a missing section, the
    post's grade) before any other. With `lenient`, a finding also matches when its message
    quotes words in the defect's span and it sits later in the same paragraph (a finding placed
    at an insertion point rather than at its trigger): "found but placed elsewhere".
    """
    score.posts += 1
    score.words += post.words
    matched: set[int] = set()
    caught: set[int] = set()
    for d_index, defect in enumerate(post.defects):
        if defect.line is None:
            continue
        for f_index, finding in enumerate(findings):
            if line_match(defect, finding, post.lines, lenient):
                matched.add(f_index)
                caught.add(d_index)
    # Post-level defects, required before optional, each takes one unexplained finding (the
    # earliest in the post).
    order = sorted(
        (i for i, d in enumerate(post.defects) if d.line is None),
        key=lambda i: post.defects[i].optional,
    )
    candidates = sorted(
        range(len(findings)), key=lambda i: findings[i].rule not in post_level_rules
    )
    for d_index in order:
        defect = post.defects[d_index]
        for f_index in candidates:
            finding = findings[f_index]
            if f_index not in matched and finding.category in COMPATIBLE[defect.cls]:
                matched.add(f_index)
                caught.add(d_index)
                break
    for d_index, defect in enumerate(post.defects):
        if defect.optional:
            score.optional += 1
            continue
        score.annotated[defect.cls] += 1
        if d_index in caught:
            score.caught[defect.cls] += 1
        else:
            score.misses.append(defect)
    score.findings += len(findings)
    score.matched_findings += len(matched)
    score.true_findings += [f for i, f in enumerate(findings) if i in matched]
    score.false_alarms += [f for i, f in enumerate(findings) if i not in matched]


def score_posts(
    posts: Sequence[Post],
    findings: Sequence[Finding],
    count_metadata: bool = False,
    lenient: bool = False,
    kinds: dict[str, str] | None = None,
) -> Score:
    """Score posts against plainpost's findings (paths compared once resolved).

    `kinds` maps rule ids to their kinds (default: read from the shipped rules); it says which
    findings are metadata (not scored unless `count_metadata`) and which are post-level.
    """
    kinds = rule_kinds() if kinds is None else kinds
    meta: frozenset[str] = frozenset() if count_metadata else metadata_rules(kinds)
    post_level = frozenset(rule for rule, kind in kinds.items() if kind in POST_LEVEL_KINDS)
    by_path: dict[str, list[Finding]] = {}
    score = Score()
    for f in findings:
        if f.rule in meta:
            score.ignored_metadata += 1
            continue
        by_path.setdefault(str(Path(f.path).resolve()), []).append(f)
    for post in posts:
        post_findings = sorted(
            by_path.get(str(Path(post.path).resolve()), []),
            key=lambda f: (f.line, f.column, f.rule),
        )
        score_post(post, post_findings, score, post_level, lenient)
    return score


# ---------------------------------------------------------------- output


def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(
    score: Score,
    title: str,
    clean: bool,
    lines_of: Mapping[str, Sequence[str]],
    lists: bool = True,
) -> str:
    out = [f"== {title}: {score.posts} posts, {score.words:,} prose words"]
    counts = score.false_alarm_counts()
    if not clean:
        out.append("recall by class (caught / annotated):")
        for group, classes in GROUPS.items():
            for c in classes:
                if score.annotated[c]:
                    out.append(
                        f"  {group:8} {c:15} {score.caught[c]:3} / {score.annotated[c]:<3}"
                        f" {fmt(score.recall([c]))}"
                    )
        for group, classes in GROUPS.items():
            n = sum(score.annotated[c] for c in classes)
            k = sum(score.caught[c] for c in classes)
            out.append(f"recall, {group}: {k} / {n} = {fmt(score.recall(classes))}")
        n, k = sum(score.annotated.values()), sum(score.caught.values())
        out.append(f"recall, overall: {k} / {n} = {fmt(score.recall(CLASSES))}")
        out.append(
            f"precision: {score.matched_findings} / {score.findings} findings match a defect"
            f" = {fmt(score.precision())}"
        )
    out.append(
        "false alarms per 1,000 words:"
        f" all {fmt(score.per_1000(counts['all']))} ({counts['all']}),"
        f" warnings+errors {fmt(score.per_1000(counts['warning_or_error']))}"
        f" ({counts['warning_or_error']}),"
        f" spelling+grammar {fmt(score.per_1000(counts['spelling_grammar']))}"
        f" ({counts['spelling_grammar']})"
    )
    by_cat = Counter(f.category for f in score.false_alarms)
    if by_cat:
        out.append(
            "false alarms by category: " + ", ".join(f"{c} {n}" for c, n in sorted(by_cat.items()))
        )
    rules = score.by_rule()
    if rules:
        out.append(
            "findings by rule (right / false): "
            + ", ".join(f"{r} {c['matched']}/{c['false']}" for r, c in rules.items())
        )
    out.append(f"(metadata findings not scored: {score.ignored_metadata})")
    if score.misses and lists:
        out.append(f"misses ({len(score.misses)}):")
        for d in sorted(score.misses, key=lambda d: (d.path, d.line or 0)):
            where = f"{d.path}:{d.line}" if d.line else f"{d.path}:(post)"
            text = f" “{d.text}”" if d.text else ""
            fix = f" → “{d.fix}”" if d.fix else ""
            out.append(f"  {where}  {d.cls}{text}{fix}")
    if score.false_alarms and lists:
        out.append(f"false alarms ({len(score.false_alarms)}):")
        for f in sorted(score.false_alarms, key=lambda f: (f.path, f.line, f.column)):
            lines = lines_of.get(f.path, ())
            marked = ""
            if f.line == f.end_line and 0 < f.line <= len(lines):
                marked = f" “{short(lines[f.line - 1][f.column - 1 : f.end_column - 1], 40)}”"
            where = f"{f.path}:{f.line}:{f.column}"
            out.append(f"  {where}  {f.severity} {f.rule}{marked}: {short(f.message, 90)}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folders", nargs="+", type=Path, help="folders of posts (or posts)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--clean", action="store_true", help="edited text with no defects: every finding is false"
    )
    parser.add_argument("--config", type=Path, help="a plainpost.toml or pyproject.toml to use")
    parser.add_argument(
        "--count-metadata", action="store_true", help="also score front-matter metadata findings"
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="also match a finding whose message quotes the defect's words in the same paragraph",
    )
    parser.add_argument(
        "--select", help="passed to plainpost lint: only these rule ids or categories"
    )
    parser.add_argument(
        "--ignore", help="passed to plainpost lint: not these rule ids or categories"
    )
    parser.add_argument("--check", action="store_true", help="only validate the sidecars")
    args = parser.parse_args(argv)

    shared = Path(__file__).resolve().parents[2].parent / "shared"
    absent = [f for f in args.folders if not f.exists() and f.resolve().is_relative_to(shared)]
    if absent:  # the NHS control lives in ../shared, which a checkout may not have
        print(f"skipped: {absent[0]} is not here (../shared is absent)", file=sys.stderr)
        return 0
    try:
        loaded = [(folder, *load_folder(folder, args.clean)) for folder in args.folders]
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    errors = [e for _, _, errs in loaded for e in errs]
    if args.check:
        for e in errors:
            print(e)
        n = sum(len(posts) for _, posts, _ in loaded)
        print(f"{n} posts, {len(errors)} sidecar problem(s)", file=sys.stderr)
        return 1 if errors else 0
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 2
    all_posts = [p for _, posts, _ in loaded for p in posts]
    try:
        extra = [*(["--select", args.select] if args.select else [])]
        extra += ["--ignore", args.ignore] if args.ignore else []
        findings = run_plainpost([Path(p.path) for p in all_posts], args.config, extra)
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    # Report paths as given (relative to where the scorer was run), match on resolved paths.
    resolved = {str(Path(p.path).resolve()): p.path for p in all_posts}
    findings = [Finding(**{**f.__dict__, "path": resolved.get(f.path, f.path)}) for f in findings]
    kinds = rule_kinds()
    results = []
    for folder, posts, _ in loaded:
        paths = {p.path for p in posts}
        mine = [f for f in findings if f.path in paths]
        results.append(
            (str(folder), posts, score_posts(posts, mine, args.count_metadata, args.lenient, kinds))
        )
    if len(results) > 1:
        every = score_posts(all_posts, findings, args.count_metadata, args.lenient, kinds)
        results.append(("all", all_posts, every))
    if args.json:
        print(json.dumps({name: s.as_dict() for name, _, s in results}, indent=1))
    else:
        lines_of = {p.path: p.lines for p in all_posts}
        mode = " (clean: every finding is a false alarm)" if args.clean else ""
        print(
            "\n\n".join(
                render_text(
                    s, name + mode, args.clean, lines_of, lists=name != "all" or len(results) == 1
                )
                for name, _, s in results
            )
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the output was piped to head: fine
        sys.exit(0)
