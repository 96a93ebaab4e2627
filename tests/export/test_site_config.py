"""Site config (issue 13 item 2): canonical URLs, Open Graph and Twitter tags, a complete JSON-LD,
sitemap.xml and an Atom feed valid against schemas (written for these tests from the sitemaps.org
protocol and RFC 4287, see tests/schemas/), an index with tags, image sizes from the files,
templates a site overrides, and a CSP a site extends."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import imagesize
import pytest
from click.testing import CliRunner
from lxml import etree

from plainpost.cli import main
from plainpost.config import load_config
from tests.helpers.runs import run_of

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
SITE = """[site]
name = "Riverside Physio"
base_url = "https://riverside.example/advice"
publisher = "Riverside Physio Clinic"
logo = "/logo.png"
csp_sources = ["https://analytics.example", "https://*.consent.example"]
"""


@pytest.fixture(scope="module")
def built(repo, tmp_path_factory, default_linter):
    from plainpost.export import build_site

    root = tmp_path_factory.mktemp("clinic")
    (root / "plainpost.toml").write_text(SITE)
    config = load_config(root / "plainpost.toml")
    out = root / "site"
    result = build_site([repo / "content" / "posts"], out, run_of(config, linter=default_linter))
    assert result.exit_code == 0, [p.problem for p in result.posts]
    return out


def _pages(out: Path) -> list[Path]:
    return [*sorted(out.glob("*/index.html")), out / "index.html"]


def test_every_page_has_canonical_and_open_graph_tags(built, parse_page):
    for page in _pages(built):
        parsed = parse_page(page.read_text(encoding="utf-8"))
        meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content")
                for e in parsed.find("meta")}  # fmt: skip
        canonical = [
            e.attrs["href"] for e in parsed.find("link") if e.attrs.get("rel") == "canonical"
        ]
        slug = page.parent.name if page.parent != built else ""
        expected = "https://riverside.example/advice/" + (f"{slug}/" if slug else "")
        assert canonical == [expected], page
        assert meta["og:url"] == expected and meta["og:title"] and meta["og:type"]
        assert meta["og:site_name"] == "Riverside Physio"
        assert meta["twitter:card"] in ("summary", "summary_large_image")


def test_json_ld_is_complete(built, parse_page):
    page = built / "running-and-your-knees" / "index.html"
    (script,) = parse_page(page.read_text(encoding="utf-8")).scripts
    data = json.loads(script[1])
    assert data["url"] == "https://riverside.example/advice/running-and-your-knees/"
    assert data["dateModified"] == data["lastReviewed"]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Riverside Physio Clinic",
        "logo": {"@type": "ImageObject", "url": "https://riverside.example/logo.png"},
    }
    assert data["image"].startswith("https://riverside.example/advice/running-and-your-knees/")


def test_sitemap_is_valid_and_lists_every_page(built):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-0.9.xsd")))
    doc = etree.parse(str(built / "sitemap.xml"))
    schema.assertValid(doc)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = doc.xpath("//s:loc/text()", namespaces=ns)
    assert len(locs) == len(_pages(built))
    bad = etree.fromstring(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                           b"<url><lastmod>2026-01-01</lastmod></url></urlset>")  # fmt: skip
    assert not schema.validate(bad)  # the schema does reject a url without loc


def test_atom_feed_is_valid(built):
    schema = etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))
    doc = etree.parse(str(built / "feed.xml"))
    schema.assertValid(doc)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert len(doc.xpath("//a:entry", namespaces=ns)) == len(_pages(built)) - 1
    no_id = etree.fromstring(
        re.sub(rb"<id>[^<]*</id>\n", b"", (built / "feed.xml").read_bytes(), count=1)
    )
    assert not schema.validate(no_id)  # the schema does reject a feed without its id


def test_index_lists_tags(built, parse_page):
    text = parse_page((built / "index.html").read_text(encoding="utf-8")).text
    assert "Topics on this site:" in text and "tendons" in text


def test_images_get_their_real_width_and_height(built, repo, parse_page):
    page = parse_page((built / "running-and-your-knees" / "index.html").read_text("utf-8"))
    (img,) = page.find("img")
    w, h = imagesize.get(str(repo / "content/posts/images/woman-running.jpg"))
    assert (img.attrs["width"], img.attrs["height"]) == (str(w), str(h))


def test_csp_is_extended_by_config(built, parse_page):
    page = parse_page((built / "tennis-elbow" / "index.html").read_text(encoding="utf-8"))
    (csp,) = [e.attrs["content"] for e in page.find("meta") if e.attrs.get("http-equiv")]
    assert "script-src https://analytics.example https://*.consent.example;" in csp
    assert csp.startswith("default-src 'none';") and "'unsafe-inline'" not in csp


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("csp_sources", '["https://x.example; script-src *"]'),
        ("csp_sources", "[\"'unsafe-inline'\"]"),
        ("csp_sources", '["https:"]'),
        ("base_url", '"ftp://clinic.example/"'),
        ("templates", '"no-such-folder"'),
        ("colour", '"blue"'),
    ],
)
def test_bad_site_config_is_one_line_naming_the_key(repo, tmp_path, key, value):
    (tmp_path / "plainpost.toml").write_text(f"[site]\n{key} = {value}\n")
    run = CliRunner().invoke(
        main,
        ["build", str(repo / "content/posts"), "--out", str(tmp_path / "o"),
         "--config", str(tmp_path / "plainpost.toml")],
    )  # fmt: skip
    assert run.exit_code == 2
    assert key in run.output
    assert not (tmp_path / "o").exists()


def test_a_site_overrides_templates_and_autoescape_still_holds(repo, tmp_path, default_linter):
    from plainpost.export import build_site

    (tmp_path / "theme").mkdir()
    base = Path(__file__).resolve().parents[2] / "src/plainpost/export/templates/base.html"
    theme = base.read_text(encoding="utf-8").replace(
        '<main id="main">',
        '<nav class="clinic">Riverside menu: {{ title }}</nav>\n<main id="main">',
    )
    (tmp_path / "theme" / "base.html").write_text(theme)
    (tmp_path / "plainpost.toml").write_text('[site]\ntemplates = "theme"\n')
    src = tmp_path / "posts"
    src.mkdir()
    post = (repo / "content/posts/tennis-elbow.md").read_text(encoding="utf-8")
    (src / "elbow.md").write_text(
        post.replace("title: Tennis elbow", "title: Tennis <script>alert(1)</script> elbow")
    )
    shutil.copytree(repo / "content/posts/images", src / "images")
    config = load_config(tmp_path / "plainpost.toml")
    build_site([src], tmp_path / "out", run_of(config, linter=default_linter))
    page = (tmp_path / "out" / "elbow" / "index.html").read_text(encoding="utf-8")
    assert (
        '<nav class="clinic">Riverside menu: Tennis &lt;script&gt;alert(1)&lt;/script&gt;' in page
    )
    assert "<script>alert" not in page
    assert "When to see a doctor" in page  # the package's post.html still fills the body
