"""Medical words accepted by how they are built (rules/vocab/medical-morphemes.yml), and never
a misspelling: codespell's misspellings and typos of common words must not split into parts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from plainpost.language.medmorph import load
from plainpost.rulebook import shipped_rules_dir

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "peer-suites" / "spelling"


@pytest.fixture(scope="module")
def morphology():
    return load(shipped_rules_dir() / "vocab" / "medical-morphemes.yml")


def test_medical_words_no_list_holds_are_accepted_by_their_parts(morphology):
    for word in (
        "gastroenteritis",
        "periorbital",
        "extraperitoneal",
        "nephrolithiasis",
        "cholecystectomy",
        "adalimumab",
        "ramipril",
        "Bisoprolol",
        "dermatoses",
        "haematuria",
        "osteomyelitis",
    ):
        assert morphology.accepts(word), word


def test_typos_of_everyday_words_are_not_medical(morphology):
    for word in (
        "tenis",
        "directin",
        "comentary",
        "electriity",
        "costant",
        "huricaine",
        "labratory",
        "carporate",
        "templats",
        "paramenter",
        "inflamation",
        "arthritus",
        "excercise",
        "definately",
    ):
        assert not morphology.accepts(word), word


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/peer-suites absent")
def test_codespell_misspellings_and_typos_of_common_words_are_not_accepted(morphology):
    misspelt = [
        line.split("\t")[0]
        for line in (SHARED / "codespell-sample.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    accepted = [w for w in misspelt if morphology.accepts(w)]
    assert len(accepted) <= len(misspelt) // 500, accepted  # at most 0.2% (today: 4 of 3,000)
    common = (SHARED / "common-words.txt").read_text(encoding="utf-8").split()
    rnd = random.Random(11)
    typos = set()
    for word in common:
        if len(word) < 6:
            continue
        i = rnd.randrange(1, len(word) - 1)
        typos.add(word[:i] + word[i + 1 :])  # a dropped letter
        typos.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # two letters swapped
    typos -= set(common)
    accepted = [t for t in typos if morphology.accepts(t)]
    assert len(accepted) <= len(typos) // 1000, accepted


def test_a_clinical_word_is_never_replaced_by_another_disease(check):
    text = "Myeloma, dysplasia and periorbital cellulitis; rehydration helps the vaginosis.\n"
    found = [f for f in check(text) if f.category in ("spelling", "grammar")]
    assert found == [], [(f.rule, f.message) for f in found]
