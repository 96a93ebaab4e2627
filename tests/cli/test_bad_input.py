"""Bad input: each problem file gets one clear message naming its path, the run finishes the
other files, the exit code is 2 when a file could not be read, and no traceback reaches the user.

Decision: broken front matter is *not* an unreadable file. The post is read and checked; the
broken YAML is a `front-matter` finding (error) at the line YAML complains about, so it shows up
with every other problem of that post and can be fixed in the same pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main

GOOD = "---\ntitle: Good\ntype: page\n---\n\nA fine post.\n\nRelated Posts\n"
BROKEN_FM = "---\ntitle: [unclosed\ntype: page\n---\n\nRelated Posts\n"

# file name -> (bytes, expected message after "path: ")
BAD = {
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "latin1.md": (
        b"---\ntitle: Caf\xe9\n---\n\nSome text.\n",
        "not valid UTF-8 (byte 0xe9 at line 2)",
    ),
    "utf16.md": (GOOD.encode("utf-16"), "saved as UTF-16"),
    "empty.md": (b"", "empty file"),
    "blank.md": (b"\n   \n\t\n", "empty file"),
}
HUGE_MB = 10


@pytest.fixture
def site(tmp_path: Path) -> Path:
    posts = tmp_path / "posts"
    posts.mkdir()
    for name, (data, _) in BAD.items():
        (posts / name).write_bytes(data)
    (posts / "broken-front-matter.md").write_text(BROKEN_FM, encoding="utf-8")
    (posts / "good.md").write_text(GOOD, encoding="utf-8")
    line = ("Running is good for your knees and your heart. " * 20 + "\n\n").encode()
    with (posts / "huge.md").open("wb") as fh:
        fh.write(b"---\ntitle: Huge\n---\n\n")
        while fh.tell() < HUGE_MB * 1024 * 1024:
            fh.write(line)
    (tmp_path / "no-posts").mkdir()
    (tmp_path / "no-posts" / "notes.txt").write_text("not a post\n")
    (tmp_path / "empty-folder").mkdir()
    return tmp_path


EXPECTED = {
    **{f"posts/{name}": message for name, (_, message) in BAD.items()},
    "posts/huge.md": "larger than the 5 MB limit for a post",
    "missing.md": "no such file or folder",
    "no-posts": "no Markdown posts found in this folder",
    "empty-folder": "no Markdown posts found in this folder",
}
ARGS = ["posts", "missing.md", "no-posts", "empty-folder", "--select", "boilerplate,structure"]


def _check_messages(lines: list[str]) -> None:
    for path, message in EXPECTED.items():
        mine = [ln for ln in lines if f"{path}: " in ln]
        assert len(mine) == 1, (path, mine)
        assert message in mine[0], (path, mine[0])


def _check_findings(findings: list[dict]) -> None:
    got = {(f["path"], f["line"], f["rule"]) for f in findings}
    # the run finished the readable posts, including the one with broken front matter
    assert ("posts/good.md", 8, "page-chrome") in got
    assert ("posts/broken-front-matter.md", 3, "front-matter") in got
    assert ("posts/broken-front-matter.md", 6, "page-chrome") in got
    assert {f["path"] for f in findings} <= {"posts/good.md", "posts/broken-front-matter.md"}


@pytest.mark.parametrize("fmt", ["json", "text", "github", "sarif"])
def test_bad_input_with_cli_runner(site, monkeypatch, fmt):
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--format", fmt, *ARGS])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if fmt == "text":
        _check_messages(result.stdout.splitlines())
        assert "could not be read" in result.stdout.splitlines()[-1]
    else:
        _check_messages(result.stderr.splitlines())
    if fmt == "json":
        data = json.loads(result.stdout)
        _check_findings(data["findings"])
        assert len(data["summary"]["unreadable"]) == len(EXPECTED)


def test_bad_input_in_a_real_process(site):
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "plainpost", "lint", "--no-cache", "--format", "json", *ARGS],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.splitlines()
    assert all(ln.startswith("plainpost: error: ") for ln in lines), lines
    _check_messages(lines)
    _check_findings(json.loads(proc.stdout)["findings"])


def test_a_readable_post_alone_is_not_exit_2(site, monkeypatch):
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint", "--no-cache", "posts/broken-front-matter.md"])
    assert result.exit_code == 1  # a finding, not an unreadable file


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: [unclosed\n---\nText.\n", 2, "front matter is not valid YAML"),
        ("---\ntitle: x\n\tdate: 2020-01-01\n---\nText.\n", 3, "front matter is not valid YAML"),
        ("---\ntitle: a: b\n---\nText.\n", 2, "front matter is not valid YAML"),
        ("---\n- a\n- b\n---\nText.\n", 2, "front matter must be a mapping"),
        ("---\ntitle: x\n\nText that never closes the block.\n", 1, "never closed"),
        ("\n\n---\ntitle: x\n---\nText.\n", 3, "must start on the first line"),
        ("Text with no front matter.\n", 1, "no front matter"),
    ],
)
def test_broken_front_matter_is_a_finding_at_its_line(lint_text, text, line, message):
    found = [f for f in lint_text(text) if f.rule == "front-matter"]
    assert len(found) == 1, found
    assert (found[0].line, found[0].severity.label) == (line, "error")
    assert message in found[0].message


def test_a_bug_in_a_check_is_one_message_not_a_traceback(site, monkeypatch):
    from dataclasses import replace

    from plainpost.checks.kinds import KINDS

    def boom(doc, rule, ctx):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(KINDS, "empty-section", replace(KINDS["empty-section"], check=boom))
    monkeypatch.chdir(site)
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--jobs", "1", "posts/good.md", "posts/broken-front-matter.md"]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stdout.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 2
    assert "posts/good.md: internal error while checking this post (ZeroDivisionError" in errors[0]


@pytest.mark.parametrize(
    "text",
    [
        "> " * 5000 + "deep",
        "- " * 5000 + "deep",
        "[" * 20000 + "x" + "]" * 20000,
        "*" * 50000 + "a",
        "<!--" * 10000,
        "![a" * 5000,
        "&amp;" * 20000,
        "".join("  " * i + "- x\n" for i in range(300)),
        "text:\n\n" * 5000,
        "## h\n\n" * 5000,
    ],
    ids=[
        "quotes",
        "lists",
        "brackets",
        "stars",
        "comments",
        "images",
        "entities",
        "indent",
        "colons",
        "headings",
    ],
)
def test_pathological_markdown_is_checked_quickly(text):
    """Deep nesting and long runs of markup: no crash, no quadratic blow-up in the core."""
    import time

    from plainpost.api import build_linter
    from plainpost.config import Config
    from plainpost.document import Source

    linter = build_linter(Config(), ["structure", "boilerplate", "readability", "accessibility"])
    linter.lint_source(Source.from_text("Warm up.", "warm.md"))
    start = time.thread_time()  # CPU, not wall: a loaded machine must not fail it
    linter.lint_source(Source.from_text(text, "p.md"))
    assert time.thread_time() - start < 10
