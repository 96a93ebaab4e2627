"""plainpost's own grammar rules on sentences of their own (not the rule files' examples), the
pattern language, and the lexicon behind it."""

from __future__ import annotations

import pytest

from plainpost.document import Source
from plainpost.language import lexicon
from plainpost.language.patterns import Matcher, Pattern, TokenSpec
from plainpost.language.tokens import Token
from plainpost.schema import from_mapping

# (rule, sentence, the text it should flag, the first suggestion or None)
FIRE = [
    ("its-it-s", "Its been a tough winter for my joints.", "Its", "It's"),
    ("its-it-s", "Swimming is gentle and its a good place to start.", "its", "it's"),
    ("its-it-s", "The shoulder slowly regains it's strength.", "it's", "its"),
    ("its-it-s", "Keep the brace in it's box when you are not using it.", "it's", "its"),
    ("your-you-re", "Stop if your feeling dizzy.", "your", "you're"),
    ("your-you-re", "Your not going to hurt it by walking.", "Your", "You're"),
    ("your-you-re", "Book a check-up with you're dentist.", "you're", "your"),
    ("you-before-noun", "Straighten you arms above your head.", "you arms", "your arms"),
    ("you-before-noun", "Roll you shoulders back ten times.", "you shoulders", "your shoulders"),
    ("then-than", "A brisk walk burns more energy then you might expect.", "then", "than"),
    ("then-than", "Rowing is harder then cycling for most beginners.", "then", "than"),
    ("loose-lose", "It is easy to loose track of your doses.", "loose", "lose"),
    ("loose-lose", "Some runners loose a toenail after a marathon.", "loose", "lose"),
    ("affect-effect", "Cold showers may effect your blood pressure.", "effect", "affect"),
    ("affect-effect", "Nausea is a known side affect.", "affect", "effect"),
    ("less-fewer", "Walkers report less falls when they use poles.", "less", "fewer"),
    ("a-an", "Wait a hour before you swim.", "a", "an"),
    ("a-an", "He needs an physio referral.", "an", "a"),
    ("a-an", "Your GP may order a MRI.", "a", "an"),
    ("modal-of", "I would of asked sooner if I had known.", "of", "have"),
    ("doubled-word", "Lift the bag with with both hands.", "with with", "with"),
    ("subject-verb-agreement", "Walkers who uses poles fall less often.", "uses", "use"),
    ("subject-verb-agreement", "Each week she walk a little further.", "she walk", "she walks"),
    ("missing-noun", "Cover the blister with a sterile and leave it alone.", "a sterile and", None),
    ("missing-noun", "Keep the leg raised on a folded under the knee.", "a folded under", None),
]

PASS = [
    "The brace and its strap go in the box; it's easy to lose the strap.",
    "If you're sure it's a sprain, rest it and check its colour each day.",
    "Your physio will show you stretches for your arms.",
    "A swim is gentler than a run, and then you can stretch.",
    "Fewer falls, less pain and a better night's sleep.",
    "An MRI, an hour, a one-off, a university, an 8-week plan, a NICE guideline.",
    "You could have asked your pharmacist, or of course your GP.",
    "She had had a bad week. Walkers who use poles fall less often.",
    "A sterile dressing and a folded towel under the knee help.",
    "Loose clothing, a loose bandage and a little weight loss all help.",
    "Poor sleep affects recovery, and the effect is larger in older runners.",
    "It will help you sleep and keep you warm, so you feel better sooner.",
]


@pytest.fixture(scope="module")
def grammar(repo):
    from plainpost.api import build_linter
    from plainpost.config import Config

    linter = build_linter(Config(root=repo), select=("grammar",))

    def run(text):
        return [
            f
            for f in linter.lint_source(Source.from_text(text + "\n"))
            if f.rule != "grammar-check"
        ]

    return run


@pytest.mark.parametrize(
    ("rule", "text", "span", "suggestion"), FIRE, ids=[f"{r}-{i}" for i, (r, *_) in enumerate(FIRE)]
)
def test_rule_fires_on_new_sentences(rule, text, span, suggestion, grammar):
    found = [f for f in grammar(text) if f.rule == rule]
    assert found, f"{rule} missed: {text}"
    f = found[0]
    assert text[f.start : f.end] == span
    if suggestion is None:
        assert f.suggestions == ()
    else:
        assert f.suggestions[0] == suggestion


@pytest.mark.parametrize("text", PASS)
def test_rules_stay_quiet_on_correct_sentences(text, grammar):
    assert [(f.rule, text[f.start : f.end]) for f in grammar(text)] == []


def test_safe_fixes_are_only_the_certain_ones(grammar):
    safe = {
        (f.rule, f.safe_fix)
        for text in (
            "Its been a week.",
            "Lift it with with care.",
            "Wait a hour.",
            "I should of rested.",
            "Keep you back straight.",
            "Eat less biscuits.",
            "It is easy to loose track.",
        )
        for f in grammar(text)
    }
    assert safe == {
        ("its-it-s", True),
        ("doubled-word", True),
        ("a-an", True),
        ("modal-of", True),
        ("you-before-noun", False),
        ("less-fewer", False),
        ("loose-lose", False),
    }


# --- the lexicon --------------------------------------------------------------------------


def test_tags_come_from_the_lexicon():
    assert lexicon.tags("walks") == {"NNS", "VBZ"}
    assert "VBN" in lexicon.tags("wrapped")
    assert lexicon.tags("its") == {"PRP$"}
    assert lexicon.tags("12") == {"CD"}
    assert lexicon.tags("zxqv") == {"UNK"}
    assert lexicon.inflect("sleeps", "VBP") == "sleep"
    assert lexicon.inflect("run", "VBZ") == "runs"


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("hour", "an"),
        ("honest", "an"),
        ("university", "a"),
        ("one-off", "a"),
        ("MRI", "an"),
        ("NHS", "an"),
        ("GP", "a"),
        ("NICE", "a"),
        ("8-week", "an"),
        ("11", "an"),
        ("18", "an"),
        ("100", "a"),
        ("X-ray", "an"),
        ("European", "a"),
        ("ibuprofen", "an"),
    ],
)
def test_articles_follow_the_sound(word, article):
    assert lexicon.article_for(word) == (article, True)


@pytest.mark.parametrize("word", ["historic", "herb", "HIIT", "1100"])
def test_articles_where_both_are_right_or_unknown(word):
    assert lexicon.article_for(word)[1] is False


# --- the pattern language -----------------------------------------------------------------


def _sentence(text: str) -> list[Token]:
    import re

    out = []
    for m in re.finditer(r"[\w']+|[^\s\w]", text):
        kind = "word" if m.group()[0].isalpha() else "num" if m.group()[0].isdigit() else "punct"
        out.append(Token(m.group(), m.start(), m.end(), kind, 0, m.start() == 0, m.group().lower()))
    return out


def _pattern(data: dict) -> Pattern:
    return from_mapping(Pattern, data, "test")


def test_patterns_repeat_optional_same_and_unless():
    matcher = Matcher({"colours": frozenset({"red", "blue"})})
    p = _pattern(
        {
            "tokens": [
                {"word": "a", "mark": True},
                {"tag": ["JJ"], "repeat": "+", "mark": True},
                {"word": "in|on", "mark": True},
            ]
        }
    )
    (m,) = list(matcher.find(p, _sentence("Put it in a hot swollen in the bag")))
    assert [t.text for t in m.marked] == ["a", "hot", "swollen", "in"]
    same = _pattern({"tokens": [{"regex": "[a-z]+", "mark": True}, {"same": 0, "mark": True}]})
    assert [
        [t.text for t in m.all_tokens] for m in matcher.find(same, _sentence("so the the end"))
    ] == [["the", "the"]]
    unless = _pattern({"tokens": [{"set": "colours"}, "car"], "unless": [["big", {"any": True}]]})
    assert len(list(matcher.find(unless, _sentence("a red car")))) == 1
    assert list(matcher.find(unless, _sentence("a big red car"))) == []
    end = _pattern({"tokens": ["stop", {"end": True}]})
    assert len(list(matcher.find(end, _sentence("please stop .")))) == 1
    assert list(matcher.find(end, _sentence("stop it"))) == []


def test_bad_patterns_are_load_errors():
    from plainpost.schema import SchemaError

    with pytest.raises(SchemaError, match="unknown key 'wrd'"):
        _pattern({"tokens": [{"wrd": "its"}]})
    with pytest.raises(ValueError, match="no token 3"):
        _pattern({"tokens": ["its", "been"], "suggest": ["{3}"]})
    with pytest.raises(ValueError, match="end: true"):
        TokenSpec(word="x", end=True)


MORE_FIRE = [
    ("its-it-s", "I know its hard to stop when you feel good.", "its"),
    ("its-it-s", "If its swollen, rest it for a day.", "its"),
    ("its-it-s", "Its ok to cry when it hurts.", "Its"),
    ("your-you-re", "Stop running if your in pain.", "your"),
    ("your-you-re", "Once your ready, add a short jog.", "your"),
    ("you-before-noun", "Put a bag of frozen peas on you knee.", "you knee"),
    ("then-than", "Prevention is better then cure.", "then"),
    ("affect-effect", "What affect does caffeine have on sleep?", "affect"),
    ("less-fewer", "Swap crisps for fruit to eat less calories.", "less"),
    ("a-an", "Eat a apple a day.", "a"),
    ("modal-of", "You should of stretched first.", "of"),
    ("subject-verb-agreement", "Runners who trains on hills get stronger calves.", "trains"),
    ("then-than", "Cycling is easier on the knees then running.", "then"),
    ("then-than", "Rest is better for the knee then walking, at first.", "then"),
    ("missing-noun", "Apply the cream to a cleaned and dry.", "a cleaned and dry"),
    ("its-it-s", "Swelling peaks after two days, then it's goes down.", "it's"),
    ("your-you-re", "If your worried, call 111.", "your"),
    ("you-before-noun", "Try to keep you elbows close to your body.", "you elbows"),
]

MORE_PASS = [
    "The joint loses its flexibility, and it's hard to regain it.",
    "Your right to refuse treatment is protected.",
    "Thanks to you, the clinic is open on Sundays.",
    "If it gets better then you can walk further.",
    "You're in good hands, and your knee is in good shape.",
    "Count on you and your physio working together.",
    "It gets easier with time, and then running feels natural.",
    "It gets better over time then walking feels easy.",
    "Then it's gone, and it's going to stay away.",
]


@pytest.mark.parametrize(
    ("rule", "text", "span"),
    MORE_FIRE,
    ids=[f"{r}-more-{i}" for i, (r, *_) in enumerate(MORE_FIRE)],
)
def test_more_slips_of_each_kind(rule, text, span, grammar):
    found = [f for f in grammar(text) if f.rule == rule]
    assert found and text[found[0].start : found[0].end] == span, text


@pytest.mark.parametrize("text", MORE_PASS)
def test_more_correct_sentences(text, grammar):
    assert [(f.rule, text[f.start : f.end]) for f in grammar(text)] == []
