"""Harper, the embedded engine: typography, dialects, its curated rules, one build per run."""

from __future__ import annotations

import pickle
import threading

import pytest

from plainpost.api import build_linter
from plainpost.config import Config, HarperConfig
from plainpost.document import Source
from plainpost.language.engine import EngineError
from plainpost.language.harper_engine import HarperEngine, dialect_name
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files


def _messages(findings):
    return [(f.rule, f.message) for f in findings]


def test_a_curly_apostrophe_does_not_hide_its_for_it_s(check):
    for apostrophe in ("’", "'"):
        text = f"Rest will reduce it{apostrophe}s ability to heal.\n"
        findings = check(text)
        assert [(text[f.start : f.end], f.suggestions[0]) for f in findings] == [
            (f"it{apostrophe}s", "its")
        ]


def test_it_s_suggestions_follow_the_post_s_apostrophes(check):
    curly = "It’s sore and its been a week.\n"
    straight = "It's sore and its been a week.\n"
    assert check(curly)[0].suggestions[0] == "it’s"
    assert check(straight)[0].suggestions[0] == "it's"


def test_give_it_time_is_not_a_missing_it_s(check):
    assert check("Give it time to settle, and allow it time to heal.\n") == []


def test_the_letter_a_and_a_and_e_are_not_articles(check):
    assert check("Vitamin A is in eggs. Go to A&E if it is an emergency.\n") == []


def test_show_you_stretches_is_right_and_keep_you_muscles_is_not(check):
    assert check("A physio can show you stretches and teach you skills.\n") == []
    findings = check("Stretching will keep you muscles supple.\n")
    assert [(f.rule, f.suggestions[0]) for f in findings] == [("you-before-noun", "your muscles")]


def test_a_conditional_then_is_not_a_comparison(check):
    assert check("If it gets worse then stop and rest.\n") == []


def test_that_that_and_had_had_are_right(check):
    assert check("She had had enough. I think that that is fine.\n") == []


def test_headings_in_sentence_case_and_lists_without_oxford_comma(check):
    text = "## Warm up before you run\n\nDo squats, lunges and calf raises.\n"
    assert check(text) == []


def test_dialect_follows_the_post_s_lang(check):
    gb = "---\ntitle: T\nlang: en-GB\n---\n\nMy favourite colour is blue.\n"
    us = "---\ntitle: T\nlang: en-US\n---\n\nMy favourite colour is blue.\n"
    assert check(gb) == []
    flagged = {f.message.split("”")[0].strip("“") for f in check(us)}
    assert flagged == {"favourite", "colour"}
    us_spelling = "---\ntitle: T\nlang: en-US\n---\n\nMy favorite color is blue.\n"
    assert check(us_spelling) == []


@pytest.mark.parametrize(
    ("lang", "dialect"),
    [
        ("en-GB", "BRITISH"),
        ("en-US", "AMERICAN"),
        ("en-AU", "AUSTRALIAN"),
        ("en_CA", "CANADIAN"),
        ("en-IN", "INDIAN"),
        ("en", "BRITISH"),
        ("fr-FR", None),
    ],
)
def test_dialects(lang, dialect):
    assert dialect_name(lang, "en-GB") == dialect


def test_findings_map_back_to_the_source_through_markup(check):
    text = (
        "---\ntitle: T\n---\n\n# A heading\n\n> Quoted *teh* text with "
        "[the lnk](https://x.org/teh) and `teh code`.\n\n"
        "| a | b |\n|---|---|\n| Teh cell | fine |\n"
    )
    findings = check(text)
    assert sorted(text[f.start : f.end] for f in findings) == ["Teh", "lnk", "teh"]


def test_the_engine_is_built_once_per_dialect_and_pickles_for_workers():
    engine = HarperEngine(words=["fasciitis"])
    from plainpost.document import parse_document
    from plainpost.language.engine import prose_text

    doc = parse_document(Source.from_text("Teh fasciitis is sore.\n"))
    first = engine.linter("en-GB")
    engine.check(prose_text(doc), doc)
    assert engine.linter("en-GB") is first
    clone = pickle.loads(pickle.dumps(engine))  # as a worker receives it: no Rust object inside
    hits = clone.check(prose_text(doc), doc)
    assert [h.problem for h in hits] == ["Teh"]
    # in one process and thread, an engine with the same switches and words reuses the linter
    # (a new linter's first check is the slow one); another thread, or other words, get their own
    assert clone.linter("en-GB") is first
    assert HarperEngine(words=["fasciitis", "tendinopathy"]).linter("en-GB") is not first
    other: list[object] = []
    fresh = HarperEngine(words=["fasciitis"])
    thread = threading.Thread(target=lambda: other.append(fresh.linter("en-GB")))
    thread.start()
    thread.join()
    assert other and other[0] is not first


def test_warm_up_then_build_and_a_bad_rule_name_is_a_clear_error():
    from plainpost.language.harper_engine import wait_for_warm_up, warm_up

    warm_up()
    warm_up()  # once per process
    wait_for_warm_up()
    engine = HarperEngine(off=["NoSuchHarperRule"], where="rules/grammar/grammar-check.yml")
    with pytest.raises(EngineError, match=r"grammar-check\.yml: options\.harper_off: .*NoSuch"):
        engine.linter("en-GB")


def test_every_switched_off_harper_rule_exists_and_has_a_reason():
    import harper

    known = harper.get_default_lint_config()
    rules = {r.id: r for r in load_rule_files([shipped_rules_dir()])}
    for rule_id in ("grammar-check", "misspelling"):
        off = rules[rule_id].options.harper_off
        assert off, rule_id
        for name, reason in off.items():
            assert name in known, name
            assert len(reason.split()) >= 4, name


def test_harper_can_be_switched_off(repo, monkeypatch):
    monkeypatch.delenv("PLAINPOST_HARPER", raising=False)
    linter = build_linter(
        Config(root=repo, harper=HarperConfig(enabled=False)), select=("spelling", "grammar")
    )
    assert linter.ctx.engines == ()
    # the pattern rules and the reject list still work
    findings = linter.lint_source(Source.from_text("Rest untill its been a week.\n"))
    assert {f.rule for f in findings} == {"misspelling", "its-it-s"}


def test_list_items_may_start_in_lower_case_but_sentences_may_not(check):
    text = (
        "It helps.\n\n- stretch after every run.\n- rest on Sundays.\n\n"
        "It hurts. the knee is sore.\n"
    )
    findings = check(text)
    assert [text[f.start : f.end] for f in findings] == ["the"]


def test_a_file_name_or_web_address_may_start_a_line_in_lower_case(check):
    text = (
        "knee-brace-photo.jpg\n\nwww.example.org has the leaflet.\n\nrest it. the knee is sore.\n"
    )
    findings = check(text)
    assert [text[f.start : f.end] for f in findings if "capital" in f.message] == ["rest", "the"]


def test_health_prose_slips_harper_gets_wrong_are_not_reported(check):
    # each of these was a false alarm on professionally edited health pages (issue 11)
    right = [
        "GPs usually prescribe rest first, and DOMS fades in a few days.",  # not GPS, DOMs
        "There are some things you can do to help ease the itch.",  # not "due to"
        "It can take a month to get back to normal.",  # not "too"
        "A pharmacist can give you advice about creams.",  # not "advise"
        "Two of the walkers hurt their back lifting bags.",  # not "they're"
        "Every one of these stretches takes a minute.",  # not "everyone"
        "Rest for 5-10 minutes.  Then walk again.",  # typography: hyphen range, two spaces
        "Latex gloves can cause a rash, and a swelling may follow a bite.",
        "You may have dissolvable stitches; let the wound dry.",
        "The nurse will check it's gout before any treatment starts.",  # "it is gout"
        "Are there side effects? Will there be a scar?",  # not "their"
        "Ask the pharmacist as to how to store the drops.",  # not a repeated "to"
        "There is lots of time to heal. Wait... then try again.",  # "lots of"; three dots
        "Grinding at night damages your teeth.",  # the verb, not the legal noun
        "The brace your podiatrist fits you is worn all day.",  # "you" is the object of "fits"
        "Nurses often suggest he drink more water.",  # the plain form after "suggest"
        "Swelling can go from mild to severe overnight.",  # a range, not "too severe"
        "Our physios work in Bangalore and Bombay.",  # a town's older name is still its name
    ]
    for text in right:
        found = [f for f in check(text + "\n") if f.rule == "grammar-check"]
        assert found == [], (text, [f.message for f in found])


def test_an_object_pronoun_is_not_the_subject_of_the_verb_after_it():
    from plainpost.language.harper_engine import correct

    def kept(text: str) -> bool:
        at = text.rindex(" are") + 1
        return correct("PronounInflectionBe", text, at, at + 3, ("is",)) is not None

    assert not kept("Colds are mild but the germs that cause it are (mostly) catching.")
    assert not kept("The drops for it are sold in pharmacies.")
    assert kept("I think it are getting worse.")  # a clause follows "think": "it" is its subject
    assert kept("By Monday it are fine.")


def test_forget_makes_a_new_linter_with_the_same_findings():
    """A worker that has checked many posts drops its Harper linters (their caches grow); the
    next check builds a new one, not the one the process keeps, and finds the same."""
    from plainpost.document import parse_document
    from plainpost.language.engine import prose_text

    engine = HarperEngine(words=["fasciitis"])
    doc = parse_document(Source.from_text("Teh fasciitis is sore.\n"))
    before = [h.problem for h in engine.check(prose_text(doc), doc)]
    first = engine.linter("en-GB")
    engine.forget()
    again = HarperEngine(words=["fasciitis"]).linter("en-GB")
    assert again is not first
    assert [h.problem for h in engine.check(prose_text(doc), doc)] == before == ["Teh"]
