"""`selects`: whether the config's include/exclude take one post, as an editor asks it (no
folder given), agreeing with what `plainpost lint` collects. Patterns are gitignore patterns from
the config file's folder (issue 10), so a folder's patterns name it: `content/drafts/**`."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpost.config import Config
from plainpost.run.files import collect_files, selects


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    for rel in (
        "content/posts/knees.md",
        "content/posts/knees.markdown",
        "content/drafts/new.md",
        "content/drafts/archive/old.md",
        "content/notes.txt",
        "content/.github/template.md",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("# Post\n\nText.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("include", "exclude", "wanted"),
    [
        (
            [],
            [],
            {"posts/knees.md", "posts/knees.markdown", "drafts/new.md", "drafts/archive/old.md"},
        ),
        (
            [],
            ["content/drafts/archive/**"],
            {"posts/knees.md", "posts/knees.markdown", "drafts/new.md"},
        ),
        (["**/*.md"], ["content/drafts/**"], {"posts/knees.md"}),
        (["content/posts/*"], [], {"posts/knees.md", "posts/knees.markdown"}),
    ],
)
def test_selects_agrees_with_lint_of_the_content_folder(blog, include, exclude, wanted):
    config = Config(root=blog, **({"include": include} if include else {}), exclude=exclude)
    collected, _ = collect_files([blog / "content"], config)
    assert {p.relative_to(blog / "content").as_posix() for p in collected} == wanted
    every = [p for p in (blog / "content").rglob("*") if p.is_file()]
    chosen = {p.relative_to(blog / "content").as_posix() for p in every if selects(p, blog, config)}
    assert chosen == wanted


def test_a_post_outside_the_root_is_judged_by_its_name(tmp_path):
    config = Config(root=tmp_path / "blog")
    assert selects(tmp_path / "elsewhere" / "post.md", tmp_path / "blog", config)
    assert not selects(tmp_path / "elsewhere" / "notes.txt", tmp_path / "blog", config)
