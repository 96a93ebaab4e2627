"""A post with no help section is told so once: red-flags-note yields to when-to-see-a-doctor
(its note travels with the structure finding), and still reports where that rule does not."""

from __future__ import annotations

import pytest

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source
from tests.helpers.rules import REPO

NO_HELP = """---
title: Sprained ankle
---

A sprained ankle can take weeks to settle. Rest it and keep it raised.
"""

THIN_HELP = """---
title: Sprained ankle
---

A sprained ankle can take weeks to settle. Rest it and keep it raised.

## Get help

Ask a physio if it swells.
"""


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in findings if f.rule in {"red-flags-note", "when-to-see-a-doctor"})


def test_no_help_section_is_reported_once_with_the_note_to_insert(lint_text) -> None:
    findings = lint_text(NO_HELP)
    assert _rules(findings) == ["when-to-see-a-doctor"]
    (missing,) = [f for f in findings if f.rule == "when-to-see-a-doctor"]
    assert missing.suggestions and "**When to see a doctor:**" in missing.suggestions[0]
    assert NO_HELP[: missing.insert_at].rstrip().endswith("keep it raised.")


def test_a_help_section_naming_one_sign_is_still_reported_by_the_note_rule(lint_text) -> None:
    assert _rules(lint_text(THIN_HELP)) == ["red-flags-note"]


def test_a_news_post_is_left_to_the_note_rule(lint_text) -> None:
    post = NO_HELP.replace("title: Sprained ankle", "title: Sprained ankle\ntype: news")
    assert _rules(lint_text(post)) == ["red-flags-note"]


@pytest.fixture(scope="module")
def without_structure():
    return build_linter(Config(root=REPO), ignore=["when-to-see-a-doctor"])


def test_with_the_structure_rule_off_the_note_rule_reports(without_structure) -> None:
    findings = without_structure.lint_source(Source.from_text(NO_HELP, "post.md"))
    assert _rules(findings) == ["red-flags-note"]
    (note,) = [f for f in findings if f.rule == "red-flags-note"]
    assert note.suggestions and note.insert_at > 0  # the note rule offers its own note
