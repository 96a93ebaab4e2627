"""A section title typed as a line ("Ice Therapy:") names the topic but gives no advice: a
missing note is reported at the advice below it, and at the label only when nothing else in the
section asks for the note."""

from __future__ import annotations

POST = """---
title: Cold for a sore knee
type: news
---

Ice Therapy:

Cold eases a sore knee after a long walk. Press a cold pack on the knee when you get home.
"""


def _ice(findings):
    return [f for f in findings if f.rule == "ice-safety-note"]


def test_the_note_is_asked_at_the_advice_not_the_label_line(lint_text) -> None:
    (found,) = _ice(lint_text(POST))
    assert found.line == 8
    assert POST[found.start : found.end].lower() == "cold pack"
    assert POST[: found.insert_at].endswith("when you get home.")


def test_a_label_line_alone_still_asks_for_the_note(lint_text) -> None:
    post = POST.replace("Press a cold pack on the knee", "Rest the knee")
    (found,) = _ice(lint_text(post))
    assert found.line == 6


def test_a_short_sentence_is_no_label(lint_text) -> None:
    post = POST.replace("Ice Therapy:", "Use ice on it.")
    (found,) = _ice(lint_text(post))
    assert found.line == 6
