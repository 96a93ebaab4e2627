"""Medical words by how they are built: prefixes, combining roots, a suffix (or a drug's stem).

A medical vocabulary can never list every word ("preperitoneal", "necrotising", "balanitis",
"trastuzumab"), but medical English builds its words from a small set of Greek and Latin parts.
A word the spelling engine does not know is accepted when it splits wholly into those parts
(the parts are data: ``rules/vocab/medical-morphemes.yml``):

    word   = prefix* root (link? root)* link? suffix      vagin|osis, peri|orbit|al
    drug   = stem(3+ letters) drug_stem                  trastu|zumab, sita|gliptin
    word   = word prefix + a dictionary word (6+ letters) re|hydration, micro|suction

with ``link`` one of the linking vowels o, i, a, e. Short grammatical endings (-al, -ic, -us,
-a ...) say little on their own, so a word that closes with one needs more evidence: two roots
of three letters or more, or a prefix of three letters or more and a root of four or more.
Medical endings (-itis, -osis, -ectomy ...) close a word after any root. The rules are tested
against codespell's misspellings and against typos of common words (none may be accepted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LINKS = "oiae"
MIN_DRUG_STEM = 3


@dataclass(frozen=True)
class Morphology:
    prefixes: frozenset[str]
    roots: frozenset[str]
    suffixes: frozenset[str]
    drug_stems: frozenset[str]
    weak: frozenset[str] = frozenset()  # suffixes too general to mark a word as medical alone
    source: str = ""

    def accepts(self, word: str) -> bool:
        low = word.lower()
        if not low.isalpha() or len(low) < 6:
            return False
        return _accepts(self, low)

    @property
    def _max_part(self) -> int:
        return max(map(len, (*self.prefixes, *self.roots)), default=0)


@lru_cache(maxsize=8192)
def _accepts(m: Morphology, low: str) -> bool:
    if low.endswith("s") and low[:-1] != low and _accepts_one(m, low[:-1]):
        return True
    return _accepts_one(m, low)


# prefixes that make a new word of any word: re|hydration, micro|suction, anti|fungal
WORD_PREFIXES = (
    "re",
    "de",
    "pre",
    "post",
    "anti",
    "non",
    "sub",
    "hyper",
    "hypo",
    "micro",
    "macro",
    "inter",
    "intra",
    "trans",
    "peri",
    "para",
    "extra",
    "over",
    "under",
    "multi",
    "pseudo",
    "semi",
)
MIN_PREFIXED_WORD = 6
MIN_CLASS_NAME = 6  # "gliptin" and "sartan" name drug classes; "olol" and "mab" are no words


def _prefixed_word(low: str) -> bool:
    from plainpost.language.lexicon import tags
    from plainpost.language.ngram import model

    for prefix in WORD_PREFIXES:
        rest = low[len(prefix) :].lstrip("-")
        if not low.startswith(prefix) or len(rest) < MIN_PREFIXED_WORD:
            continue
        if len(prefix) == 2 and not (len(rest) >= 8 and rest.endswith("ion")):
            continue  # re- and de- make typos ("recommanded"): only re|hydration and the like
        if "UNK" not in tags(rest) or model().count(rest) > 0:
            return True
    return False


def _accepts_one(m: Morphology, low: str) -> bool:
    if _prefixed_word(low):
        return True
    if low in m.drug_stems and len(low) >= MIN_CLASS_NAME:
        return True  # a stem written alone names its class: "gliptin", "gliflozin", "xaban"
    for stem in m.drug_stems:
        if low.endswith(stem) and len(low) - len(stem) >= MIN_DRUG_STEM:
            head = low[: -len(stem)]
            if any(c in "aeiouy" for c in head) and len(stem) >= 3:
                return True
    for suffix in m.suffixes:
        if not low.endswith(suffix):
            continue
        stem = low[: -len(suffix)]
        if not stem:
            continue
        weak = suffix in m.weak
        for parse in _parses(m, stem):
            if _enough(parse, weak):
                return True
    return False


def _enough(parse: tuple[tuple[str, str], ...], weak: bool) -> bool:
    roots = [p for kind, p in parse if kind == "root"]
    if not roots:
        return False
    if not weak:
        return True
    # a grammatical ending: two roots of 3+ letters, or a prefix of 3+ letters and a root of 4+
    # ("peri|orbit|al"); one- and two-letter parts (a-, di-, in-, or, ot) combine with anything
    solid = [r for r in roots if len(r) >= 3]
    if len(solid) >= 2 and max(map(len, solid)) >= 4:
        return True
    prefixes = [p for kind, p in parse if kind == "prefix" and len(p) >= 3]
    return bool(prefixes) and max(map(len, roots)) >= 4


def _parses(m: Morphology, stem: str) -> Iterable[tuple[tuple[str, str], ...]]:
    """Every split of ``stem`` into prefix* root (link? root)* link?, as (kind, part) pairs."""
    yield from _walk(m, stem, 0, (), False)


def _walk(
    m: Morphology, s: str, i: int, got: tuple[tuple[str, str], ...], had_root: bool
) -> Iterable[tuple[tuple[str, str], ...]]:
    n = len(s)
    if i == n:
        if had_root:
            yield got
        return
    if had_root and i == n - 1 and s[i] in LINKS:
        yield got  # the linking vowel before the suffix: cardi-o-logy
    limit = min(n, i + m._max_part)
    for j in range(i + 1, limit + 1):
        part = s[i:j]
        if not had_root and part in m.prefixes:
            yield from _walk(m, s, j, (*got, ("prefix", part)), False)
        if part in m.roots:
            yield from _walk(m, s, j, (*got, ("root", part)), True)
            if j < n and s[j] in LINKS:
                yield from _walk(m, s, j + 1, (*got, ("root", part)), True)


# libyaml's safe loader when PyYAML has it: the word-part lists load ten times faster (half a
# second of every start-up with the pure-Python one)
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path) -> Morphology:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).strip().lower() for w in data.get(key) or () if str(w).strip())

    return Morphology(
        prefixes=words("prefixes"),
        roots=words("roots"),
        suffixes=words("suffixes"),
        drug_stems=words("drug_stems"),
        weak=words("weak_suffixes"),
        source=str(path),
    )
