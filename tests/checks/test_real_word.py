"""The real-word check through the whole pipeline: what a writer sees and what `fix` does.

Sentences here are written for these tests (none from the shared suites or the accuracy corpus).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source
from plainpost.fix import fix_text

REPO = Path(__file__).resolve().parents[2]
NHS = REPO.parent / "shared" / "peer-suites" / "readability" / "nhs"

POST = """---
title: Getting back to running
---

After a long run, take a brake from running for a day or two.

The ache came form the calf, not the knee.
"""


@pytest.fixture(scope="module")
def real_word(repo):
    linter = build_linter(Config(root=repo), select=("real-word",))
    return linter


def test_a_word_the_sentence_needs_as_a_verb_is_no_slip_for_one_that_cannot_be(real_word):
    # "hear" after "will most likely", "roll" after "knees that": verbs where the sentence
    # needs one, so neither is "here" or "role" (nouns and adverbs); "a big roll in" still is
    post = (
        "---\ntitle: T\n---\n\nWhat you will most likely hear is a soft click.\n\n"
        "Knees that roll in when you squat strain the ligaments.\n\n"
        "Balance plays a big roll in how well older people walk.\n"
    )
    found = real_word.lint_source(Source.from_text(post, "post.md"))
    assert [(post[f.start : f.end], f.suggestions[0]) for f in found] == [("roll", "role")]


def test_the_message_names_the_likely_word_and_points_at_the_written_one(real_word):
    found = real_word.lint_source(Source.from_text(POST, "post.md"))
    got = [(POST[f.start : f.end], f.suggestions[0], f.line) for f in found]
    assert got == [("brake", "break", 5), ("form", "from", 7)]
    assert "“brake”: did you mean “break”?" in found[0].message
    assert all(f.severity.label == "warning" and f.category == "grammar" for f in found)


def test_a_real_word_correction_is_never_applied_by_fix(real_word):
    found = real_word.lint_source(Source.from_text(POST, "post.md"))
    assert found and not any(f.safe_fix for f in found)

    text, edits = fix_text(Source.from_text(POST, "post.md"), real_word)
    assert edits == [] and text == POST


def test_a_word_the_post_keeps_using_is_not_turned_into_a_likelier_neighbour(real_word):
    one = "Dab the cream onto the wart twice a day.\n"
    many = one + "\nA wart on the sole of the foot is a verruca.\n\nMost warts go on their own.\n"
    assert real_word.lint_source(Source.from_text(many, "post.md")) == []


def test_a_word_the_post_uses_again_in_another_form_is_its_subject(real_word):
    # "thaw" once is "that" to the model; with "Thawing" later it is what the post is about
    once = "---\ntitle: T\n---\n\nPatience and gentle heat help you thaw it out.\n"
    again = once + "\nThawing can take a year.\n"
    assert [f.suggestions[0] for f in real_word.lint_source(Source.from_text(once, "p.md"))] == [
        "that"
    ]
    assert real_word.lint_source(Source.from_text(again, "p.md")) == []


def _blocks(page: Path) -> str:
    """A page as a post: its Markdown, links and all (the pages have no front matter)."""
    return page.read_text("utf-8")


@pytest.mark.skipif(not NHS.is_dir(), reason=f"needs {NHS}")
def test_no_alarm_on_professionally_edited_pages(real_word):
    words = 0
    alarms = []
    for page in sorted(NHS.glob("*.md")):
        text = _blocks(page)
        words += len(re.findall(r"[A-Za-z]+", text))
        for f in real_word.lint_source(Source.from_text(text, page.name)):
            alarms.append(f"{page.name}:{f.line}: {text[f.start : f.end]} -> {f.suggestions}")
    assert words > 25_000
    assert alarms == []
