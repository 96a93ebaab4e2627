"""`plainpost build`: refusing, forcing, pages, determinism, atomic writes and bad input."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from plainpost.cli import main
from plainpost.document import Source
from plainpost.document.parse import FOLD
from plainpost.export.manifest import MANIFEST
from plainpost.export.meta import escape_json_for_script

SEED = "content/drafts/running-is-not-bad-for-your-knees.md"
SEED_SLUG = "running-is-not-bad-for-your-knees"
POSTS = sorted(p.stem for p in (Path(__file__).parents[2] / "content" / "posts").glob("*.md"))


def run_cli(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def article_text(page: str, parse_page) -> str:
    start = page.index("</header>", page.index("<article>"))
    body = page[start : page.index('<footer class="post-footer">')]
    return " ".join(parse_page(body).text.split())


# --- refusing and forcing the seed draft ---------------------------------------------------


def test_build_content_publishes_posts_and_refuses_the_seed(repo, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    result = run_cli("content", "--out", str(tmp_path / "site"))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert re.search(rf"^refused {re.escape(SEED)}: \d+ errors$", out, re.M)
    for rule, line in [
        ("when-to-see-a-doctor", 2),
        ("list-intro-without-list", 18),
        ("empty-callout", 22),
        ("image-alt", 28),
        ("page-chrome", 72),
        ("page-chrome", 74),
        ("page-chrome", 76),
        ("sources-section", 76),
    ]:
        assert re.search(rf"^  {re.escape(SEED)}:{line}:\d+: error: .*\[{rule}\]$", out, re.M)
    site = tmp_path / "site"
    assert sorted(p.parent.name for p in site.glob("*/index.html")) == POSTS
    assert not (site / SEED_SLUG).exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<li[ >]", index)) == len(POSTS)
    assert SEED_SLUG not in index
    assert "1 post refused" in result.stderr


def test_force_builds_the_seed_cleaned_with_its_text_intact(
    repo, tmp_path, parse_page, monkeypatch
) -> None:
    monkeypatch.chdir(repo)
    result = run_cli(SEED, "--out", str(tmp_path), "--force")
    assert result.exit_code == 0, result.output
    assert re.search(r"--force: published with \d+ errors", result.stdout)
    page = (tmp_path / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    for chrome in ("Share the Post", "Related Posts", "Skip to content"):
        assert chrome not in page
    assert "•" not in page
    assert (
        "<ul>\n<li>Correcting your running technique</li>\n<li>Specific training schedule "
        "(including pacing, intervals, and personalised stretching and strengthening "
        "routines)</li>\n</ul>"
    ) in page
    assert (  # the orphan caption became the alt text; the image carries its real size
        '<img src="images/woman-running.jpg" alt="A woman running along a track"'
        ' width="960" height="540">'
    ) in page
    # Every other line of prose in the source is on the page, word for word.
    text = article_text(page, parse_page).translate(str.maketrans(FOLD))
    from plainpost.api import build_linter
    from plainpost.config import Config

    doc = build_linter(Config(root=repo)).parse(
        Source.from_text((repo / SEED).read_text(encoding="utf-8"), SEED)
    )
    dropped = {
        "Share the Post:",
        "Related Posts",
        "Skip to content",
        "A woman running along a track",
    }
    checked = 0
    for block in doc.blocks:
        if block.kind == "alt":
            continue
        for line in block.text.split("\n"):
            line = " ".join(line.removeprefix("• ").split())
            if line and line not in dropped:
                assert line in text, line
                checked += 1
    assert checked > 20


def test_one_unreadable_post_gives_exit_2_and_the_others_are_built(
    repo, tmp_path, monkeypatch
) -> None:
    src = tmp_path / "posts"
    shutil.copytree(repo / "content" / "posts", src)
    (src / "broken.md").write_bytes(b"---\ntitle: Broken\n---\n\nCaf\xe9 au lait.\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("posts", "--out", "site")
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if "broken.md" in line]
    assert errors == [
        "plainpost: error: posts/broken.md: not valid UTF-8 (byte 0xe9 at line 5); "
        "save the file as UTF-8"
    ]
    assert "Traceback" not in result.output
    assert sorted(p.parent.name for p in (tmp_path / "site").glob("*/index.html")) == POSTS


def test_missing_path_and_output_that_is_a_file(repo, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(repo)
    missing = run_cli(str(tmp_path / "nope"), "--out", str(tmp_path / "site"))
    assert missing.exit_code == 2
    assert "no such file or folder" in missing.stderr
    (tmp_path / "file").write_text("x")
    clash = run_cli("content/posts", "--out", str(tmp_path / "file"))
    assert clash.exit_code == 2
    assert "is not a folder" in clash.stderr or "is a file" in clash.stderr


def test_draft_true_is_skipped(build, tmp_path) -> None:
    post = tmp_path / "in" / "later.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: Later\ndraft: true\n---\n\nNot yet.\n", encoding="utf-8")
    result = build([post.parent], tmp_path / "out")
    assert [p.status for p in result.posts] == ["skipped"]
    assert result.exit_code == 0
    assert not (tmp_path / "out" / "later").exists()


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(build, repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build([repo / "content" / "posts"], out)
    assert result.exit_code == 0, result.posts
    return out


@pytest.mark.parametrize("slug", POSTS)
def test_post_page_has_what_a_health_page_needs(site, repo, slug, parse_page) -> None:
    meta = front_matter(repo / "content" / "posts" / f"{slug}.md")
    page_text = (site / slug / "index.html").read_text(encoding="utf-8")
    page = parse_page(page_text)
    assert page.find("html")[0].attrs["lang"] == meta["lang"]
    assert len(page.find("title")) == 1
    assert f"<title>{meta['title']}</title>" in page_text.replace("&amp;", "&")
    assert [
        m.attrs["content"] for m in page.find("meta") if m.attrs.get("name") == "description"
    ] == [meta["description"]]
    assert len(page.find("h1")) == 1
    text = " ".join(page.text.split())
    assert f"By {meta['author']}. Reviewed by {meta['reviewed_by']}." in text
    assert "Page last reviewed:" in text and "Next review due:" in text
    reviewed = meta["last_reviewed"]
    times = [t.attrs["datetime"] for t in page.find("time")]
    assert times == [reviewed.isoformat(), reviewed.replace(year=reviewed.year + 3).isoformat()]
    disclaimer = (repo / "rules" / "snippets" / "disclaimer.md").read_text(encoding="utf-8")
    assert " ".join(disclaimer.split()) in text
    assert page.find("link")[0].attrs == {"rel": "stylesheet", "href": "../style.css"}
    [(attrs, raw)] = page.scripts
    assert attrs == {"type": "application/ld+json"}
    data = json.loads(raw)
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == reviewed.isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": meta["reviewed_by"]}
    assert data["author"] == {"@type": "Person", "name": meta["author"]}
    assert data["inLanguage"] == meta["lang"]
    sources = page_text.split("<h2>Sources</h2>", 1)[1].split("</ul>", 1)[0]
    urls = re.findall(r'href="(https?://[^"]+)"', sources)
    assert urls and [c["url"] for c in data["citation"]] == [u.replace("&amp;", "&") for u in urls]
    for a in page.find("a"):
        external = a.attrs.get("href", "").startswith(("http://", "https://"))
        assert (a.attrs.get("rel") == "noopener noreferrer") == external


def test_us_english_dates(site) -> None:
    page = (site / "tennis-elbow" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-07-08">July 8, 2026</time>' in page


def test_index_lists_published_posts_newest_first(site, repo, parse_page) -> None:
    page = parse_page((site / "index.html").read_text(encoding="utf-8"))
    hrefs = [a.attrs["href"] for a in page.find("a")][1:]  # after the site link
    dates = {s: front_matter(repo / "content" / "posts" / f"{s}.md")["date"] for s in POSTS}
    assert hrefs == [f"{s}/" for s in sorted(POSTS, key=lambda s: dates[s], reverse=True)]
    assert len(page.find("h1")) == 1
    assert page.find("html")[0].attrs["lang"] == "en-GB"
    assert [li.attrs.get("lang") for li in page.find("li")].count("en-US") == 1


def test_stylesheet_is_small_and_works_on_phones_and_paper(site) -> None:
    css = (site / "style.css").read_text(encoding="utf-8")
    assert len(css) < 6000
    assert "@media print" in css and "max-width" in css and "@media (max-width" in css


def test_json_ld_cannot_break_out_of_its_script(build, tmp_path, parse_page) -> None:
    evil = "Knees </script><script>alert(1)</script> <!-- & more"
    post = tmp_path / "in" / "evil.md"
    post.parent.mkdir()
    post.write_text(
        f"---\ntitle: {json.dumps(evil)}\nauthor: '</SCRIPT ><img src=x onerror=alert(1)>'\n"
        f'description: "a \\u2028 b"\n---\n\nText.\n',
        encoding="utf-8",
    )
    build([post.parent], tmp_path / "out", force=True)
    text = (tmp_path / "out" / "evil" / "index.html").read_text(encoding="utf-8")
    page = parse_page(text)
    assert [attrs for attrs, _ in page.scripts] == [{"type": "application/ld+json"}]
    raw = page.scripts[0][1]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["name"] == evil
    assert data["author"]["name"] == "</SCRIPT ><img src=x onerror=alert(1)>"
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text  # the title, escaped by Jinja
    assert not page.find("img")
    assert escape_json_for_script('"</script>"') == '"\\u003c/script\\u003e"'


def test_slugs_are_stable_and_unique(build, tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "Knee Pain.md").write_text("---\ntitle: Whatever\n---\n\nText.\n", encoding="utf-8")
    (src / "other.md").write_text(
        "---\ntitle: Other\nslug: Café Knees!\n---\n\nText.\n", encoding="utf-8"
    )
    (src / "zz.md").write_text("---\ntitle: Z\nslug: knee-pain\n---\n\nText.\n", encoding="utf-8")
    result = build([src], tmp_path / "out", force=True)
    status = {Path(p.path).name: (p.status, p.problem) for p in result.posts}
    assert (tmp_path / "out" / "knee-pain" / "index.html").is_file()
    assert (tmp_path / "out" / "cafe-knees" / "index.html").is_file()
    assert status["zz.md"][0] == "refused" and "already used" in status["zz.md"][1]
    assert result.exit_code == 1


# --- determinism and atomic writes --------------------------------------------------------


def test_same_input_gives_byte_identical_output(build, repo, tmp_path) -> None:
    a = build([repo / "content"], tmp_path / "a", force=True)
    b = build([repo / "content"], tmp_path / "b", force=True)
    assert a.count("forced", "built") == b.count("forced", "built") == len(POSTS) + 1
    assert files(tmp_path / "a") == files(tmp_path / "b")
    again = build([repo / "content"], tmp_path / "a", force=True)
    assert again.written == []  # nothing changed, nothing rewritten


def test_existing_page_is_replaced_whole_and_no_temp_files_are_left(build, repo, tmp_path) -> None:
    fresh = tmp_path / "fresh"
    build([repo / "content" / "posts"], fresh)
    out = tmp_path / "out"
    build([repo / "content" / "posts"], out)  # a folder plainpost made (it has its manifest)
    page = out / "tennis-elbow" / "index.html"
    page.write_bytes(b"<p>old page</p>" * 10_000)
    build([repo / "content" / "posts"], out)
    assert page.read_bytes() == (fresh / "tennis-elbow" / "index.html").read_bytes()
    assert not [
        p
        for p in out.rglob("*")
        if (p.name.startswith(".") and p.name != MANIFEST) or p.suffix == ".tmp"
    ]


def test_a_crash_while_writing_leaves_the_old_page(build, repo, tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    build([repo / "content" / "posts"], out)  # a folder plainpost made (it has its manifest)
    page = out / "tennis-elbow" / "index.html"
    page.write_bytes(b"old page")
    real_replace = os.replace

    def crash(src, dst):
        if str(dst).endswith(os.path.join("tennis-elbow", "index.html")):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr("plainpost.fsutil.os.replace", crash)
    result = build([repo / "content" / "posts"], out)
    assert page.read_bytes() == b"old page"
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.name != MANIFEST]
    failed = [p for p in result.posts if p.status == "failed"]
    assert [Path(p.path).stem for p in failed] == ["tennis-elbow"]
    assert "No space left on device" in failed[0].problem
    assert result.exit_code == 2
    assert (out / "lower-back-pain" / "index.html").is_file()  # the others were still built
