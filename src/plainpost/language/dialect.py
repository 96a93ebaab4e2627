"""British and American spellings: a word is right in a post's dialect when it is the regular
British (en-GB) or American (en-US) spelling of a word English knows.

The differences are systematic (-ise/-ize, -our/-or, -tre/-ter, -ogue/-og, -yse/-yze, doubled
l, ae/oe/e, -ence/-ense), so a spelling the engine's dictionary lacks ("customisable",
"colourations", "daemonize") is accepted when rewriting it into the other dialect gives a word
the word lists know: lemminflect's lexicon or the frequency list of
:mod:`plainpost.language.ngram`. In an en-GB post only British rewrites are accepted (the word
must look British: "colour" from "color"), in an en-US post only American ones.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# (British pattern, American replacement); applied one at a time and all together. The
# patterns are narrow on purpose: a loose one ("ss" -> "s", "ence" -> "ense") turns typos into
# words ("promissing", "expence").


def _drop_a(m: re.Match[str]) -> str:
    return m.group().replace("ae", "e")


def _drop_o(m: re.Match[str]) -> str:
    return m.group().replace("oe", "e")


_GB_TO_US: tuple[tuple[str, Any], ...] = (
    (r"is(e|es|ed|ing|er|ers|ation|ations|able|ability)\b", r"iz\1"),
    (r"ys(e|es|ed|ing|er|ers)\b", r"yz\1"),
    (r"our(s|ed|ing|ful|fully|less|able|ite|ites|ation|ations|er|ers|y|ist|ists)?\b", r"or\1"),
    (r"(?<=[btgv])re(s|d)?\b", r"er\1"),  # centre, fibre, litre, meagre, manoeuvre
    (r"ogue(s)?\b", r"og\1"),
    (r"(?<=[^aeiou][aeiou])ll(ed|ing|er|ers|ation|ations)\b", r"l\1"),  # travelled
    (r"(haem|paed|anaes|aemi|aeti|aesth|gynae|orthopae|caes)", _drop_a),
    (r"(^oe|foet|oeuv|rhoea|oestr|^coel|oedem)", _drop_o),
    (r"(?<=ef|ff|ic|et)ence(s)?\b", r"ense\1"),  # defence, offence, licence, pretence
    (r"dgement(s)?\b", r"dgment\1"),  # judgement, acknowledgement
    (r"(?<=gra)mme(s)?\b", r"m\1"),  # programme
    (r"(?:(?<=focu)|(?<=bia))ss(ed|es|ing)\b", r"s\1"),  # focussed, biassed
    (r"(?<=licen)c(ed|ing)\b", r"s\1"),  # licenced (the verb)
)
_US_TO_GB: tuple[tuple[str, Any], ...] = (
    (r"iz(e|es|ed|ing|er|ers|ation|ations|able|ability)\b", r"is\1"),
    (r"yz(e|es|ed|ing|er|ers)\b", r"ys\1"),
    (
        r"(?<![aeiou])or(s|ed|ing|ful|fully|less|able|ite|ites|ation|ations|er|ers|y|ist|ists)?\b",
        r"our\1",
    ),
    (r"(?<=[btgv])er(s|ed)?\b", r"re\1"),
    (r"og(s)?\b", r"ogue\1"),
    (r"(?<=ef|ff|ic|et)ense(s)?\b", r"ence\1"),
    (r"dgment(s)?\b", r"dgement\1"),
)


def _known(word: str) -> bool:
    from plainpost.language.lexicon import tags
    from plainpost.language.ngram import model

    return model().count(word) > 0 or "UNK" not in tags(word)


def _rewrites(word: str, rules: tuple[tuple[str, Any], ...]) -> set[str]:
    out: set[str] = set()
    every = word
    for pattern, repl in rules:
        one = re.sub(pattern, repl, word)
        if one != word:
            out.add(one)
        every = re.sub(pattern, repl, every)
    if every != word:
        out.add(every)
    return out


@lru_cache(maxsize=8192)
def counterparts(word: str, lang: str) -> frozenset[str]:
    """The other dialect's spellings of ``word``, if it looks like ``lang``'s own (lower case):
    "customisable" in en-GB -> {"customizable"}."""
    low = word.lower()
    rules = _rules(lang, own=True)
    if not rules or not low.isalpha() or len(low) < 4:
        return frozenset()
    return frozenset(_rewrites(low, rules))


def accepts(word: str, lang: str, known: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` is the regular spelling, in ``lang``'s dialect, of a known word (the
    word lists', or one of ``known``: the engine's own suggestions, words its dictionary has)."""
    others = counterparts(word, lang)
    return bool(others & known) or any(_known(other) for other in others)


def other_dialect(word: str, lang: str) -> bool:
    """Whether ``word`` looks like the other dialect's spelling of a known word: "colored" in an
    en-GB post ("coloured" is known), "colour" in an en-US one."""
    low = word.lower()
    rules = _rules(lang, own=False)
    if not rules or not low.isalpha() or len(low) < 4:
        return False
    return any(_known(other) for other in _rewrites(low, rules))


def spelling(lang: str) -> str | None:
    """Which spelling a language tag writes: "en-us" for American, "en-gb" for British and the
    Englishes that spell as Britain does (en-AU, en-NZ, en-IE, en-IN, en-ZA, plain "en"), None
    for a language that is not English."""
    tag = lang.replace("_", "-").lower()
    if tag.startswith("en-us"):
        return "en-us"
    if tag.startswith(("en-gb", "en-au", "en-nz", "en-ie", "en-in", "en-za")) or tag == "en":
        return "en-gb"
    return None


def _rules(lang: str, own: bool) -> tuple[tuple[str, Any], ...]:
    """The rewrites from ``lang``'s own spellings to the other dialect's (``own``), or from the
    other dialect's to its own; none for a language that is not English."""
    kind = spelling(lang)
    if kind == "en-us":
        return _US_TO_GB if own else _GB_TO_US
    if kind == "en-gb":
        return _GB_TO_US if own else _US_TO_GB
    return ()
