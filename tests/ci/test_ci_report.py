"""`plainpost report`: one self-contained page, checked in Chromium (no console errors, no
network, every finding shown, axe-core clean) and for escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO

SEED = "content/drafts"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The report and the lint findings of the seed draft, from the same (uncached) run."""
    import os

    from click.testing import CliRunner

    from plainpost.cli import main

    out = tmp_path_factory.mktemp("report")
    old = Path.cwd()
    os.chdir(REPO)
    try:
        runner = CliRunner()
        made = runner.invoke(
            main, ["report", SEED, "--out", str(out / "report.html"), "--no-cache"]
        )
        assert made.exit_code == 0, made.output
        lint = runner.invoke(main, ["lint", SEED, "--format", "json", "--no-cache"])
    finally:
        os.chdir(old)
    return out / "report.html", json.loads(lint.stdout)["findings"]


def test_report_is_self_contained(seed_report):
    page, findings = seed_report
    html = page.read_text(encoding="utf-8")
    assert findings
    # no external resources of any kind
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # every finding: a numbered highlight reference and a table row
    for n in range(1, len(findings) + 1):
        assert html.count(f'id="f-{n}"') == 1
        assert html.count(f'id="row-{n}"') == 1
    assert f'id="f-{len(findings) + 1}"' not in html


def test_report_escapes_post_text(tmp_path: Path, run_cli):
    post = tmp_path / "content" / "evil.md"
    post.parent.mkdir()
    post.write_text(
        '---\ntitle: "<script>alert(1)</script>"\n---\n\n'
        "Hello <img src=x onerror=alert(2)> and </mark><script>alert(3)</script>.\n\n"
        "Related Posts\n",
        encoding="utf-8",
    )
    result = run_cli(["report", "content", "--out", "r.html", "--no-cache"], tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # only the report's own


def test_report_of_no_posts(git_repo, run_cli):
    root = git_repo({"content/a.md": "---\ntitle: A\n---\n\nHello there.\n"})
    result = run_cli(["report", "content", "--out", "r.html", "--changed-since", "main"], root)
    assert result.exit_code == 0
    assert "No posts to show." in (root / "r.html").read_text(encoding="utf-8")


def test_report_in_chromium(seed_report, browser_page, run_axe, describe_violations):
    page_path, findings = seed_report
    visit = browser_page(page_path.as_uri())
    page = visit.page
    assert visit.problems() == []
    assert visit.requests == [page_path.as_uri()]  # the page itself, nothing else

    # every finding is highlighted in place and listed in the table
    assert page.locator("a.ref").count() == len(findings)
    assert page.locator("#findings tbody tr").count() == len(findings)
    assert page.locator("mark").count() > 0
    assert page.locator(".post-text .hard, .post-text .very-hard").count() > 0
    assert page.locator("svg.chart rect").count() >= 2

    # filtering and sorting work
    page.select_option("#filter-severity", "error")
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert page.locator("#findings tbody tr:not([hidden])").count() == errors
    assert page.locator("#shown-count").inner_text() == str(errors)
    page.select_option("#filter-severity", "")
    page.fill("#filter-text", "page chrome")
    chrome = sum(1 for f in findings if "page chrome" in f["message"].lower())
    assert page.locator("#findings tbody tr:not([hidden])").count() == chrome > 0
    page.fill("#filter-text", "")
    page.click("#findings thead th:nth-child(3) button")  # line
    page.click("#findings thead th:nth-child(3) button")  # line, descending
    lines = page.locator("#findings tbody tr td:nth-child(3)").all_inner_texts()
    as_numbers = [tuple(map(int, x.split(":"))) for x in lines]
    assert as_numbers == sorted(as_numbers, reverse=True)
    assert page.get_attribute("#findings thead th:nth-child(3)", "aria-sort") == "descending"

    # a reference jumps to its row
    page.click("a#f-1")
    assert page.evaluate("location.hash") == "#row-1"

    violations = run_axe(page)
    assert violations == [], describe_violations(violations)
    assert visit.problems() == []
