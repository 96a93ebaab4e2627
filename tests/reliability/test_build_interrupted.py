"""An interrupted build (Ctrl-C, SIGTERM, a crash, SIGKILL) leaves the previous site as it was, or
a complete new one: the build writes into a staging folder beside the output and swaps it in at
the end (plainpost/export/staging.py). The in-process cases interrupt the build at its third file
write; one real SIGTERM runs the command line."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from plainpost.config import load_config
from plainpost.errors import Interrupted
from plainpost.export.site import build_site
from tests.helpers.runs import run_of
from tests.reliability.conftest import PLAINPOST, clean_env, post


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _consistent(site: Path) -> None:
    """A whole site: its stylesheet, an index naming every page that is there, every page it
    names, and a manifest listing exactly the files."""
    files = _snapshot(site)
    assert "style.css" in files and "index.html" in files
    linked = set(re.findall(r'<h2><a href="([^"]+)/">', files["index.html"].decode("utf-8")))
    pages = {name.split("/")[0] for name in files if name.endswith("/index.html")}
    assert linked == pages and linked
    manifest = json.loads(files[".plainpost-build.json"])
    assert set(manifest["files"]) == set(files) - {".plainpost-build.json"}


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".plainpost-" in p.name]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """(content, out, build) with three posts; build() builds them in-process (one linter)."""
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    content = tmp_path / "content"
    content.mkdir()
    for name in ("knee", "sleep", "rest"):
        (content / f"{name}.md").write_text(post(name.title(), f"Rest the {name}."), "utf-8")
    out = tmp_path / "public" / "site"
    run = run_of(load_config(start=tmp_path))

    def build():
        return build_site([content], out, run, force=True)

    return content, out, build


def _interrupt_at_third_write(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    import plainpost.export.site as site_module

    real, calls = site_module.atomic_write, []

    def write(path, data, *args, **kwargs):
        calls.append(path)
        if len(calls) == 3:
            raise exc
        return real(path, data, *args, **kwargs)

    monkeypatch.setattr(site_module, "atomic_write", write)


STOPS = {
    "sigint": KeyboardInterrupt(),
    "sigterm": Interrupted(signal.SIGTERM),
    "disk-full": OSError(28, "No space left on device"),
}


@pytest.mark.parametrize("exc", list(STOPS.values()), ids=list(STOPS))
def test_an_interrupted_rebuild_leaves_the_previous_site_as_it_was(site, monkeypatch, exc):
    content, out, build = site
    build()
    _consistent(out)
    before = _snapshot(out)
    (content / "knee.md").write_text(post("Knee", "Rest the knee, then walk."), "utf-8")
    (content / "new.md").write_text(post("New", "A new post."), "utf-8")
    (content / "sleep.md").unlink()
    _interrupt_at_third_write(monkeypatch, exc)
    if isinstance(exc, OSError):  # one line, exit 2, and the site is not swapped
        result = build()
        assert result.exit_code == 2
        assert any("not replaced, the previous site is kept" in e for e in result.errors)
    else:
        with pytest.raises(type(exc)):
            build()
    assert _snapshot(out) == before
    assert not _leftovers(out.parent)
    monkeypatch.undo()
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    build()  # the next build completes the new site
    _consistent(out)
    assert {"knee", "new", "rest"} == {n.split("/")[0] for n in _snapshot(out) if "/" in n}


def test_an_interrupted_first_build_leaves_no_folder_and_the_next_is_not_refused(site, monkeypatch):
    _, out, build = site
    _interrupt_at_third_write(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        build()
    assert not out.exists() and not _leftovers(out.parent)
    monkeypatch.undo()
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    build()
    _consistent(out)


def test_a_swap_killed_halfway_is_put_back_by_the_next_build(site):
    _, out, build = site
    build()
    before = _snapshot(out)
    dead = subprocess.Popen(["true"])
    dead.wait()
    # SIGKILL between the swap's two renames: the old site aside, no output folder
    aside = out.parent / f".{out.name}.plainpost-old-{dead.pid}.tmp"
    out.rename(aside)
    stage = out.parent / f".{out.name}.plainpost-stage-{dead.pid}.tmp"
    stage.mkdir()
    (stage / "half.html").write_text("half", "utf-8")
    build()
    assert _snapshot(out) == before  # put back, then rebuilt to the same bytes
    assert not _leftovers(out.parent)


def test_unchanged_files_keep_their_inode_and_time(site):
    _, out, build = site
    build()
    index = out / "index.html"
    first = index.stat()
    build()
    second = index.stat()
    assert (first.st_ino, first.st_mtime_ns) == (second.st_ino, second.st_mtime_ns)


def test_sigterm_mid_build_leaves_the_previous_site(tmp_path, corpus_module):
    """The command line, a real signal: 40 posts (the lint cache warm, so the signal lands while
    pages are written); exit 143 and the previous site byte for byte, or, if the build beat the
    signal, a complete new one."""
    corpus_module.generate_corpus(tmp_path / "content", n=40, seed=5)
    env = clean_env()
    args = [*PLAINPOST, "build", "content", "--out", "site", "--force", "--jobs", "1"]
    first = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, timeout=600)
    assert first.returncode in (0, 1), first.stderr
    before = _snapshot(tmp_path / "site")
    for p in sorted((tmp_path / "content").glob("*.md"))[::2]:  # every other page changes
        p.write_text(p.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    proc = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            stages = [p for p in tmp_path.iterdir() if ".plainpost-stage-" in p.name]
            if stages and _changed_page(stages[0], before):
                break  # the new site is half written
            time.sleep(0.005)
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert b"Traceback" not in stderr, stderr
    assert not _leftovers(tmp_path)
    if proc.returncode == 143:
        assert _snapshot(tmp_path / "site") == before
    else:  # the build finished first
        assert proc.returncode in (0, 1), stderr
        _consistent(tmp_path / "site")


def _changed_page(stage: Path, before: dict[str, bytes]) -> bool:
    """Whether the staged build has written a page that differs from the previous site's."""
    for p in stage.glob("*/index.html"):
        rel = p.relative_to(stage).as_posix()
        try:
            if before.get(rel) != p.read_bytes():
                return True
        except OSError:
            continue
    return False
