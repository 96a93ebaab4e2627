"""Outputs a site can take (issue 13 item 1): each format built from the sample posts and handed
to a real consumer: posts.json to a JSON Schema validator with the schema the project ships,
the Markdown to markdown-it-py with its front matter plugin, in a Hugo-shaped folder."""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from plainpost.export.sanitize import sanitize
from tests.export.test_publish_safety import ITEM4

POSTS = ("lower-back-pain", "plantar-fasciitis", "running-and-your-knees", "tennis-elbow",
         "vitamin-d-and-bones")  # fmt: skip


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def sites(build, repo, tmp_path_factory):
    out = {}
    for fmt in ("html", "fragments", "markdown"):
        folder = tmp_path_factory.mktemp(fmt)
        result = build([repo / "content" / "posts"], folder, output_format=fmt)
        assert result.count("built") == len(POSTS), [p.problem for p in result.posts]
        out[fmt] = folder
    return out


def schema() -> dict:
    text = (resources.files("plainpost.export") / "schemas" / "posts.schema.json").read_text()
    return json.loads(text)


def test_posts_json_is_valid_against_the_shipped_schema(sites):
    data = json.loads((sites["fragments"] / "posts.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema(), format_checker=jsonschema.FormatChecker())
    assert sorted(p["slug"] for p in data["posts"]) == sorted(POSTS)


def test_the_schema_rejects_what_a_site_could_not_use():
    bad = {"version": 1, "site": "x", "posts": [{"slug": "Not A Slug"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema())


def test_fragments_are_the_page_bodies_with_their_metadata(sites, repo):
    data = json.loads((sites["fragments"] / "posts.json").read_text(encoding="utf-8"))
    for post in data["posts"]:
        body = (sites["fragments"] / post["body_file"]).read_text(encoding="utf-8")
        assert body == post["body_html"]
        assert sanitize(body).strip() == body.strip()  # already clean: nh3 changes nothing
        page = (sites["html"] / post["slug"] / "index.html").read_text(encoding="utf-8")
        assert body.strip() in page  # the same bytes the whole page carries
        assert "<h1" not in body and "<html" not in body
    elbow = next(p for p in data["posts"] if p["slug"] == "tennis-elbow")
    assert elbow["author"] == "Maria Delgado, PT, DPT" and elbow["reviewer"] == "Kevin Brooks, MD"
    assert elbow["last_reviewed"] == "2026-07-08" and elbow["date_published"] == "2025-09-15"
    assert elbow["tags"] == ["elbow", "arm pain", "tendons"]
    assert any("medlineplus" in s["url"] for s in elbow["sources"])
    assert elbow["json_ld"]["@type"] == "MedicalWebPage"
    assert elbow["readability"]["measure"] == "SMOG"
    rule = yaml.safe_load((repo / "rules/readability/readability-grade.yml").read_text())
    assert elbow["readability"]["target_max"] == rule["options"]["smog_max"]
    assert 1 <= elbow["reading_time_minutes"] <= 10
    # newest first, as the index
    dates = [p["date_published"] or "" for p in data["posts"]]
    assert dates == sorted(dates, reverse=True)


def _split(text: str) -> tuple[dict, str, list]:
    md = MarkdownIt("commonmark", {"html": True})
    front_matter_plugin(md)
    tokens = md.parse(text)
    assert tokens[0].type == "front_matter", "the file must open with front matter"
    return yaml.safe_load(tokens[0].content), md.render(text), tokens


def test_markdown_is_a_hugo_content_tree(sites):
    out = sites["markdown"]
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert pages == [f"content/posts/{slug}/index.md" for slug in sorted(POSTS)]
    assert (out / "content/posts/running-and-your-knees/images/woman-running.jpg").is_file()
    for slug in POSTS:
        meta, rendered, _ = _split((out / f"content/posts/{slug}/index.md").read_text("utf-8"))
        assert meta["slug"] == slug and meta["title"] and meta["draft"] is False
        assert isinstance(meta["date"], dt.date)
        assert meta["lastmod"] == meta["last_reviewed"]
        assert "<h1" not in rendered
        assert "When to see a doctor" in rendered or "when to see" in rendered.lower()


def test_markdown_keeps_the_prose_and_the_source_front_matter_facts(sites, repo):
    src = (repo / "content/posts/tennis-elbow.md").read_text(encoding="utf-8")
    source_meta = yaml.safe_load(src.split("---\n")[1])
    meta, _, _ = _split(
        (sites["markdown"] / "content/posts/tennis-elbow/index.md").read_text("utf-8")
    )
    assert meta["lastmod"] == source_meta["last_reviewed"]
    assert meta["date"] == source_meta["date"]
    assert meta["author"] == source_meta["author"]
    assert meta["reviewer"] == source_meta["reviewed_by"]
    assert meta["tags"] == source_meta["tags"]
    body = src.split("---\n", 2)[2]
    assert body.strip() in (sites["markdown"] / "content/posts/tennis-elbow/index.md").read_text()


def test_markdown_of_an_unsafe_post_is_as_safe_as_its_page(build, tmp_path):
    src = tmp_path / "posts"
    src.mkdir()
    (src / "ankle.md").write_text(
        ITEM4 + '\n<p style="color:red" onclick="x()">Raise it <noscript>high</noscript>.</p>\n',
        encoding="utf-8",
    )
    out = tmp_path / "md"
    result = build([src], out, force=True, output_format="markdown")
    assert [p.status for p in result.posts] == ["forced"]
    text = (out / "content/posts/ankle/index.md").read_text(encoding="utf-8")
    _, rendered, tokens = _split(text)
    assert "javascript" not in text and "onerror" not in text and "onclick" not in text
    assert "<script" not in text and "track()" not in text and "style=" not in text
    assert "noscript" not in text
    assert "Book a check" in rendered and "](" not in re.sub(r"<[^>]+>", "", rendered)
    assert "<h1" not in rendered  # the title is the theme's
    assert "Raise it high." in re.sub(r"<[^>]+>", "", rendered)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h2", "h3", "h2", "h2"]


@pytest.mark.parametrize("fmt", ["html", "fragments", "markdown"])
def test_same_input_gives_byte_identical_output(build, repo, tmp_path, fmt):
    a = build([repo / "content"], tmp_path / "a", force=True, output_format=fmt)
    b = build([repo / "content"], tmp_path / "b", force=True, output_format=fmt)
    assert a.count("forced", "built") == b.count("forced", "built") > 0
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    again = build([repo / "content"], tmp_path / "a", force=True, output_format=fmt)
    assert again.written == []


def test_format_from_config_and_cli(repo, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from plainpost.cli import main

    (tmp_path / "plainpost.toml").write_text('[site]\nformat = "fragments"\n')
    monkeypatch.chdir(tmp_path)
    posts = str(repo / "content" / "posts")
    run = CliRunner().invoke(main, ["build", posts, "--out", "viaconfig"])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "viaconfig" / "posts.json").is_file()
    run = CliRunner().invoke(main, ["build", posts, "--out", "viaflag", "--format", "markdown"])
    assert run.exit_code == 0, run.output
    assert (tmp_path / "viaflag" / "content" / "posts" / "tennis-elbow" / "index.md").is_file()
    (tmp_path / "plainpost.toml").write_text('[site]\nformat = "pdf"\n')
    run = CliRunner().invoke(main, ["build", posts, "--out", "bad"])
    assert run.exit_code == 2 and "format" in run.output
