"""rare-medical-word on words no word list holds: rare by frequency and medical by form."""

from __future__ import annotations

import pytest


def _rare(findings):
    return [f for f in findings if f.rule == "rare-medical-word"]


@pytest.mark.parametrize(
    "text",
    [
        "The fibroadipose pad under the kneecap can get pinched.",
        "Pain at the osteotendinous junction eases with rest.",
    ],
)
def test_unlisted_medical_word_is_reported(lint_text, text):
    assert [f.message.split("”")[0] for f in _rare(lint_text(text))]


@pytest.mark.parametrize(
    "text",
    [
        # explained in brackets, an example after "such as", the page's topic
        "The fibroadipose pad (a fatty cushion) under the kneecap can get pinched.",
        "Soft parts of the knee, such as the fibroadipose pad, can get pinched.",
        "## Fibroadipose pad pain\n\nThe fibroadipose pad under the kneecap can get pinched.",
        # a root before an everyday word, a profession, a plain prefix
        "A corticosteroid cream can calm the rash.",
        "Ask a dermatologist about the mole.",
        "Antihistamines ease itchy eyes.",
    ],
)
def test_explained_or_everyday_words_are_not(lint_text, text):
    assert not _rare(lint_text(text))


def test_reported_once(lint_text):
    text = "The fibroadipose pad can swell.\n\nBoth fibroadipose pads can swell."
    assert len(_rare(lint_text(text))) == 1


def test_a_word_inside_a_longer_term_is_reported_once(lint_text):
    """ "vagus" (a rare word) inside "vagus nerve" (jargon): one term, reported by the longer."""
    found = [
        f.rule
        for f in lint_text("Slow breathing calms the vagus nerve.")
        if f.category == "plain-language"
    ]
    assert found == ["medical-jargon"]
