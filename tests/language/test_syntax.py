"""Agreement, verb forms, missing "to", stray words, comma splices and questions, from the
part-of-speech tagger (plainpost.language.syntax): what a writer sees, on sentences in new words.
"""

from __future__ import annotations

import json

import pytest

from plainpost.language import lexicon
from plainpost.language.syntax import DETECTORS, tag_sentence
from plainpost.language.tokens import TOKEN_RE, Token
from tests.helpers.offline import run_offline


def _issues(text: str) -> list[tuple[str, str, str]]:
    tokens = [
        Token(
            m.group(),
            m.start(),
            m.end(),
            m.lastgroup or "punct",
            0,
            False,
            lexicon.fold(m.group()).lower(),
        )
        for m in TOKEN_RE.finditer(text)
    ]
    words = tag_sentence(tokens)
    return [
        (name, text[i.start : i.end], i.suggestion)
        for name, detect in DETECTORS.items()
        for i in detect(words)
    ]


@pytest.mark.parametrize(
    ("wrong", "marked", "suggestion"),
    [
        ("Cycling and swimming keeps your heart strong.", "keeps", "keep"),
        ("The pile of towels are on the chair.", "are", "is"),
        ("A bone that heal slowly needs a scan.", "heal", "heals"),
        ("Everybody in the class were tired.", "were", "was"),
        ("The fever has subside by the evening.", "subside", "subsided"),
        ("Ice can numbs the skin.", "numbs", "numb"),
        ("The cold may force you sit down.", "sit", "to sit"),
        ("We hope book you in soon.", "book", "to book"),
        ("The cream is may sting a little.", "is may", "may"),
        ("Drink some water, it helps the cramp pass.", ", it", ". It"),
        ("Why does the rash itch at night.", ".", "?"),
        ("Does your elbows click when you lift?", "Does", "Do"),
        ("There is several ways to tape a thumb.", "is", "are"),
        ("The gel cools the bruise until it fade.", "fade", "fades"),
        ("Rinse both eye with cool water.", "eye", "eyes"),
        ("Swimming loosens it also makes the hips freer.", "loosens it", "loosens. It"),
        ("Rest the wrist because the tendon needs time, a brace can help.", ", a", ". A"),
        ("You was wise to stop the run.", "was", "were"),
    ],
)
def test_each_slip_is_marked_with_the_fix(wrong, marked, suggestion):
    assert any(m == marked and s == suggestion for _, m, s in _issues(wrong)), _issues(wrong)


@pytest.mark.parametrize(
    "right",
    [
        "Cycling and walking build stamina slowly.",
        "The pile of towels is on the chair.",
        "A lot of towels are on the chair.",
        "You or your partner needs to sign the form.",
        "Measles is a viral illness.",
        "The fever has subsided by the evening.",
        "The cold may cause you pain for a day.",
        "When the rash itches, a cool cloth helps.",
        "What it needs is a week of rest.",
        "Calf raises help the tendon recover.",
        "Boil the kettle then leave the water to cool.",
        "Do your elbows click when you lift?",
        "There are a number of ways to tape a thumb.",
        "Let it cool before you use it.",
        "Some time outdoors lifts the mood.",
        "I think it also steadies the breath.",
        "If the wrist aches, rest it, and a brace can help.",
        "My sister and I are both nurses.",
    ],
)
def test_correct_sentences_raise_nothing(right):
    assert _issues(right) == []


TAG = r"""
import json
from plainpost.language.tagger import tagger
print(json.dumps(tagger().tag(["It", "can", "cause", "you", "stop", "."])))
"""


def test_the_tagger_model_loads_from_its_package_with_the_network_blocked(tmp_path):
    proc = run_offline(TAG, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["PRP", "MD", "VB", "PRP", "VB", "."]
