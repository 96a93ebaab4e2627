"""--changed-since when what every post depends on changed: a config-only branch lints every
post and fails where the full run fails; a ref that cannot be used is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from tests.adopt.content_repo import POSTS, make_content_repo
from tests.helpers.git import run_git


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(
        main, ["lint", "--format", "json", "--no-cache", *args], catch_exceptions=False
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_content_repo(tmp_path / "site")
    # the branch's starting point: page chrome is only a warning, so every post passes
    (root / "plainpost.toml").write_text(
        'paths = ["posts"]\nexclude = ["posts/drafts/**"]\n[rules.page-chrome]\nseverity = "info"\n'
    )
    (root / "posts" / "clinic" / "plainpost.toml").write_text("")
    run_git(root, "commit", "-q", "-am", "relaxed")
    run_git(root, "checkout", "-q", "-b", "tighten")
    return root


def test_a_config_only_branch_lints_every_post(repo, monkeypatch):
    (repo / "plainpost.toml").write_text('paths = ["posts"]\nexclude = ["posts/drafts/**"]\n')
    run_git(repo, "commit", "-q", "-am", "page chrome is an error again")
    full = run(repo, monkeypatch, "--select", "page-chrome")
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert full.exit_code == 1
    assert changed.exit_code == full.exit_code
    assert json.loads(changed.stdout)["findings"] == json.loads(full.stdout)["findings"]
    assert sorted({f["path"] for f in json.loads(changed.stdout)["findings"]}) == POSTS
    assert "linting every post: plainpost.toml changed since main" in changed.stderr


def test_a_nested_config_change_lints_every_post(repo, monkeypatch):
    (repo / "posts" / "clinic" / "plainpost.toml").write_text(
        '[rules.page-chrome]\nseverity = "error"\n'
    )
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert "posts/clinic/plainpost.toml changed" in changed.stderr
    assert changed.exit_code == 1
    assert len({f["path"] for f in json.loads(changed.stdout)["findings"]}) == len(POSTS)


def test_a_deleted_nested_config_lints_every_post(repo, monkeypatch):
    # the folder now follows the parent's settings: every post below it may change
    run_git(repo, "rm", "-q", "posts/clinic/plainpost.toml")
    run_git(repo, "commit", "-q", "-m", "the clinic folder follows the site's settings")
    full = run(repo, monkeypatch, "--select", "page-chrome")
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert "posts/clinic/plainpost.toml (deleted) changed since main" in changed.stderr
    assert json.loads(changed.stdout)["findings"] == json.loads(full.stdout)["findings"]
    assert sorted({f["path"] for f in json.loads(changed.stdout)["findings"]}) == POSTS


def test_a_vocabulary_or_rule_folder_change_lints_every_post(repo, monkeypatch):
    (repo / "vocab.txt").write_text("Whitfield\n")
    (repo / "house").mkdir()
    (repo / "plainpost.toml").write_text(
        'accept = ["vocab.txt"]\nrule_folders = ["house"]\n' + (repo / "plainpost.toml").read_text()
    )
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "vocab")
    run_git(repo, "branch", "-f", "main", "HEAD")
    (repo / "vocab.txt").write_text("Whitfield\nNair\n")
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert "linting every post: vocab.txt changed since main" in changed.stderr
    assert len({f["path"] for f in json.loads(changed.stdout)["findings"]}) == len(POSTS)
    run_git(repo, "checkout", "-q", "--", "vocab.txt")
    (repo / "house" / "snippet.md").write_text("A note.\n")
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert "house/ changed since main" in changed.stderr


def test_only_a_post_changed_lints_only_that_post(repo, monkeypatch):
    post = repo / "posts" / "a.md"
    post.write_text(post.read_text() + "\nOne more line.\n")
    changed = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "main")
    assert {f["path"] for f in json.loads(changed.stdout)["findings"]} == {"posts/a.md"}
    assert "linting every post" not in changed.stderr


def test_a_missing_ref_is_one_line_and_every_post_is_still_linted(repo, monkeypatch):
    result = run(repo, monkeypatch, "--select", "page-chrome", "--changed-since", "no-such-ref")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "no-such-ref" in line]
    assert errors and all("no git ref 'no-such-ref'" in line for line in errors)
    assert len({f["path"] for f in json.loads(result.stdout)["findings"]}) == len(POSTS)
