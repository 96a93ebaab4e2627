"""Inline suppression: ranges, next-line, by id, by category, for every rule; unused and unknown
directives are reported at the comment."""

from __future__ import annotations

import pytest

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source

FM = "---\ntitle: T\ntype: page\n---\n"


@pytest.fixture(scope="module")
def lint():
    linter = build_linter(Config(), ["boilerplate", "accessibility", "structure"])

    def run(body: str) -> list[tuple[int, str]]:
        findings = linter.lint_source(Source.from_text(FM + body, "post.md"))
        return [(f.line - 4, f.rule) for f in findings]  # lines counted from the body

    return run


def test_without_directives(lint):
    assert lint("\nRelated Posts\n\nSkip to content\n") == [(2, "page-chrome"), (4, "page-chrome")]


def test_disable_enable_range_by_id(lint):
    body = (
        "\n<!-- plainpost-disable page-chrome -->\nRelated Posts\n\nShare this:\n"
        "<!-- plainpost-enable page-chrome -->\n\nSkip to content\n"
    )
    assert lint(body) == [(8, "page-chrome")]


def test_disable_by_category(lint):
    body = (
        "<!-- plainpost-disable boilerplate -->\nRelated Posts\n"
        "<!-- plainpost-enable boilerplate -->\n\n![](a.png)\n"
    )
    assert lint(body) == [(5, "image-alt")]


def test_disable_everything_until_the_end(lint):
    assert lint(
        "Related Posts\n\n<!-- plainpost-disable -->\n\nSkip to content\n\n![](a.png)\n"
    ) == [(1, "page-chrome")]


def test_disable_all_keyword(lint):
    assert lint("<!-- plainpost-disable all -->\nRelated Posts\n") == []


def test_enable_without_rule_closes_every_open_range(lint):
    body = (
        "<!-- plainpost-disable page-chrome, image-alt -->\nRelated Posts\n\n![](a.png)\n\n"
        "A sentence.\n<!-- plainpost-enable -->\n\nSkip to content\n"
    )
    assert lint(body) == [(9, "page-chrome")]


def test_disable_next_line_with_a_reason(lint):
    body = (
        "<!-- plainpost-disable-next-line page-chrome -- the site theme needs it -->\n"
        "Related Posts\n\nSkip to content\n"
    )
    assert lint(body) == [(4, "page-chrome")]


def test_disable_next_line_only_covers_the_next_line(lint):
    body = "<!-- plainpost-disable-next-line page-chrome -->\n\nRelated Posts\n"
    assert lint(body) == [(1, "unused-suppression"), (3, "page-chrome")]


def test_disable_line_inline(lint):
    body = "Related Posts <!-- plainpost-disable-line page-chrome -- kept -->\n\nSkip to content\n"
    assert lint(body) == [(3, "page-chrome")]


def test_multi_line_directive_next_line_is_after_the_comment(lint):
    body = "<!-- plainpost-disable-next-line\n     page-chrome -->\nRelated Posts\n"
    assert lint(body) == []


def test_unused_directive_is_reported_at_the_comment(lint):
    linter = build_linter(Config(), ["boilerplate"])
    text = FM + "Fine text.\n\n<!-- plainpost-disable-next-line page-chrome -->\nMore fine text.\n"
    (f,) = linter.lint_source(Source.from_text(text, "post.md"))
    assert f.rule == "unused-suppression"
    assert (f.line, f.column, f.end_line, f.end_column) == (7, 1, 7, 49)
    assert "page-chrome" in f.message


def test_unused_range_is_reported(lint):
    body = (
        "<!-- plainpost-disable image-alt -->\nNo images here.\n"
        "<!-- plainpost-enable image-alt -->\n"
    )
    assert lint(body) == [(1, "unused-suppression")]


def test_directive_for_a_rule_that_did_not_run_is_not_called_unused():
    """With --select page-chrome we cannot tell whether an image-alt directive is needed."""
    linter = build_linter(Config(), ["page-chrome"])
    text = FM + "<!-- plainpost-disable-next-line image-alt -->\n![](a.png)\n"
    assert linter.lint_source(Source.from_text(text, "post.md")) == []


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ("<!-- plainpost-disabel page-chrome -->", "unknown directive `plainpost-disabel`"),
        ("<!-- plainpost-ignore page-chrome -->", "unknown directive `plainpost-ignore`"),
        ("<!-- plainpost-disable page-chrom -->", "unknown rule or category `page-chrom`"),
        ("<!-- plainpost-disable-next-line spellling -->", "unknown rule or category `spellling`"),
    ],
)
def test_unknown_directives_are_reported(lint, comment, problem):
    linter = build_linter(Config(), ["boilerplate"])
    text = FM + "\n" + comment + "\nRelated Posts\n"
    findings = linter.lint_source(Source.from_text(text, "post.md"))
    bad = [f for f in findings if f.rule == "invalid-suppression"]
    assert len(bad) == 1 and problem in bad[0].message
    assert (bad[0].line, bad[0].column) == (6, 1)
    # a broken directive hides nothing
    assert any(f.rule == "page-chrome" and f.line == 7 for f in findings)


def test_directive_for_a_known_rule_that_is_not_selected_is_valid():
    linter = build_linter(Config(), ["page-chrome"])
    text = FM + "<!-- plainpost-disable-next-line hard-sentence -->\nShort.\n"
    assert linter.lint_source(Source.from_text(text, "post.md")) == []


def test_ordinary_comments_and_code_are_not_directives(lint):
    body = (
        "<!-- a note: plainpost is great -->\n\n```\n<!-- plainpost-disable -->\n```\n\n"
        "`<!-- plainpost-disable -->` Related Posts\n\nRelated Posts\n"
    )
    assert lint(body) == [(9, "page-chrome")]


def test_ignoring_a_meta_rule(lint):
    linter = build_linter(Config(), ["boilerplate"], ["unused-suppression"])
    text = FM + "<!-- plainpost-disable-next-line page-chrome -->\nFine.\n"
    assert linter.lint_source(Source.from_text(text, "post.md")) == []


def test_suppression_through_the_cli(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from plainpost.cli import main

    (tmp_path / "post.md").write_text(
        FM + "<!-- plainpost-disable-next-line page-chrome -- theme -->\nRelated Posts\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--select", "boilerplate", "post.md"])
    assert result.exit_code == 0, result.output
    assert "0 finding(s)" in result.output
