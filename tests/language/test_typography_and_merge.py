"""Typography the engines must see through, and one report per problem across engines."""

from __future__ import annotations

from plainpost.findings import Finding, Severity
from plainpost.language.engine import EngineHit
from plainpost.language.merge import merge_findings, merge_hits, reanchor


def test_no_break_spaces_and_soft_hyphens_do_not_hide_slips(check):
    text = "Rest it and its\u00a0been a week; it will reduce it’s abil\u00adity to heal.\n"
    findings = check(text)
    assert [(text[f.start : f.end], f.suggestions[0]) for f in findings] == [
        ("its", "it’s"),
        ("it’s", "its"),
    ]
    assert not [f for f in findings if f.category == "spelling"]  # "abil­ity" is one word


def test_curly_quotes_around_words_are_not_apostrophes(check):
    assert check("They said “loose weight” is a common slip, and ‘its’ is another.\n") != []
    assert check("Wear “loose” clothes and keep ‘its’ lid on.\n") == []


def test_a_fix_keeps_the_post_s_typography(check):
    text = "I’m sure its a sprain, and you’re fine.\n"
    (finding,) = check(text)
    assert finding.suggestions[:2] == ("it’s", "it's")  # the post's style first, then plain
    assert finding.message.count("it") == 2  # the message names the fix once


def _hit(start, end, engine, suggestions=(), category="grammar", message="m"):
    return EngineHit(start, end, message, tuple(suggestions), engine, "X", category)


def test_engines_agreeing_give_one_hit_with_every_suggestion():
    text = "Try an stretch."
    merged = merge_hits(
        [
            _hit(4, 6, "harper", ["a"], message="Incorrect indefinite article."),
            _hit(4, 6, "languagetool", ["a", "the"], message="Use “a” instead of “an”."),
        ],
        text,
    )
    assert len(merged) == 1
    assert merged[0].engine == "languagetool"  # the clearer message
    assert merged[0].suggestions == ("a", "the")


def test_different_problems_and_categories_stay_apart():
    text = "Teh knee and the the hip."
    hits = [
        _hit(0, 3, "harper", ["The"], category="spelling"),
        _hit(0, 3, "languagetool", ["The"], category="grammar"),
        _hit(13, 20, "harper", ["the"]),
    ]
    assert len(merge_hits(hits, text)) == 3


def test_suggestions_are_reanchored_to_the_kept_span():
    text = "keep you muscles supple"
    assert reanchor("your", (5, 8), (5, 16), text) == "your muscles"
    assert reanchor("x", (0, 4), (5, 16), text) is None


def _finding(rule, start, end, suggestions=(), safe=False, category="grammar"):
    return Finding(
        "p.md",
        1,
        start + 1,
        1,
        end + 1,
        rule,
        category,
        Severity.WARNING,
        rule,
        tuple(suggestions),
        safe,
        start,
        end,
    )


def test_a_plainpost_rule_wins_over_an_engine_and_keeps_its_safe_fix():
    text = "usually its been a week"
    findings = [
        _finding("grammar-check", 8, 11, ["it's", "it has"]),
        _finding("its-it-s", 8, 11, ["it's"], safe=True),
        _finding("page-chrome", 0, 7, category="boilerplate"),
    ]
    merged = merge_findings(findings, {"its-it-s": 0, "grammar-check": 5}, text)
    language = [f for f in merged if f.category == "grammar"]
    assert len(language) == 1
    assert language[0].rule == "its-it-s" and language[0].safe_fix
    assert language[0].suggestions == ("it's", "it has")
    assert len(merged) == 2


def test_the_pipeline_merges_harper_and_a_pattern_rule(check):
    text = "It is an stretch you can do daily.\n"
    findings = check(text)
    assert [(f.rule, text[f.start : f.end], f.suggestions[0]) for f in findings] == [
        ("a-an", "an", "a")
    ]
