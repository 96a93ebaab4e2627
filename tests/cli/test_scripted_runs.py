"""The command line in long and scripted runs: stdin, --statistics, FORCE_COLOR, fix --diff's
exit code, a progress bar only on a terminal, rdjson suggesting only safe fixes."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from plainpost.cli import main

CHROME = "---\ntitle: T\ntype: page\n---\n\nSkip to content\n\nA zebra.\n"
DOUBLED = "---\ntitle: T\ntype: page\n---\n\nRest the the knee.\n"


def invoke(cwd: Path, monkeypatch, *args: str, input: str | None = None, env=None):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def test_stdin_is_linted_as_the_named_file(tmp_path, monkeypatch):
    (tmp_path / "posts").mkdir()
    result = invoke(
        tmp_path,
        monkeypatch,
        "lint",
        "-",
        "--stdin-filename",
        "posts/new.md",
        "--format",
        "json",
        "--select",
        "page-chrome",
        input=CHROME,
    )
    assert result.exit_code == 1
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [
        ("posts/new.md", 6)
    ]


def test_stdin_of_an_excluded_file_is_not_linted(tmp_path, monkeypatch):
    (tmp_path / "plainpost.toml").write_text('exclude = ["drafts/"]\n')
    result = invoke(
        tmp_path,
        monkeypatch,
        "lint",
        "-",
        "--stdin-filename",
        "drafts/x.md",
        "--format",
        "json",
        "--select",
        "page-chrome",
        input=CHROME,
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_statistics_count_findings_per_rule(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    for i in range(3):
        (tmp_path / "content" / f"p{i}.md").write_text(CHROME)
    result = invoke(
        tmp_path,
        monkeypatch,
        "lint",
        "--statistics",
        "--select",
        "page-chrome,doubled-word",
        "--no-cache",
    )
    assert "3  page-chrome  (error)" in result.stdout
    json_run = invoke(
        tmp_path,
        monkeypatch,
        "lint",
        "--statistics",
        "--format",
        "json",
        "--select",
        "page-chrome",
        "--no-cache",
    )
    json.loads(json_run.stdout)  # the machine output stays valid: the table is on stderr
    assert "3  page-chrome  (error)" in json_run.stderr


def test_force_color_colours_a_pipe_and_no_color_does_not(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(CHROME)
    args = ("lint", "--select", "page-chrome", "--no-cache")
    forced = invoke(tmp_path, monkeypatch, *args, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = invoke(tmp_path, monkeypatch, *args, env={"FORCE_COLOR": "", "NO_COLOR": "1"})
    assert "\x1b[" in forced.stdout
    assert "\x1b[" not in plain.stdout


def test_fix_diff_exits_1_when_something_would_change(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    post = tmp_path / "content" / "p.md"
    post.write_text(DOUBLED)
    result = invoke(tmp_path, monkeypatch, "fix", "--diff", "--select", "doubled-word")
    assert result.exit_code == 1
    assert "-Rest the the knee." in result.stdout
    assert post.read_text() == DOUBLED  # --diff writes nothing
    post.write_text(DOUBLED.replace("the the", "the"))
    assert invoke(tmp_path, monkeypatch, "fix", "--diff").exit_code == 0


def test_rdjson_offers_only_safe_fixes_as_suggested_changes(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(
        "---\ntitle: T\ntype: page\n---\n\nRest the the knee. The prognosis is good.\n"
    )
    result = invoke(
        tmp_path,
        monkeypatch,
        "lint",
        "--format",
        "rdjson",
        "--no-cache",
        "--select",
        "doubled-word,medical-jargon",
    )
    diagnostics = {d["code"]["value"]: d for d in json.loads(result.stdout)["diagnostics"]}
    assert "suggestions" in diagnostics["doubled-word"]
    jargon = diagnostics["medical-jargon"]
    assert "suggestions" not in jargon
    assert "outlook" in jargon["message"]


def _run_in_terminal(cwd: Path, args: list[str], env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "plainpost", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    (tmp_path / "content").mkdir()
    for i in range(20):
        (tmp_path / "content" / f"p{i}.md").write_text(CHROME)
    env = {**os.environ, "PLAINPOST_PROGRESS_DELAY": "0", "NO_COLOR": "1"}
    args = ["lint", "--select", "page-chrome", "--no-cache", "--jobs", "1"]
    shown = _run_in_terminal(tmp_path, args, env)
    assert "linting" in shown and "20/20" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "plainpost", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "linting" not in piped.stderr
    as_json = _run_in_terminal(tmp_path, [*args, "--format", "json"], env)
    assert "linting" not in as_json
