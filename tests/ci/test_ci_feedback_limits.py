"""Feedback that scales: 60 findings in one post. Annotations stop at GitHub's limits; the job
summary and rdjson carry all 60."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plainpost.findings import Finding, Severity
from plainpost.formats import Report, reporter
from plainpost.formats.github_format import render as github_render

RULE = """\
id: test-{level}
category: {category}
severity: {level}
kind: existence
message: "Test {level}: “{{match}}”, 100% sure: really."
doc:
  why: A test rule.
options:
  terms: [{word}]
examples:
  fire: ["a {word} here"]
  pass: ["nothing here"]
"""
WORDS = {"error": "zebra", "warning": "yak", "info": "gnu"}


@pytest.fixture
def sixty(tmp_path: Path) -> Path:
    """A site with its own rule pack and one post with 20 findings of each severity."""
    pack = tmp_path / "rules" / "test"
    pack.mkdir(parents=True)
    for level, word in WORDS.items():
        category = {"error": "boilerplate", "warning": "plain-language", "info": "readability"}
        text = RULE.format(level=level, word=word, category=category[level])
        (pack / f"test-{level}.yml").write_text(text, encoding="utf-8")
    (tmp_path / "plainpost.toml").write_text('rule_folders = ["rules"]\n', encoding="utf-8")
    lines = ["---", "title: Sixty findings", "---", ""]
    for i in range(20):
        lines += [f"Line {i}: a zebra, a yak and a gnu walk in.", ""]
    post = tmp_path / "content" / "sixty.md"
    post.parent.mkdir()
    post.write_text("\n".join(lines), encoding="utf-8")
    return tmp_path


SELECT = ["--select", "test-error,test-warning,test-info", "--no-cache"]


def _levels(output: str) -> list[str]:
    return [re.match(r"::(\w+) ", line).group(1) for line in output.splitlines()]  # type: ignore[union-attr]


def test_annotations_stop_at_githubs_limits(sixty: Path, run_cli):
    result = run_cli(["lint", "content", "--format", "github", *SELECT], sixty)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    levels = _levels(result.stdout)
    assert levels.count("error") == 10
    assert levels.count("warning") == 10
    assert levels.count("notice") == 10  # 9 findings + the closing notice
    assert len(lines) <= 50
    last = lines[-1]
    assert last.startswith("::notice title=plainpost%3A more findings::")
    assert "31 more finding(s)" in last and "lists all 60" in last
    # what is shown is correct and escaped: file relative, ':' ',' '%' escaped in properties
    first = lines[0]
    assert first.startswith("::error file=content/sixty.md,line=5,col=")
    assert "title=test-error (boilerplate)::" in first
    assert "100%25 sure: really." in first  # data: only %, CR and LF are escaped


def test_summary_and_rdjson_carry_all_sixty(sixty: Path, run_cli, schema):
    out = sixty / "out"
    result = run_cli(
        [
            "lint", "content", "--format", "github", *SELECT,
            "--also", f"rdjson={out / 'plainpost.rdjson'}",
            "--also", f"summary={out / 'summary.md'}",
        ],
        sixty,
        env={"GITHUB_STEP_SUMMARY": str(out / "step-summary.md")},
    )  # fmt: skip
    assert result.exit_code == 1
    step = (out / "step-summary.md").read_text(encoding="utf-8")
    assert step.strip() == (out / "summary.md").read_text(encoding="utf-8").strip()
    rows = [line for line in step.splitlines() if line.startswith("| `content/sixty.md` |")]
    assert len(rows) == 60
    assert "## plainpost: 60 finding(s) in 1 post(s)" in step
    assert "| 20 | 20 | 20 | 1 | 0 |" in step

    data = json.loads((out / "plainpost.rdjson").read_text(encoding="utf-8"))
    schema("reviewdog-DiagnosticResult.json").validate(data)
    assert len(data["diagnostics"]) == 60
    assert {d["location"]["path"] for d in data["diagnostics"]} == {"content/sixty.md"}
    assert {d["severity"] for d in data["diagnostics"]} == {"ERROR", "WARNING", "INFO"}


def test_no_step_summary_unless_asked(sixty: Path, run_cli):
    target = sixty / "step-summary.md"
    run_cli(
        ["lint", "content", "--format", "json", *SELECT],
        sixty,
        env={"GITHUB_STEP_SUMMARY": str(target)},
    )
    assert not target.exists()  # json format: not on by default
    run_cli(
        ["lint", "content", "--format", "github", "--no-step-summary", *SELECT],
        sixty,
        env={"GITHUB_STEP_SUMMARY": str(target)},
    )
    assert not target.exists()


def _finding(i: int, severity: Severity) -> Finding:
    return Finding(
        path="a.md", line=i + 1, column=1, end_line=i + 1, end_column=2, rule="r",
        category="structure", severity=severity, message=f"m{i}",
    )  # fmt: skip


def test_job_limit_counts_the_closing_notice():
    findings = [_finding(i, Severity.ERROR) for i in range(80)]
    out = github_render(Report(findings=findings), per_level=100, per_job=50).splitlines()
    assert len(out) == 50
    assert out[-1].startswith("::notice ") and "31 more" in out[-1]


def test_within_limits_no_closing_notice():
    findings = [_finding(i, s) for i in range(10) for s in Severity]
    out = github_render(Report(findings=findings)).splitlines()
    assert len(out) == 30
    assert not any("more finding" in line for line in out)


def test_unreadable_files_come_first_and_count_as_errors():
    findings = [_finding(i, Severity.ERROR) for i in range(12)]
    out = github_render(Report(findings=findings, errors=["bad.md: binary file"])).splitlines()
    assert out[0] == "::error file=bad.md,title=unreadable::binary file"
    assert sum(line.startswith("::error ") for line in out) == 10


def test_summary_cells_are_escaped():
    f = Finding(
        path="a|b`c.md", line=1, column=1, end_line=1, end_column=2, rule="r",
        category="structure", severity=Severity.WARNING,
        message="Use <b>bold</b> | not *this*\nsecond line", suggestions=("x|y",),
    )  # fmt: skip
    text = reporter("summary")(Report(findings=[f], files=["a|b`c.md"]))
    row = next(line for line in text.splitlines() if line.startswith("| ``"))
    assert "<b>" not in row and "&lt;b&gt;" in row
    assert "\\*this\\*" in row
    assert "second line" in row and "\n" not in row
    cells = re.split(r"(?<!\\)\|", row)  # an unescaped pipe only between cells
    assert len(cells) == 7  # leading and trailing empties + 5 cells


def test_summary_stays_under_githubs_size_limit():
    findings = [
        Finding(
            path=f"content/{i:05d}.md", line=1, column=1, end_line=1, end_column=2, rule="r",
            category="structure", severity=Severity.INFO, message="x" * 300,
        )
        for i in range(5000)
    ]  # fmt: skip
    text = reporter("summary")(Report(findings=findings))
    assert len(text.encode("utf-8")) < 1024 * 1024
    assert "more finding(s) not listed" in text
