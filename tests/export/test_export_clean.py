"""Cleaning: page chrome out, pseudo-bullets to lists, orphan captions dropped, whitespace tidy."""

from __future__ import annotations

import pytest

from plainpost.checks.kinds import KINDS
from plainpost.document import Source
from plainpost.export.clean import clean_document, normalise_whitespace
from plainpost.export.render import render_markdown

HEAD = "---\ntitle: Test post\n---\n\n"


@pytest.fixture(scope="module")
def clean(default_linter):
    on_build = {r.id: KINDS[r.kind].on_build for r in default_linter.rules}

    def run(body: str):
        doc = default_linter.parse(Source.from_text(HEAD + body, "post.md"))
        return clean_document(doc, default_linter.lint_document(doc), on_build)

    return run


def body(cleaned) -> str:
    return cleaned.text[len(HEAD) :]


def test_pseudo_bullets_become_a_real_list(clean) -> None:
    out = clean("Next steps:\n\n• Correct your technique\n• Follow a plan\n\nThen run.\n")
    assert body(out) == "Next steps:\n\n- Correct your technique\n- Follow a plan\n\nThen run.\n"
    assert out.bullets == 2
    html = render_markdown(out.text)
    assert "<ul>\n<li>Correct your technique</li>\n<li>Follow a plan</li>\n</ul>" in html


def test_pseudo_bullets_straight_after_a_sentence_and_indented(clean) -> None:
    out = clean("Options:\n  – swimming\n  – cycling\n")
    html = render_markdown(out.text)
    assert "<p>Options:</p>" in html and "<li>swimming</li>" in html and "<li>cycling</li>" in html


def test_dashes_and_dots_inside_sentences_are_left_alone(clean) -> None:
    text = "Swimming – or cycling – is gentle on the knees. The dose is 2 · 3 times a day.\n"
    assert body(clean(text)) == text


def test_page_chrome_lines_are_removed_whole(clean) -> None:
    out = clean(
        "Good advice here.\n\n**Share the Post:**\n\n- Related Posts\n\n## Leave a Reply\n\n"
        "More advice.\n\nSkip to content\n"
    )
    assert body(out) == "Good advice here.\n\nMore advice.\n"
    assert len(out.removed) == 4


def test_chrome_words_inside_a_sentence_stay(clean) -> None:
    text = "Share the load between both legs. If you feel pain, leave a gap of two days.\n"
    out = clean(text)
    assert body(out) == text and not out.removed


def test_suppressed_chrome_is_kept(clean) -> None:
    text = (
        "<!-- plainpost-disable-next-line page-chrome -- our own sharing note -->\n"
        "Share this:\n\nText.\n"
    )
    assert "Share this:" in clean(text).text


def test_orphan_caption_moves_into_empty_alt(clean) -> None:
    out = clean("Intro.\n\n![](runner.jpg)\n\nA woman running along a track\n\nNext part.\n")
    assert body(out) == "Intro.\n\n![A woman running along a track](runner.jpg)\n\nNext part.\n"
    assert out.alt_from_caption == 1


def test_orphan_caption_dropped_when_alt_exists(clean) -> None:
    out = clean("![A runner](runner.jpg)\n\nPhoto of a physio at work\n\nNext part.\n")
    assert body(out) == "![A runner](runner.jpg)\n\nNext part.\n"
    assert out.alt_from_caption == 0


def test_caption_with_brackets_is_escaped_in_alt(clean) -> None:
    out = clean("![](x.jpg)\n\nIce pack [left] on a knee\n")
    assert "![Ice pack \\[left\\] on a knee](x.jpg)" in out.text
    assert 'alt="Ice pack [left] on a knee"' in render_markdown(out.text)


def test_cleaning_is_idempotent(clean) -> None:
    once = clean("Text  \nmore.\n\n\n\n• a\n• b\n\n![](a.png)\n\nA caption here\n\nRelated Posts\n")
    assert clean(body(once)).text == once.text


def test_whitespace_normalised_outside_code() -> None:
    text = (
        "---\ntitle: T  \n---\n\n\nPara one. \nline two  \nline three\n\n\n\n"
        "```\ncode   \n\n\n\nmore code\t\n```\n\n    indented code   \n\n"
        "\u200bZero\u200bwidth.\t\n\n\n"
    )
    out = normalise_whitespace(text)
    assert out == (
        "---\ntitle: T  \n---\n\nPara one.\nline two  \nline three\n\n"
        "```\ncode   \n\n\n\nmore code\t\n```\n\n    indented code   \n\n"
        "Zerowidth.\n"
    )
    assert render_markdown(out).count("<br>") == 1  # the hard line break survives


def test_text_without_front_matter_keeps_its_first_line() -> None:
    assert normalise_whitespace("\n\nHello.  \n") == "Hello.\n"
