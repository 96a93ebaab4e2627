"""Internal links and image paths are checked against the built site, with a finding at the line."""

from __future__ import annotations

import shutil

from plainpost.config import Config, SiteConfig
from plainpost.export import build_site
from tests.helpers.runs import run_of


def _site(repo, tmp_path, extra: str = ""):
    src = tmp_path / "posts"
    src.mkdir()
    for name in ("running-and-your-knees.md", "tennis-elbow.md"):
        shutil.copy(repo / "content/posts" / name, src / name)
    shutil.copytree(repo / "content/posts/images", src / "images")
    if extra:
        post = src / "tennis-elbow.md"
        post.write_text(post.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return src


def test_the_sample_sites_broken_contact_link_is_a_finding_at_its_line(build, repo, tmp_path):
    result = build([_site(repo, tmp_path)], tmp_path / "out")
    lines = (repo / "content/posts/running-and-your-knees.md").read_text().split("\n")
    line = next(i for i, t in enumerate(lines, 1) if "](/contact/)" in t)
    assert [(f.rule, f.line, f.column) for f in result.links] == [
        ("broken-link", line, lines[line - 1].index("[get in touch]") + 1)
    ]
    assert result.exit_code == 0  # a warning: the post is still published


def test_links_between_posts_and_to_missing_pages(build, repo, tmp_path):
    extra = (
        "\nSee [running](../running-and-your-knees/) and [the home page](/)."
        "\n\nAlso [an old page](../old-page/) and ![A missing chart](images/chart.png).\n"
    )
    result = build([_site(repo, tmp_path, extra)], tmp_path / "out")
    broken = sorted(f.message.split("“")[1].split("”")[0] for f in result.links)
    assert broken == ["../old-page/", "/contact/", "images/chart.png"]


def test_site_absolute_links_outside_base_url_are_the_rest_of_the_site(
    repo, tmp_path, default_linter
):
    extra = "\nSee [a missing post](/advice/no-such-post/).\n"
    config = Config(root=repo, site=SiteConfig(base_url="https://clinic.example/advice/"))
    result = build_site(
        [_site(repo, tmp_path, extra)], tmp_path / "out", run_of(config, linter=default_linter)
    )
    assert [f.message.split("“")[1].split("”")[0] for f in result.links] == [
        "/advice/no-such-post/"
    ]  # /contact/ is outside /advice/: the clinic's own page, not ours to check
