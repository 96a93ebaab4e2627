"""`plainpost report` in Chromium: no console errors, no network requests, every finding
highlighted and in the table, sorting and filtering work, axe-core finds nothing.

(The report's other tests are in tests/report/test_report.py; this file lives here to use this
folder's browser fixtures.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = "content/drafts"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The report and the lint findings of the seed draft, from the same (uncached) run."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    old = Path.cwd()
    os.chdir(REPO)
    try:
        runner = CliRunner()
        made = runner.invoke(main, ["report", SEED, "--out", str(out), "--no-cache"])
        assert made.exit_code == 0, made.output
        lint = runner.invoke(main, ["lint", SEED, "--format", "json", "--no-cache"])
    finally:
        os.chdir(old)
    return out, json.loads(lint.stdout)["findings"]


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
