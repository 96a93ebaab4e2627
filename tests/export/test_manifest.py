"""A build that tracks its output: the pages of deleted or renamed posts go, nothing else does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from plainpost.export.manifest import MANIFEST, ManifestError


def _posts(repo: Path, tmp_path: Path, *names: str) -> Path:
    src = tmp_path / "posts"
    src.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(repo / "content" / "posts" / name, src / name)
    return src


def _files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_the_manifest_lists_every_file_written(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md", "lower-back-pain.md")
    out = tmp_path / "site"
    build([src], out)
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert listed == sorted(_files(out) - {MANIFEST})
    assert "tennis-elbow/index.html" in listed and "index.html" in listed


def test_a_renamed_post_leaves_no_stale_page(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md", "lower-back-pain.md")
    out = tmp_path / "site"
    build([src], out)
    (src / "tennis-elbow.md").rename(src / "elbow-pain.md")
    result = build([src], out)
    assert not (out / "tennis-elbow").exists()
    assert (out / "elbow-pain" / "index.html").is_file()
    assert [p.relative_to(out).as_posix() for p in result.removed] == ["tennis-elbow/index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="elbow-pain/"' in index and 'href="tennis-elbow/"' not in index


def test_a_deleted_post_goes_and_files_it_did_not_write_stay(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md", "lower-back-pain.md")
    out = tmp_path / "site"
    build([src], out)
    (out / "CNAME").write_text("clinic.example\n")  # the site's own files
    (out / "tennis-elbow" / "notes.txt").write_text("mine")
    (src / "tennis-elbow.md").unlink()
    build([src], out)
    assert not (out / "tennis-elbow" / "index.html").exists()
    assert (out / "tennis-elbow" / "notes.txt").read_text() == "mine"
    assert (out / "CNAME").is_file()
    assert (out / "lower-back-pain" / "index.html").is_file()


def test_a_refused_post_keeps_its_last_published_page(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md")
    out = tmp_path / "site"
    build([src], out)
    post = src / "tennis-elbow.md"
    # an edit with an error-level finding: a stray tag that would eat the rest of the page
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("## Sources", "Keep the <noscript> tag.\n\n## Sources"))
    result = build([src], out)
    assert [p.status for p in result.posts] == ["refused"], result.posts[0].errors
    assert (out / "tennis-elbow" / "index.html").is_file()
    assert "tennis-elbow/index.html" in json.loads((out / MANIFEST).read_text())["files"]


def test_a_folder_plainpost_did_not_make_is_refused(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md")
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.html").write_text("<p>the clinic's own home page</p>")
    with pytest.raises(ManifestError, match="not made by plainpost"):
        build([src], out)
    assert _files(out) == {"index.html"}
    run = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert run.exit_code == 2
    assert "not made by plainpost" in run.output
    assert (out / "index.html").read_text() == "<p>the clinic's own home page</p>"


def test_a_manifest_cannot_point_outside_the_folder(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md")
    out = tmp_path / "site"
    build([src], out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "elsewhere").symlink_to(tmp_path)
    data = json.loads((out / MANIFEST).read_text())
    data["files"] += ["../victim.txt", str(victim), "elsewhere/victim.txt"]
    (out / MANIFEST).write_text(json.dumps(data))
    build([src], out)
    assert victim.read_text() == "keep me"


def test_an_empty_folder_is_fine(build, repo, tmp_path) -> None:
    src = _posts(repo, tmp_path, "tennis-elbow.md")
    out = tmp_path / "empty"
    out.mkdir()
    result = build([src], out)
    assert result.exit_code == 0 and (out / MANIFEST).is_file()
