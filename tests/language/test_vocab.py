"""Vocabulary: the bundled medical lexicon, accept and reject lists, a content repo's own lists
through config, language-tagged lists, and names from a post's front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from plainpost.document import Source
from plainpost.language.vocab import front_matter_names, lang_tag, load_vocabulary
from plainpost.rulebook import shipped_rules_dir

MEDICAL = [
    "fasciitis",
    "tendinopathy",
    "ibuprofen",
    "paracetamol",
    "acetaminophen",
    "physiotherapist",
    "GP",
    "NHS",
    "A&E",
    "naproxen",
    "co-codamol",
    "triptan",
    "mcg",
]


@pytest.mark.parametrize("word", MEDICAL)
def test_medical_words_are_never_spelling_mistakes(word, check):
    for text in (f"Ask about {word} today.\n", f"{word} is common.\n"):
        spelling = [f for f in check(text) if f.category == "spelling"]
        assert not spelling, (text, [f.message for f in spelling])


def test_case_rules():
    vocab = load_vocabulary([shipped_rules_dir()])
    assert vocab.accepts("fasciitis") and vocab.accepts("Fasciitis") and vocab.accepts("FASCIITIS")
    assert vocab.accepts("GP") and vocab.accepts("GPs") and vocab.accepts("GP's")
    assert not vocab.accepts("Gp")


def test_reject_list_words_are_flagged_with_a_safe_fix(check):
    text = "Do the excercises untill it eases.\n"
    findings = check(text)
    got = {text[f.start : f.end]: (f.suggestions, f.safe_fix) for f in findings}
    assert got == {"excercises": (("exercises",), True), "untill": (("until",), True)}


def test_front_matter_names_are_accepted_in_that_post_only(check):
    post = (
        "---\ntitle: T\nauthor: Wojciechowska Thandeka\nreviewed_by: [Dr Oyelaran-Quist]\n---\n\n"
        "Wojciechowska and Oyelaran-Quist agree. Thandeka too.\n"
    )
    assert [f for f in check(post) if f.category == "spelling"] == []
    other = "Wojciechowska agrees.\n"
    assert [f.rule for f in check(other)] == ["misspelling"]
    assert {"Oyelaran", "Quist", "Oyelaran-Quist", "Dr"} <= front_matter_names(
        {"reviewed_by": ["Dr Oyelaran-Quist"]}
    )


def test_a_content_repo_adds_its_own_lists_through_config(tmp_path, monkeypatch):
    (tmp_path / "plainpost.toml").write_text(
        'accept = ["words/accept.txt"]\nreject = ["words/reject.txt"]\n', encoding="utf-8"
    )
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "accept.txt").write_text("# ours\nzorbing\nKwesi\n", encoding="utf-8")
    (tmp_path / "words" / "reject.txt").write_text("hamstrung -> hamstring\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: T\n---\n\nZorbing is fun. Kwesi says a hamstrung muscle heals.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--format", "json", "--select", "spelling", str(post)]
    )
    import json

    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["suggestions"]) for f in findings] == [("misspelling", ["hamstring"])]


def test_a_missing_vocabulary_file_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "plainpost.toml").write_text('accept = ["nope.txt"]\n', encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: T\n---\n\nFine.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--no-cache", str(post)])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "not found" in result.output


def test_language_tagged_lists_apply_to_their_language_only(tmp_path):
    vocab_dir = tmp_path / "vocab"
    vocab_dir.mkdir()
    (vocab_dir / "accept.en-GB.txt").write_text("colourway\n", encoding="utf-8")
    vocab = load_vocabulary([tmp_path])
    assert vocab.accepts("colourway", lang="en-GB")
    assert not vocab.accepts("colourway", lang="en-US")
    assert lang_tag(Path("accept.en-GB.txt")) == "en-gb"
    assert lang_tag(Path("accept.txt")) == ""


def test_british_spellings_are_slips_in_an_american_post(check):
    us = "---\ntitle: T\nlang: en-US\n---\n\nThey personalised the programme.\n"
    gb = us.replace("en-US", "en-GB")
    assert len([f for f in check(us) if f.category == "spelling"]) == 2
    assert check(gb) == []


def test_accepted_words_go_into_harper_s_dictionary(language_linter):
    harper = next(e for e in language_linter.ctx.engines if e.name == "harper")
    words = set(harper.vocab.harper_words("en-GB"))
    assert {"fasciitis", "tendinopathy", "GP"} <= words
    doc_text = "Tendinopathy and fasciitis.\n"
    findings = language_linter.lint_source(Source.from_text(doc_text))
    assert findings == []
