"""The grammar-pattern matcher tries a pattern only at the starts from which its anchor word is in
reach (Pattern.anchor, the sentence's word positions). Property: on any sentence, for any pattern
(generated ones, and every shipped grammar-pattern rule's), the matches are exactly those of
trying every start: the same spans, the same tokens in each group, the same certainty."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from plainpost.language.lexicon import fold
from plainpost.language.patterns import Matcher, Pattern, TokenSpec
from plainpost.language.tokens import Token

_WORDS = (
    "a an the its it's your you're you then than walk walks walked knee knees hour honest is "
    "are was lose loose of could should have affect effect less fewer more better I it they "
    "their there muscles run running uniform MRI NHS"
)
WORDS = _WORDS.split()
PUNCT = (",", ".", "(", ")", "!", "-")


def _sentence(items: list[str]) -> list[Token]:
    out, pos = [], 0
    for i, text in enumerate(items):
        kind = (
            "punct"
            if text in PUNCT
            else "num"
            if text[0].isdigit()
            else "code"
            if text == "\ufffc"
            else "word"
        )
        out.append(Token(text, pos, pos + len(text), kind, 0, i == 0, fold(text).lower()))
        pos += len(text) + 1
    return out


tokens_st = st.lists(
    st.sampled_from([*WORDS, *PUNCT, "12", "\ufffc"]), min_size=0, max_size=14
).map(_sentence)

word_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda w: "|".join(w))
spec_st = st.one_of(
    word_st,
    st.builds(TokenSpec, word=word_st, optional=st.booleans()),
    st.builds(
        TokenSpec, word=word_st, repeat=st.sampled_from(["", "?", "+", "*"]), max=st.integers(1, 3)
    ),
    st.builds(TokenSpec, tag=st.sampled_from(["NN*", "VB", "DT", "JJ", "PRP$", "CD"])),
    st.builds(
        TokenSpec, any=st.just(True), repeat=st.sampled_from(["", "?", "*"]), max=st.integers(1, 3)
    ),
    st.builds(TokenSpec, punct=st.sampled_from([",", ".", "()"])),
    st.builds(TokenSpec, word=word_st, any=st.just(True)),
    st.builds(TokenSpec, sound=st.sampled_from(["vowel", "consonant"])),
    st.builds(TokenSpec, start=st.just(True), word=word_st),
    st.builds(TokenSpec, case=st.sampled_from(["lower", "title", "upper"])),
    st.builds(TokenSpec, same=st.just(0)),
    st.builds(TokenSpec, end=st.just(True)),
)


@st.composite
def patterns(draw: st.DrawFn) -> Pattern:
    specs = draw(st.lists(spec_st, min_size=1, max_size=5))
    unless = draw(st.lists(st.lists(spec_st, min_size=1, max_size=3), max_size=2))
    try:
        return Pattern(tokens=specs, unless=unless)
    except ValueError:
        assume(False)
        raise


def _matches(matcher: Matcher, pattern: Pattern, sentence: list[Token], indexed: bool):
    words = frozenset(t.low for t in sentence if t.kind == "word")
    positions: dict[str, list[int]] = {}
    for i, tok in enumerate(sentence):
        if tok.kind in ("word", "num"):
            positions.setdefault(tok.low, []).append(i)
    found = matcher.find(pattern, sentence, words, positions if indexed else None)
    return [(m.span(), [[t.start for t in g] for g in m.groups], m.certain) for m in found]


MATCHER = Matcher({})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=patterns(), sentence=tokens_st)
def test_indexed_starts_find_what_every_start_finds(pattern, sentence):
    assert _matches(MATCHER, pattern, sentence, True) == _matches(MATCHER, pattern, sentence, False)


@cache
def _shipped() -> list[tuple[Matcher, Pattern]]:
    from plainpost.rulebook import shipped_rules_dir
    from plainpost.run.rules import load_rule_files

    out = []
    for rule in load_rule_files([shipped_rules_dir()]):
        if rule.kind == "grammar-pattern":
            out.extend((rule.options.matcher, p) for p in rule.options.patterns)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_shipped_pattern_finds_the_same(data):
    shipped = _shipped()
    assert len(shipped) > 50
    vocabulary = sorted({*WORDS, *(w for _, p in shipped for spec in p.specs for w in spec.words)})
    items = st.sampled_from([*vocabulary, *PUNCT, "12", "\ufffc"])
    sentence = _sentence(data.draw(st.lists(items, max_size=16)))
    for matcher, pattern in shipped:
        assert _matches(matcher, pattern, sentence, True) == _matches(
            matcher, pattern, sentence, False
        )
