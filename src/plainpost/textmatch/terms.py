"""Turning the literal terms of a rule file into fast, bounded regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

APOSTROPHE = "['’]"


@lru_cache(maxsize=4096)
def word_forms(word: str) -> tuple[str, ...]:
    """A word and its inflections (plural, -s, -ed, -ing) from lemminflect's lexicon."""
    forms = {word}
    try:
        from lemminflect import getAllInflections, getAllInflectionsOOV
    except ImportError:  # pragma: no cover - dependency is declared
        return (word,)
    infl = getAllInflections(word)
    if not infl:
        infl = {
            **getAllInflectionsOOV(word, upos="NOUN"),
        }
    for values in infl.values():
        forms.update(values)
    return tuple(sorted(forms, key=len, reverse=True))


def phrase_pattern(phrase: str, forms: bool = True) -> str:
    """Regex for a literal phrase: flexible spaces/hyphens; the last word may be inflected."""
    words = re.split(r"[\s]+", phrase.strip())
    parts = []
    for i, word in enumerate(words):
        variants = word_forms(word.lower()) if forms and i == len(words) - 1 else (word,)
        alts = "|".join(_literal(v) for v in variants)
        parts.append(f"(?:{alts})")
    return r"[\s\u00a0]+".join(parts)


def _literal(text: str) -> str:
    out = re.escape(text)
    out = re.sub("['’]", APOSTROPHE, out)  # one pass: the class itself holds both quotes
    out = out.replace(r"\-", r"[-\u2010\u2011 ]?")
    return out


def terms_regex(
    terms: Iterable[str], forms: bool = True, ignore_case: bool = True
) -> re.Pattern[str]:
    alts = sorted({phrase_pattern(t, forms) for t in terms if t.strip()}, key=len, reverse=True)
    body = "|".join(alts) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE if ignore_case else 0)


def compile_patterns(patterns: Iterable[str], ignore_case: bool = True) -> list[re.Pattern[str]]:
    flags = re.IGNORECASE if ignore_case else 0
    return [re.compile(p, flags) for p in patterns]
