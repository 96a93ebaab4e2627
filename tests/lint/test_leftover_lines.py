"""A line that page chrome marks whole is to be deleted: its words get no wording findings."""

POST = """---
title: Shoulder shrugs
---

Stiff shoulders make everyday jobs harder. These exercises help.

{caption}

Lift both shoulders towards your ears, hold, then let them drop.
"""


def _rules_on_line(findings, line: int) -> set[str]:
    return {f.rule for f in findings if f.line == line}


def test_a_caption_line_is_reported_once_not_for_its_wording(lint_text) -> None:
    findings = lint_text(POST.format(caption="Physio demonstrating shoulder shrugs"))
    assert _rules_on_line(findings, 7) == {"stray-line"}


def test_the_same_wording_in_a_sentence_of_the_post_is_still_reported(lint_text) -> None:
    findings = lint_text(POST.format(caption="The physio is demonstrating shoulder shrugs."))
    assert "wordy-phrase" in _rules_on_line(findings, 7)
    assert "stray-line" not in _rules_on_line(findings, 7)


def test_a_suppressed_leftover_line_keeps_its_wording_findings(lint_text) -> None:
    caption = (
        "<!-- plainpost-disable-next-line stray-line -->\nPhysio demonstrating shoulder shrugs"
    )
    findings = lint_text(POST.format(caption=caption))
    assert "wordy-phrase" in _rules_on_line(findings, 8)


def test_a_download_line_with_its_link_lost_is_one_problem_the_link(lint_text) -> None:
    findings = lint_text(POST.format(caption="Click here to download the shrug sheet."))
    rules = _rules_on_line(findings, 7)
    assert "missing-link" in rules
    assert not {f.rule for f in findings if f.line == 7 and f.category == "boilerplate"}


def test_a_download_line_with_its_link_keeps_no_lost_link_finding(lint_text) -> None:
    caption = "[Download the shrug sheet](https://example.org/shrugs.pdf)"
    findings = lint_text(POST.format(caption=caption))
    assert "missing-link" not in _rules_on_line(findings, 7)
