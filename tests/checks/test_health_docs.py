"""`plainpost rules` lists every health rule with its source; each rule documents itself."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from tests.helpers.rules import HEALTH_RULES, REPO

URL_RE = re.compile(r"https?://\S+")


@pytest.mark.parametrize("rule", HEALTH_RULES, ids=lambda r: r.id)
def test_rule_doc_is_complete(rule):
    doc = rule.doc
    assert doc.why.strip() and doc.example.strip() and doc.use_instead.strip(), rule.path
    assert URL_RE.search(doc.source), f"{rule.path}: doc.source needs a URL"


@pytest.fixture(scope="module")
def listing(request):
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        text = runner.invoke(main, ["rules"])
        markdown = runner.invoke(main, ["rules", "--format", "markdown"])
    assert text.exit_code == 0 and markdown.exit_code == 0
    return text.output, markdown.output


@pytest.mark.parametrize("rule", HEALTH_RULES, ids=lambda r: r.id)
def test_rules_lists_the_rule_with_its_source(rule, listing):
    text, markdown = listing
    assert re.search(rf"^{re.escape(rule.id)}\s", text, re.M), f"{rule.id} not in `plainpost rules`"
    start = f"| [`{rule.id}`](#{rule.id}) |"
    row = next((r for r in markdown.splitlines() if r.startswith(start)), None)
    assert row is not None, f"{rule.id} not in `plainpost rules --format markdown`"
    assert URL_RE.search(row), f"{rule.id}: no source URL in its row"


def test_rule_page_shows_source_and_examples():
    result = CliRunner().invoke(main, ["rules", "ice-safety-note"])
    assert result.exit_code == 0
    assert "Source" in result.output and "https://www.nhs.uk/" in result.output
    assert "Fires on" in result.output and "Does not fire on" in result.output
