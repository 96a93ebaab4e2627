"""Which files are posts: gitignore patterns from the config file's folder, for folders and
for files named on the command line alike, .gitignore respected, nested configs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from plainpost.config import ConfigSet
from plainpost.run.files import select_posts
from tests.adopt.content_repo import NOT_POSTS, POST, POSTS, make_content_repo


def lint(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(
        main,
        ["lint", "--format", "json", "--no-cache", "--select", "page-chrome", *args],
        catch_exceptions=False,
    )


def linted(result) -> list[str]:
    return sorted({f["path"] for f in json.loads(result.stdout)["findings"]})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_content_repo(tmp_path / "site")


def test_lint_posts_and_lint_dot_select_the_same_files(repo, monkeypatch):
    by_folder = linted(lint(repo, monkeypatch, "posts/"))
    by_dot = linted(lint(repo, monkeypatch, "."))
    assert by_folder == by_dot == POSTS


def test_a_bare_lint_uses_paths_from_the_config(repo, monkeypatch):
    result = lint(repo, monkeypatch)
    assert linted(result) == POSTS
    # and from a subfolder, the config's paths are still from the config's folder
    assert [p for p in linted(lint(repo / "posts", monkeypatch))] == [
        p.removeprefix("posts/") for p in POSTS
    ]


def test_files_named_as_a_hook_names_them_are_filtered(repo, monkeypatch):
    result = lint(repo, monkeypatch, *POSTS, *NOT_POSTS)
    assert linted(result) == POSTS
    assert result.exit_code == 1


def test_only_excluded_files_named_is_a_clean_run(repo, monkeypatch):
    result = lint(repo, monkeypatch, "README.md", "posts/drafts/wip.md")
    assert linted(result) == []
    assert result.exit_code == 0


def test_no_force_exclude_lints_a_named_excluded_file(repo, monkeypatch):
    result = lint(repo, monkeypatch, "--no-force-exclude", "posts/drafts/wip.md")
    assert linted(result) == ["posts/drafts/wip.md"]


def test_star_does_not_cross_a_slash(tmp_path, monkeypatch):
    for rel in ("posts/a.md", "posts/deep/b.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(POST.format(title="x"))
    (tmp_path / "plainpost.toml").write_text('include = ["posts/*.md"]\n')
    assert linted(lint(tmp_path, monkeypatch, ".")) == ["posts/a.md"]
    (tmp_path / "plainpost.toml").write_text('include = ["posts/**/*.md"]\n')
    assert linted(lint(tmp_path, monkeypatch, ".")) == ["posts/a.md", "posts/deep/b.md"]


def test_gitignore_can_be_switched_off(repo, monkeypatch):
    (repo / "plainpost.toml").write_text(
        'paths = ["."]\ndefault_exclude = []\nrespect_gitignore = false\n'
    )
    found = linted(lint(repo, monkeypatch))
    assert "node_modules/pkg/guide.md" in found
    assert "README.md" in found  # default_exclude = [] lints READMEs too


def test_nested_config_applies_to_its_folder_and_extends_the_root(repo, monkeypatch):
    monkeypatch.chdir(repo)
    data = json.loads(lint(repo, monkeypatch, "posts").stdout)
    severity = {f["path"]: f["severity"] for f in data["findings"]}
    assert severity == {
        "posts/a.md": "error",
        "posts/b.md": "error",
        "posts/clinic/c.md": "warning",  # the nested config's override
        "posts/clinic/d.md": "warning",
    }


def test_nested_exclude_is_relative_to_its_own_folder(repo, monkeypatch):
    (repo / "posts" / "clinic" / "plainpost.toml").write_text('exclude = ["d.md"]\n')
    assert linted(lint(repo, monkeypatch, ".")) == ["posts/a.md", "posts/b.md", "posts/clinic/c.md"]


def test_extend_false_stops_at_the_nested_config(repo, monkeypatch):
    (repo / "plainpost.toml").write_text(
        'paths = ["posts"]\nexclude = ["posts/drafts/**"]\n[rules.page-chrome]\nseverity = "info"\n'
    )
    (repo / "posts" / "clinic" / "plainpost.toml").write_text("extend = false\n")
    data = json.loads(lint(repo, monkeypatch, "posts").stdout)
    severity = {f["path"]: f["severity"] for f in data["findings"]}
    assert severity["posts/a.md"] == "info"
    assert severity["posts/clinic/c.md"] == "error"  # the root's override does not reach it


def test_the_language_server_selects_with_the_same_function(repo, monkeypatch):
    monkeypatch.chdir(repo)
    selection = select_posts([Path(".")], ConfigSet())
    assert sorted(p.as_posix() for p in selection.files) == POSTS
    clinic = selection.configs[selection.files.index(Path("posts/clinic/c.md"))]
    assert clinic.rules == {"page-chrome": {"severity": "warning"}}
