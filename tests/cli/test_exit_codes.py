"""Exit codes (0 nothing at or above the fail level, 1 findings, 2 usage/config/unreadable),
--fail-on, --select/--ignore, and colour (--color, NO_COLOR), with CliRunner and real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main

FM = "---\ntitle: T\ntype: page\n---\n\n"
POSTS = {
    "clean.md": FM + "A short, plain post.\n",
    "error.md": FM + "A short, plain post.\n\nRelated Posts\n",  # page-chrome: error
    "warning.md": FM + "## Warm up\n\n## Cool down\n\nWalk.\n",  # empty-section: warning
    "info.md": FM
    + (
        "Most people who start running again after a long break find that their knees, hips "
        "and ankles ache for a few days while the body slowly adapts to the new load.\n"
    ),  # hard-sentence: info
}
SELECT = ["--select", "boilerplate,structure,readability"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in POSTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["lint", "--no-cache", *args])


def rules(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize(
    ("post", "fail_on", "code"),
    [
        ("clean.md", None, 0),
        ("error.md", None, 1),
        ("warning.md", None, 0),
        ("info.md", None, 0),
        ("error.md", "error", 1),
        ("warning.md", "warning", 1),
        ("info.md", "warning", 0),
        ("error.md", "warning", 1),
        ("error.md", "never", 0),
        ("clean.md", "warning", 0),
    ],
)
def test_exit_code_and_fail_on(site, post, fail_on, code):
    args = [*SELECT, post] + (["--fail-on", fail_on] if fail_on else [])
    result = run(*args)
    assert result.exit_code == code, result.output


def test_findings_of_each_post(site):
    assert rules(run("--format", "json", *SELECT, "error.md")) == {"page-chrome"}
    assert rules(run("--format", "json", *SELECT, "warning.md")) == {"empty-section"}
    assert rules(run("--format", "json", *SELECT, "info.md")) == {"hard-sentence"}
    assert rules(run("--format", "json", *SELECT, "clean.md")) == set()


def test_fail_on_from_config_and_the_flag_wins(site):
    (site / "plainpost.toml").write_text('fail_on = "warning"\n')
    assert run(*SELECT, "warning.md").exit_code == 1
    assert run(*SELECT, "warning.md", "--fail-on", "error").exit_code == 0


def test_unreadable_input_is_2_whatever_the_fail_level(site):
    (site / "bad.md").write_bytes(b"\xff\xfe\x00\x00")
    assert run(*SELECT, "clean.md", "bad.md", "--fail-on", "never").exit_code == 2
    assert run(*SELECT, "missing.md", "--fail-on", "never").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--fail-on", "sometimes"],
        ["--color", "rainbow"],
        ["--no-such-option"],
        ["--select", "no-such-rule"],
        ["--ignore", "no-such-category"],
    ],
)
def test_usage_errors_are_2(site, args):
    result = run(*args, "clean.md")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "page-chrome"], {"page-chrome"}),
        (["--select", "boilerplate"], {"page-chrome"}),
        (["--select", "page-chrome,empty-section"], {"page-chrome", "empty-section"}),
        (
            ["--select", "page-chrome", "--select", "empty-section"],
            {"page-chrome", "empty-section"},
        ),
        (["--select", "structure,boilerplate", "--ignore", "structure"], {"page-chrome"}),
        # the chrome line is then the stray-line rule's (one finding per line: the surest wins)
        (
            ["--select", "boilerplate,structure", "--ignore", "page-chrome"],
            {"empty-section", "stray-line"},
        ),
        (
            ["--select", "boilerplate,structure", "--ignore", "page-chrome,stray-line"],
            {"empty-section"},
        ),
        (["--select", "readability", "--ignore", "hard-sentence"], set()),
    ],
)
def test_select_and_ignore(site, args, expected):
    result = run("--format", "json", *args, "error.md", "warning.md", "info.md")
    assert rules(result) == expected


def test_default_path_is_content(site):
    (site / "content").mkdir()
    (site / "content" / "post.md").write_text(POSTS["error.md"], encoding="utf-8")
    result = run("--format", "json", "--select", "page-chrome")
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["content/post.md"]


# --- colour ---------------------------------------------------------------------------------

ESC = "\x1b["


def test_color_always_and_never(site, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ESC in run("--color", "always", *SELECT, "error.md").stdout
    assert ESC not in run("--color", "never", *SELECT, "error.md").stdout
    assert ESC not in run(*SELECT, "error.md").stdout  # auto: not a terminal


def test_color_always_beats_no_color(site, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC in run("--color", "always", *SELECT, "error.md").stdout


def test_no_color_in_files(site, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    run("--color", "always", *SELECT, "error.md", "--output", "report.txt")
    assert ESC not in (site / "report.txt").read_text()


def _in_a_terminal(site: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run plainpost with stdout on a pseudo-terminal, as a user at a shell would."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "plainpost", "lint", "--no-cache", *args],
            cwd=site,
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=120)
    finally:
        os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_auto_color_in_a_terminal_honours_no_color(site):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, out = _in_a_terminal(site, env, *SELECT, "error.md")
    assert code == 1 and ESC in out
    code, out = _in_a_terminal(site, {**env, "NO_COLOR": "1"}, *SELECT, "error.md")
    assert code == 1 and ESC not in out and "page-chrome" in out


# --- real processes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([*SELECT, "clean.md"], 0),
        ([*SELECT, "error.md"], 1),
        ([*SELECT, "error.md", "--fail-on", "never"], 0),
        ([*SELECT, "warning.md", "--fail-on", "warning"], 1),
        ([*SELECT, "missing.md"], 2),
        (["--format", "xml", "clean.md"], 2),
    ],
)
def test_exit_codes_of_a_real_process(site, args, code):
    proc = subprocess.run(
        [sys.executable, "-m", "plainpost", "lint", "--no-cache", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_console_script(site):
    exe = Path(sys.executable).with_name("plainpost")
    if not exe.exists():
        pytest.skip("console script not installed next to this Python")
    proc = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "plainpost" in proc.stdout
