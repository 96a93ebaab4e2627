"""A simulated pull request: a real git repository, one post changed on a branch."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


ODD = "content/posts/knee, hip: 100%.md"  # a path that needs every property escape

JARGON = "The prognosis is good for most people.\n\n"
CHROME = "\n\nRelated Posts\n"


def _edit(text: str) -> str:
    """The post with a jargon sentence after its front matter and page chrome at the end."""
    head, sep, body = text.partition("\n---\n\n")
    return head + sep + JARGON + body + CHROME


def _posts() -> dict[str, str]:
    posts = sorted((REPO / "content" / "posts").glob("*.md"))[:3]
    files = {f"content/posts/{p.name}": p.read_text(encoding="utf-8") for p in posts}
    files[ODD] = posts[0].read_text(encoding="utf-8")
    return files


def _unescape_property(value: str) -> str:
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(code, char)
    return value


COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _annotations(output: str) -> list[dict[str, str]]:
    out = []
    for line in output.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group("props").split(",") if p)
        props = {k: _unescape_property(v) for k, v in props.items()}
        props["level"] = m.group(1)
        props["message"] = m.group("message")
        out.append(props)
    return out


def test_changed_since_lints_only_the_changed_post(git_repo, git, run_cli):
    root = git_repo(_posts())
    git(root, "checkout", "-q", "-b", "edit-knee-post")
    (root / ODD).write_text(_edit((root / ODD).read_text(encoding="utf-8")), encoding="utf-8")
    git(root, "commit", "-q", "-am", "edit one post")

    result = run_cli(
        ["lint", "content", "--changed-since", "main", "--format", "github", "--no-cache"], root
    )
    assert result.exit_code == 1, result.output  # page chrome is an error
    notes = _annotations(result.stdout)
    assert notes, "expected annotations"
    assert {n["file"] for n in notes if "file" in n} == {ODD}  # relative, and only that post
    raw = result.stdout
    assert "file=content/posts/knee%2C hip%3A 100%25.md," in raw
    for line in raw.splitlines():  # one command per line: no raw CR/LF inside a message
        assert "\r" not in line
    by_rule = {n["title"].split(" ")[0]: n for n in notes if "title" in n}
    assert by_rule["page-chrome"]["level"] == "error"
    chrome_line = (root / ODD).read_text(encoding="utf-8").splitlines().index("Related Posts") + 1
    assert by_rule["page-chrome"]["line"] == str(chrome_line)
    assert by_rule["page-chrome"]["col"] == "1"
    jargon = by_rule["medical-jargon"]
    assert "%0ASuggestion: outlook" in jargon["message"]  # the suggestion, newline escaped
    assert "prognosis" in jargon["message"]

    as_json = run_cli(
        ["lint", "content", "--changed-since", "main", "--format", "json", "--no-cache"], root
    )
    data = json.loads(as_json.stdout)
    assert data["summary"]["files"] == 1
    assert {f["path"] for f in data["findings"]} == {ODD}


def test_changed_since_sees_uncommitted_and_untracked_posts(git_repo, git, run_cli):
    files = _posts()
    root = git_repo(files)
    git(root, "checkout", "-q", "-b", "work")
    first = next(iter(files))
    (root / first).write_text(_edit(files[first]), encoding="utf-8")  # not committed
    (root / "content/posts/new-post.md").write_text(files[first], encoding="utf-8")  # untracked
    (root / "notes.txt").write_text("not a post", encoding="utf-8")  # changed, but not a post

    result = run_cli(
        ["lint", "content", "--changed-since", "main", "--format", "json", "--no-cache"], root
    )
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 2
    assert {f["path"] for f in data["findings"]} <= {first, "content/posts/new-post.md"}


def test_nothing_changed_is_clean(git_repo, run_cli):
    root = git_repo(_posts())
    result = run_cli(["lint", "content", "--changed-since", "main", "--format", "github"], root)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no posts changed since main" in result.stderr


def test_missing_ref_is_a_clear_usage_error(git_repo, run_cli):
    root = git_repo(_posts())
    result = run_cli(["lint", "content", "--changed-since", "origin/nope"], root)
    assert result.exit_code == 2
    assert "no git ref 'origin/nope'" in result.stderr
    assert "fetch" in result.stderr  # says how to fix it in CI
    assert "Traceback" not in result.output


def test_not_a_git_repository(tmp_path: Path, run_cli):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("---\ntitle: T\n---\n\nHello.\n")
    result = run_cli(["lint", "content", "--changed-since", "main"], tmp_path)
    assert result.exit_code == 2
    assert "needs a git repository" in result.stderr


def test_ref_that_looks_like_an_option_is_refused(git_repo, run_cli):
    root = git_repo(_posts())
    result = run_cli(["lint", "content", "--changed-since=--output=x"], root)
    assert result.exit_code == 2
    assert "not a git ref" in result.stderr


def test_paths_are_from_the_repository_root_in_a_subfolder_step(git_repo, run_cli):
    """The action's working-directory: annotations still name files from the repo root."""
    root = git_repo({"site/content/a.md": "---\ntitle: A\n---\n\nRelated Posts\n"})
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(root)}
    result = run_cli(["lint", "content", "--format", "github", "--no-cache"], root / "site", env)
    assert result.exit_code == 1
    assert "::error file=site/content/a.md,line=5," in result.stdout
    local = run_cli(["lint", "content", "--format", "github", "--no-cache"], root / "site")
    assert "::error file=content/a.md,line=5," in local.stdout  # outside Actions: as shown
