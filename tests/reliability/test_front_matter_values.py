"""Bad front-matter values are findings at their key in every command, never "internal error" or
a traceback; an alias bomb ends fast with one line."""

from __future__ import annotations

import json

import pytest

from tests.reliability.conftest import post

BAD_VALUES = {
    "impossible day": ("date: 2026-02-30", "date", "not a valid date"),
    "impossible month": ("date: 2026-13-45", "date", "not a valid date"),
    "bad int tag": ("slug: !!int abc", "slug", "not a valid number"),
    "5,000-digit number": ("slug: " + "9" * 5000, "slug", "not a valid number"),
    "duplicate key": ("author: A\nauthor: B", "author", "duplicate key"),
    "5,000-deep nesting": ("tags: " + "[" * 5000 + "]" * 5000, "tags", "nesting depth"),
    "alias cycle": ("tags: &a [*a]", "tags", "refers to the value that contains it"),
}


def alias_bomb(levels: int = 10) -> str:
    """The billion laughs in YAML: about 350 bytes that stand for 9**10 values."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        ref = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([ref] * 9)}]")
    return "\n".join(lines)


def _write(tmp_path, fm: str) -> None:
    body = "---\ntitle: Values\ntype: page\n" + fm + "\n---\n\n# Values\n\nA short page.\n"
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bad.md").write_text(body, encoding="utf-8")
    (tmp_path / "posts" / "good.md").write_text(
        post("Good", "Keep the the knee up."), encoding="utf-8"
    )


@pytest.mark.parametrize("case", list(BAD_VALUES), ids=list(BAD_VALUES))
def test_lint_reports_a_bad_value_at_its_key(case, cli, tmp_path):
    fm, key, words = BAD_VALUES[case]
    _write(tmp_path, fm)
    result = cli(["lint", "posts", "--format", "json", "--no-cache"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    findings = json.loads(result.stdout)["findings"]
    mine = [f for f in findings if f["path"] == "posts/bad.md" and f["rule"] == "front-matter"]
    assert any(words in f["message"] for f in mine), mine
    key_line = 4 if case != "duplicate key" else 5  # the (second) line with the key
    assert any(f["line"] == key_line for f in mine if words in f["message"]), mine
    # the other post keeps its findings
    assert any(f["path"] == "posts/good.md" and f["rule"] == "doubled-word" for f in findings)
    _ = key


@pytest.mark.parametrize("command", ["report", "fix", "build"])
@pytest.mark.parametrize("case", list(BAD_VALUES), ids=list(BAD_VALUES))
def test_every_command_survives_a_bad_value(case, command, cli, tmp_path):
    fm, _, _ = BAD_VALUES[case]
    _write(tmp_path, fm)
    args = {
        "report": ["report", "posts", "--out", "report.html", "--no-cache"],
        "fix": ["fix", "posts"],
        "build": ["build", "posts", "--out", "site"],
    }[command]
    result = cli(args, tmp_path)
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    assert result.returncode in (0, 1), out
    if command == "report":
        assert "front matter" in (tmp_path / "report.html").read_text(encoding="utf-8")
    if command == "fix":  # the other post was still fixed
        assert "the the" not in (tmp_path / "posts" / "good.md").read_text(encoding="utf-8")


def test_an_alias_bomb_ends_fast_with_one_line_at_its_key(cli, tmp_path):
    _write(tmp_path, alias_bomb())
    result = cli(["lint", "posts", "--format", "json", "--no-cache"], tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    bomb = [f for f in findings if "aliases expand" in f["message"]]
    assert bomb and all(f["path"] == "posts/bad.md" for f in bomb)
    assert any(f["path"] == "posts/good.md" for f in findings)
    for command in (["report", "posts", "--no-cache"], ["build", "posts"]):
        done = cli(command, tmp_path, timeout=60)
        assert "Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
