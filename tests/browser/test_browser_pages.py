"""Every exported page of content/posts in Chromium: loads cleanly, axe-core finds no WCAG 2 A/AA
violations, fits a phone screen and prints without the site navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpost.config import Config
from plainpost.export import build_site
from tests.helpers.runs import run_of

REPO = Path(__file__).resolve().parents[2]
POSTS = sorted(p.stem for p in (REPO / "content" / "posts").glob("*.md"))
PAGES = ["", *(f"{slug}/" for slug in POSTS)]  # "" is the index


@pytest.fixture(scope="module")
def site(tmp_path_factory, default_linter):
    out = tmp_path_factory.mktemp("site")
    result = build_site(
        [REPO / "content" / "posts"], out, run_of(Config(root=REPO), linter=default_linter)
    )
    assert result.exit_code == 0, result.posts
    missing = {  # local images the build reported as missing from content/ (not a page defect)
        f"{Path(p.page).parent.name}/{note.split(chr(39))[1]}"
        for p in result.posts
        for note in p.notes
        if note.startswith("image ") and note.endswith(" not found")
    }
    return out, missing


@pytest.fixture(scope="module")
def base_url(site, serve_dir) -> str:
    return serve_dir(site[0])


def unexpected(visit, missing: set[str], base: str) -> list[str]:
    """Problems on the page, leaving out the 404s of images the build already reported."""
    missing_urls = {base + m for m in missing}
    out = []
    for problem in visit.problems():
        if any(url in problem for url in missing_urls):
            continue
        out.append(problem)
    return out


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "index")
def test_page_loads_cleanly_and_has_no_axe_violations(
    site, base_url, path, browser_page, run_axe, describe_violations
) -> None:
    visit = browser_page(base_url + path)
    assert unexpected(visit, site[1], base_url) == []
    assert visit.page.evaluate("document.styleSheets.length") == 1  # the CSP lets it load
    violations = run_axe(visit.page)
    assert violations == [], describe_violations(violations)
    assert visit.page.locator("h1").count() == 1


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "index")
def test_page_fits_a_small_phone(base_url, path, browser_page, run_axe, describe_violations):
    visit = browser_page(base_url + path)
    visit.page.set_viewport_size({"width": 320, "height": 640})  # WCAG 1.4.10 reflow width
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page scrolls sideways on a 320px screen ({width}px)"
    size = visit.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 16
    violations = run_axe(visit.page)
    assert violations == [], describe_violations(violations)


def test_print_layout_hides_navigation_and_shows_link_targets(base_url, browser_page) -> None:
    visit = browser_page(base_url + "running-and-your-knees/")
    visit.page.emulate_media(media="print")
    assert visit.page.locator(".site-header").is_hidden()
    after = visit.page.evaluate(
        """() => getComputedStyle(
            document.querySelector('article a[href^="https://www.nhs.uk"]'), '::after').content"""
    )
    assert "https://www.nhs.uk/" in after


def test_json_ld_is_read_as_data(base_url, browser_page) -> None:
    visit = browser_page(base_url + "tennis-elbow/")
    data = visit.page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["reviewedBy"]["name"] == "Kevin Brooks, MD"
    assert visit.page.evaluate("document.documentElement.lang") == "en-US"
