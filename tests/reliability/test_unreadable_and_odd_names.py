"""Unreadable folders and files, and odd file names: each is one error line naming it (exit 2)
and the rest of the run completes, in lint, report, fix and build alike; never a traceback or a
hang. A FIFO, a symlink loop and a dangling link are refused even to root; the permission cases
need a user they apply to (ourselves, or nobody through setpriv when we are root)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.reliability.conftest import ROOT, nobody_can_run_plainpost, post

DOUBLED = post("Fine", "Keep the the knee up.")
COMMANDS = {
    "lint": ["lint", "posts", "--no-cache", "--format", "json"],
    "report": ["report", "posts", "--no-cache", "-o", "out/report.html"],
    "fix": ["fix", "posts", "--no-cache", "--check"],
    "build": ["build", "posts", "--no-cache", "--out", "out/site", "--force"],
}


def _tree(root: Path, permissions: bool) -> dict[str, str]:
    """The posts folder; returns each bad path and what its error line must say."""
    posts = root / "posts"
    (posts / "deep").mkdir(parents=True)
    for name in ("ok.md", "-dash.md", "deep/also.md"):
        (posts / name).write_text(DOUBLED, encoding="utf-8")
    os.mkfifo(posts / "pipe.md")
    (posts / "loop.md").symlink_to("loop.md")
    (posts / "dangling.md").symlink_to("nowhere.md")
    raw = os.fsencode(posts) + b"/caf\xe9.md"  # a name that is not UTF-8
    with open(raw, "wb") as fh:
        fh.write(DOUBLED.encode("utf-8"))
    expected = {
        "posts/pipe.md": "not a regular file",
        "posts/loop.md": "a symbolic link loop",
        "posts/dangling.md": "a symbolic link to nothing",
    }
    if permissions:
        (posts / "locked").mkdir()
        (posts / "locked" / "hidden.md").write_text(DOUBLED, encoding="utf-8")
        (posts / "secret.md").write_text(DOUBLED, encoding="utf-8")
        (posts / "locked").chmod(0o000)
        (posts / "secret.md").chmod(0o000)
        expected["posts/locked"] = "cannot list (Permission denied)"
        expected["posts/secret.md"] = "Permission denied"
    for p in [root, *root.rglob("*")]:
        if p.name in ("locked", "secret.md") or p.is_symlink() or p.name == "pipe.md":
            continue
        p.chmod(0o777 if p.is_dir() else 0o666)
    return expected


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unreadable_and_odd_files_are_named_and_the_run_completes(cli, shared_tmp, command):
    as_nobody = ROOT and shutil.which("setpriv") is not None and nobody_can_run_plainpost()
    permissions = as_nobody or not ROOT  # root reads everything: those cases need nobody
    expected = _tree(shared_tmp, permissions)
    (shared_tmp / "out").mkdir(mode=0o777)
    (shared_tmp / "out").chmod(0o777)
    result = cli(COMMANDS[command], shared_tmp, as_nobody=as_nobody, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in (result.stderr + result.stdout).splitlines() if "error" in line]
    for path, why in expected.items():
        named = [line for line in lines if f"{path}:" in line]
        assert len(named) == 1, (path, lines)
        assert why.lower() in named[0].lower(), named[0]
    out = result.stdout + result.stderr
    if command == "lint":
        import json

        # the non-UTF-8 name is printed as its bytes (read back here as \xe9)
        text = result.stdout.replace("\\x", "\\\\x")
        linted = {f["path"] for f in json.loads(text)["findings"]}
        assert {"posts/ok.md", "posts/-dash.md", "posts/deep/also.md"} <= linted
        assert any(p.startswith("posts/caf") for p in linted)  # the non-UTF-8 name too
    elif command == "fix":
        assert "would fix posts/ok.md" in out and "would fix posts/deep/also.md" in out
    elif command == "build":
        assert (shared_tmp / "out/site/index.html").is_file()
    else:
        assert (shared_tmp / "out/report.html").is_file()
        assert "posts/deep/also.md" in (shared_tmp / "out/report.html").read_text("utf-8")


def test_a_fifo_and_a_loop_named_on_the_command_line_are_one_line_each(cli, tmp_path):
    (tmp_path / "posts").mkdir()
    os.mkfifo(tmp_path / "posts" / "pipe.md")
    (tmp_path / "posts" / "loop.md").symlink_to("loop.md")
    (tmp_path / "posts" / "ok.md").write_text(DOUBLED, encoding="utf-8")
    result = cli(["lint", "posts/pipe.md", "posts/loop.md", "posts/ok.md", "--no-cache"], tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2
    assert "posts/pipe.md: not a regular file" in result.stdout + result.stderr
    assert "posts/loop.md: cannot read (a symbolic link loop)" in result.stdout + result.stderr
    assert "doubled-word" in result.stdout  # ok.md was linted


# --- a name that is not UTF-8 in every format, with the cache on ----------------------------

RAW_NAME = b"caf\xe9 -x.md"  # not UTF-8, a space and a dash


def test_a_non_utf8_name_survives_every_format_and_the_cache(run_cli, tmp_path, monkeypatch):
    """In-process (one linter build per command): the cache keys the post by its name's bytes,
    JSON output is valid UTF-8 with each stray byte as the escape \\udcXX (``os.fsencode`` of the
    path gives the name back), SARIF percent-encodes the bytes (caf%E9), and report, build and
    fix name the post; the second lint reads the cache."""
    import json
    from urllib.parse import unquote_to_bytes

    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    posts = tmp_path / "posts"
    posts.mkdir()
    with open(os.fsencode(posts) + b"/" + RAW_NAME, "wb") as fh:
        fh.write(DOUBLED.encode("utf-8"))
    also = ["--also", "sarif=o.sarif", "--also", "rdjson=o.rdjson", "--also", "summary=o.md"]
    out = run_cli(["lint", "posts", "--format", "json", "--fail-on", "never", *also], tmp_path)
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout_bytes.decode("utf-8"))  # strict UTF-8
    paths = {os.fsencode(f["path"]) for f in doc["findings"]}
    assert paths == {b"posts/" + RAW_NAME}, paths
    assert any(f["rule"] == "doubled-word" for f in doc["findings"])
    sarif = json.loads((tmp_path / "o.sarif").read_bytes().decode("utf-8"))
    uris = {
        unquote_to_bytes(loc["physicalLocation"]["artifactLocation"]["uri"])
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert uris == {b"posts/" + RAW_NAME}
    rd = json.loads((tmp_path / "o.rdjson").read_bytes().decode("utf-8"))
    assert {os.fsencode(d["location"]["path"]) for d in rd["diagnostics"]} == paths
    assert "caf" in (tmp_path / "o.md").read_text(encoding="utf-8")
    # from the cache, to a strict UTF-8 stdout (as en_US.UTF-8 or PYTHONIOENCODING=utf-8 give)
    out = run_cli(["lint", "posts", "--format", "github", "--fail-on", "never"], tmp_path)
    assert out.exit_code == 0, out.output
    assert b"file=posts/" + RAW_NAME + b",line=" in out.stdout_bytes  # its bytes, as ls shows it
    report = run_cli(["report", "posts", "-o", "report.html"], tmp_path)
    assert report.exit_code in (0, 1), report.output
    assert "caf" in (tmp_path / "report.html").read_text(encoding="utf-8")
    built = run_cli(["build", "posts", "--out", "site", "--force"], tmp_path)
    assert built.exit_code == 0, built.output
    assert (tmp_path / "site" / "index.html").is_file()
    fixed = run_cli(["fix", "posts"], tmp_path)
    assert fixed.exit_code == 0, fixed.output
    with open(os.fsencode(posts) + b"/" + RAW_NAME, "rb") as fh:
        assert b"the the" not in fh.read()
