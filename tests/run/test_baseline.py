"""Adopting plainpost on an existing site: `plainpost baseline` records today's findings, `lint`
shows only new ones and reports baselined ones that were fixed; a broken baseline is one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main

CHROME = "\n\nShare the Post:\n"
# the language engines are off: the assertions are about baselining, not about Harper
CONFIG = 'paths = ["posts"]\n\n[harper]\nenabled = false\n'


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, corpus_module) -> Path:
    root = tmp_path_factory.mktemp("site")
    corpus_module.generate_corpus(root / "posts", n=40, seed=3)
    (root / "plainpost.toml").write_text(CONFIG, encoding="utf-8")
    return root


def test_baseline_then_lint_then_a_new_defect_then_a_fix(site, monkeypatch):
    made = run(site, monkeypatch, "baseline")
    assert made.exit_code == 0, made.output
    data = json.loads((site / ".plainpost-baseline.json").read_text(encoding="utf-8"))
    assert all("line" not in e for e in data["findings"])  # keyed by text, not line
    full = run(site, monkeypatch, "lint", "--format", "json", "--no-baseline")
    before = json.loads(full.stdout)["findings"]
    assert full.exit_code == 1 and len(before) > 40  # an existing site: many findings
    assert sum(e["count"] for e in data["findings"]) == len(before)

    clean = run(site, monkeypatch, "lint", "--format", "json")
    assert clean.exit_code == 0, clean.stderr
    assert json.loads(clean.stdout)["findings"] == []
    assert f"{len(before)} finding(s) hidden by the baseline" in clean.stderr

    # new lines above the baselined findings move them all down: still hidden, and only the
    # new defect (page chrome) shows
    posts = sorted((site / "posts").glob("*.md"))
    edited = posts[7]
    text = edited.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    edited.write_text(head + sep + "\nA new first line." + CHROME + body, encoding="utf-8")
    new = run(site, monkeypatch, "lint", "--format", "json")
    found = json.loads(new.stdout)["findings"]
    assert new.exit_code == 1
    assert [(f["path"], f["rule"]) for f in found] == [(f"posts/{edited.name}", "page-chrome")], (
        found
    )

    # fix one baselined finding: reported as fixed, and --prune shrinks the file
    entry = next(
        e for e in data["findings"] if e["rule"] == "page-chrome" and e["path"] != edited.name
    )
    post = site / entry["path"]
    lines = post.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if line.strip().casefold() != entry["text"]]
    assert len(kept) < len(lines)
    post.write_text("\n".join(kept), encoding="utf-8")
    fixed = run(site, monkeypatch, "lint", "--format", "json", str(post.relative_to(site)))
    assert fixed.exit_code == 0
    assert f"fixed since the baseline: {entry['path']}: [page-chrome]" in fixed.stderr
    pruned = run(site, monkeypatch, "baseline", "--prune")
    assert pruned.exit_code == 0
    after = json.loads((site / ".plainpost-baseline.json").read_text(encoding="utf-8"))
    assert sum(e["count"] for e in after["findings"]) == len(before) - 1  # no new one added


@pytest.mark.parametrize(
    "content", ["{not json", '{"version": 99, "findings": []}', '{"version": 1, "findings": [1]}']
)
def test_a_broken_baseline_is_one_line_and_every_finding_is_shown(tmp_path, monkeypatch, content):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(
        "---\ntitle: T\ntype: page\n---\n\nSkip to content\n"
    )
    (tmp_path / ".plainpost-baseline.json").write_text(content)
    result = run(tmp_path, monkeypatch, "lint", "--format", "json", "--select", "page-chrome")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if ".plainpost-baseline.json" in line]
    assert len(lines) == 1 and "baseline" in lines[0]
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["page-chrome"]


def test_no_baseline_shows_everything(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(
        "---\ntitle: T\ntype: page\n---\n\nSkip to content\n"
    )
    assert run(tmp_path, monkeypatch, "baseline", "--select", "page-chrome").exit_code == 0
    hidden = run(tmp_path, monkeypatch, "lint", "--select", "page-chrome")
    assert hidden.exit_code == 0
    shown = run(tmp_path, monkeypatch, "lint", "--select", "page-chrome", "--no-baseline")
    assert shown.exit_code == 1
