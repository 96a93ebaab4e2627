"""Review metadata: ages in calendar months, the configurable limit, custom notes from config."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from plainpost.api import build_linter
from plainpost.checks.context import Context
from plainpost.checks.review import add_months, months_between
from plainpost.config import Config
from plainpost.document import Source
from plainpost.rulebook.loader import RuleError
from tests.helpers.rules import REPO

POST = "---\ntitle: Knee pain\nauthor: A\nreviewed_by: B\nlast_reviewed: {date}\n---\nText.\n"


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        ("2023-11-25", "2026-11-25", 36),
        ("2023-11-26", "2026-11-25", 35),
        ("2024-01-31", "2024-02-29", 0),
        ("2024-01-31", "2024-03-01", 1),
        ("2026-11-25", "2026-11-25", 0),
    ],
)
def test_months_between(earlier, later, months):
    assert months_between(dt.date.fromisoformat(earlier), dt.date.fromisoformat(later)) == months


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 30), 36) == dt.date(2026, 11, 30)


def _lint(config: Config, text: str, today: dt.date):
    linter = build_linter(config, select=["review-out-of-date"])
    linter = replace(linter, ctx=replace(linter.ctx, today=today))
    return linter.lint_source(Source.from_text(text, "post.md"))


TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("date", "fires"),
    [("2023-11-25", False), ("2023-11-24", True), ("2026-01-01", False), ("2027-02-01", True)],
)
def test_default_limit_is_36_months(date, fires):
    found = _lint(Config(root=REPO), POST.format(date=date), TODAY)
    assert bool(found) == fires
    if found:
        assert found[0].line == 5 and found[0].severity.label == "warning"


def test_limit_comes_from_config():
    config = Config(root=REPO, rules={"review-out-of-date": {"max_age_months": 12}})
    neck = (REPO / "tests/fixtures/unseen/bad/neck-pain-desk-work.md").read_text(encoding="utf-8")
    (finding,) = _lint(config, neck, TODAY)
    assert finding.line == 7 and "every 12 months" in finding.message
    assert not _lint(config, POST.format(date="2026-01-01"), TODAY)


def test_unknown_option_is_an_error():
    config = Config(root=REPO, rules={"review-out-of-date": {"max_age_years": 3}})
    with pytest.raises(RuleError, match="max_age_years"):
        build_linter(config)


def test_config_rule_folder_can_replace_a_snippet(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "ice.md").write_text("**Ice:** our own wording, no ice on bare skin.")
    linter = build_linter(Config(root=tmp_path, rule_folders=["."]), select=["ice-safety-note"])
    assert linter.ctx.snippets["ice"].startswith("**Ice:** our own wording")
    assert linter.ctx.snippets["heat"]  # the shipped ones are still there
    (finding,) = linter.lint_source(Source.from_text("Hold ice on it.\n", "post.md"))
    assert finding.suggestions == ("\n\n**Ice:** our own wording, no ice on bare skin.",)


def test_context_default_today_is_a_date():
    assert isinstance(Context().today, dt.date)
