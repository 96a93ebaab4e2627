"""A word bigram model of English, from the frequency lists that the ``symspellpy`` package ships.

Data: ``frequency_dictionary_en_82_765.txt`` (82,765 words with their counts in Google's Web
Trillion Word Corpus, as published by Peter Norvig, intersected with the SCOWL word list) and
``frequency_bigramdictionary_en_243_342.txt`` (242,342 word pairs from the same corpus, counts
scaled by 64, only pairs seen at least 100,000 times). Both are MIT-licensed with symspellpy.
They are read from the installed package, offline, once per process, on first use.

The tables are compact: a dict from word to its index, one array of counts, and one sorted array
of 64-bit pair keys (first index << 17 | second index) beside an array of pair counts, searched by
bisection. About 12 MB in memory, against about 60 MB for a dict of string pairs.

A missing pair is not a zero: the list only holds pairs seen at least ``PAIR_FLOOR`` times. Its
count is estimated as independence (count(a) x P(b)) shrunk by ``UNSEEN_SHRINK``, times how much
likelier the word classes of b are after a than in general (class backoff: after "its" a noun is
far likelier than after "is"), and never above the floor it fell below. Word classes (noun, verb,
adjective, adverb: those a word can have) come from lemminflect's lexicon; the class profile of a
word's followers is read from its attested pairs, which sit side by side in the sorted keys.
"""

from __future__ import annotations

import importlib.resources
import math
import operator
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, repeat

from plainpost.language import lexicon

WORDS_FILE = "frequency_dictionary_en_82_765.txt"
PAIRS_FILE = "frequency_bigramdictionary_en_243_342.txt"
PAIR_SCALE = 64  # the pair list's counts are 64 x the word list's (measured: every pair, exactly)
PAIR_FLOOR = 100_000  # smallest pair count in the list, on the word list's scale
UNSEEN_SHRINK = 0.5  # an unseen pair is taken as half as likely as independence would say
_SHIFT = 17  # 2**17 = 131,072 > 82,765 words
# The word list gives every contraction the same placeholder count; they are not counts.
_PLACEHOLDER = 300_000
CLASSES = lexicon.CLASSES  # open word classes, as bits 0..3 of a class mask
CLASS_SMOOTHING = 0.01  # added to both shares before their ratio is taken


SHARE_SAMPLE = 3000  # the general class shares are taken over the most frequent followers


# Auxiliaries and other function words are no open class: "there is" says nothing about whether
# a verb or a noun follows "there".
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS = _words(
    "be is are was were been being am have has had having do does did done can could may might "
    "must shall should will would ought the a an this that these those and or but not no to of "
    "in on at by for with from as if so than then there here it its they them their we our you "
    "your he his she her i my me us who whose which what"
)


def lexicon_classes(word: str) -> int:
    """The open classes a word can have (a bit mask over CLASSES), from lemminflect."""
    if word in _FUNCTION_WORDS:
        return 0
    return lexicon.word_classes(word)  # the word table, or lemminflect itself


@dataclass(frozen=True, slots=True, eq=False)
class BigramModel:
    """Word and pair counts, with log probabilities of a word after another."""

    index: dict[str, int]
    counts: array[int]  # by word index
    pair_keys: array[int]  # sorted
    pair_counts: array[int]  # beside pair_keys, on the word list's scale
    total: int  # sum of the word counts
    classes: Callable[[str], int] = lexicon_classes
    # caches, filled on first use: class masks by word index, the share of each class among all
    # words, and the share of each class among a word's attested followers
    _masks: dict[int, int] = field(default_factory=dict, repr=False)
    _share: list[float] = field(default_factory=list, repr=False)
    _followers: dict[int, tuple[float, ...]] = field(default_factory=dict, repr=False)

    def count(self, word: str) -> int:
        i = self.index.get(word)
        return 0 if i is None else self.counts[i]

    def rank(self, word: str) -> int:
        """1 for the most frequent word; 0 for a word not in the list."""
        i = self.index.get(word)
        return 0 if i is None else i + 1

    def pair(self, first: str, second: str) -> int:
        """How often ``second`` follows ``first`` (0 when the pair is not in the list)."""
        i = self.index.get(first)
        j = self.index.get(second)
        if i is None or j is None:
            return 0
        key = i << _SHIFT | j
        at = bisect_left(self.pair_keys, key)
        if at < len(self.pair_keys) and self.pair_keys[at] == key:
            return self.pair_counts[at]
        return 0

    def logp_next(self, first: str, second: str) -> float | None:
        """log P(second | first), or None when either word is unknown (no evidence)."""
        return self.step(first, second)[0]

    def step(self, first: str, second: str) -> tuple[float | None, bool]:
        """(log P(second | first) or None, whether the pair is in the list), in one look-up."""
        i = self.index.get(first)
        j = self.index.get(second)
        if i is None or j is None:
            return None, False
        c_first = self.counts[i]
        c_second = self.counts[j]
        if not c_first or not c_second:
            return None, False
        key = i << _SHIFT | j
        keys = self.pair_keys
        at = bisect_left(keys, key)
        if at < len(keys) and keys[at] == key:
            return math.log(self.pair_counts[at] / c_first), True
        guess = UNSEEN_SHRINK * c_first * c_second / self.total * self._lift(i, j)
        return math.log(min(guess, float(PAIR_FLOOR)) / c_first), False

    def _mask(self, i: int) -> int:
        mask = self._masks.get(i)
        if mask is None:
            mask = self._masks[i] = self.classes(self._words()[i])
        return mask

    @cache  # noqa: B019 - one model per process, kept for the process's life
    def _words(self) -> list[str]:
        out = [""] * len(self.counts)
        for word, i in self.index.items():
            out[i] = word
        return out

    def _shares(self, masks_counts: list[tuple[int, int]]) -> tuple[float, ...]:
        per = [0.0] * len(CLASSES)
        mass = 0.0
        for mask, count in masks_counts:
            mass += count
            if not mask:
                continue
            bits = [b for b in range(len(CLASSES)) if mask >> b & 1]
            for b in bits:
                per[b] += count / len(bits)
        return tuple(x / mass if mass else 0.0 for x in per)

    def class_share(self) -> tuple[float, ...]:
        """Each class's share of running words, over the most frequent words that follow others.

        Word indices run from the most frequent, so the sample is the first ``SHARE_SAMPLE``
        indices that occur second in some pair (as the words in a follower share do).
        """
        if not self._share:
            low = (1 << _SHIFT) - 1
            seconds = sorted({k & low for k in self.pair_keys})[:SHARE_SAMPLE]
            self._share.extend(self._shares([(self._mask(j), self.counts[j]) for j in seconds]))
        return tuple(self._share)

    def _follower_share(self, i: int) -> tuple[float, ...]:
        got = self._followers.get(i)
        if got is None:
            lo = bisect_left(self.pair_keys, i << _SHIFT)
            hi = bisect_left(self.pair_keys, (i + 1) << _SHIFT)
            low = (1 << _SHIFT) - 1
            rows = [
                (self._mask(self.pair_keys[k] & low), self.pair_counts[k]) for k in range(lo, hi)
            ]
            got = self._followers[i] = self._shares(rows) if rows else ()
        return got

    def warm(self) -> None:
        """Fill every cache now (the general class share, each word's follower share), for a
        copy that is kept on disk and loaded by later processes."""
        self.class_share()
        for i in sorted({k >> _SHIFT for k in self.pair_keys}):
            self._follower_share(i)

    def follower_share(self, word: str) -> tuple[float, ...] | None:
        """Each class's share among the attested words that follow ``word``."""
        i = self.index.get(word)
        return None if i is None else self._follower_share(i) or None

    def class_lift(self, first: str, second: str) -> float:
        """How many times likelier ``second``'s classes are after ``first`` than in general."""
        i = self.index.get(first)
        j = self.index.get(second)
        return 1.0 if i is None or j is None else self._lift(i, j)

    def _lift(self, i: int, j: int) -> float:
        mask = self._mask(j)
        if not mask:
            return 1.0
        after = self._follower_share(i)
        if not after:
            return 1.0
        share = self._share or self.class_share()
        lift = 0.0
        bits = 0
        for b in range(len(CLASSES)):
            if mask >> b & 1:
                lift += (after[b] + CLASS_SMOOTHING) / (share[b] + CLASS_SMOOTHING)
                bits += 1
        return lift / bits


def _data_text(name: str) -> str:
    return importlib.resources.files("symspellpy").joinpath(name).read_text("utf-8")


def _chunks(text: str, size: int = 1 << 19) -> Iterator[str]:
    """The text in pieces of about ``size`` characters, each ending at a line end."""
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + size)
        end = len(text) if end < 0 else end + 1
        yield text[pos:end]
        pos = end


def build(words_text: str, pairs_text: str) -> BigramModel:
    """The model from the two lists' text (``word count`` and ``first second count`` lines).

    Every loop runs in C (``map``, ``compress``, ``sorted`` with a C key): about 0.5 s of CPU for
    the shipped lists, where a line-by-line Python loop takes 1.5 s. The pair list is read in
    pieces, so its strings never all exist at once (the peak stays near the tables' own size).
    """
    fields = words_text.split()
    if len(fields) % 2:
        raise ValueError("word list: every line must be `word count`")
    names = fields[0::2]
    if len(names) >= 1 << _SHIFT:
        raise ValueError(f"word list too long for {_SHIFT}-bit indices: {len(names)}")
    counts = array("Q", map(int, fields[1::2]))
    for i, word in enumerate(names):
        if "'" in word and counts[i] == _PLACEHOLDER:
            counts[i] = 0  # a placeholder, not a count: the word is unknown to the model
    index = dict(zip(reversed(names), range(len(names) - 1, -1, -1), strict=True))  # first wins
    keys = array("Q")
    scaled = array("I")
    for chunk in _chunks(pairs_text):
        cells = chunk.split()
        if len(cells) % 3:
            raise ValueError("pair list: every line must be `first second count`")
        firsts = list(map(index.get, cells[0::3]))
        seconds = list(map(index.get, cells[1::3]))
        known = list(
            map(
                operator.and_,
                map(operator.is_not, firsts, repeat(None)),
                map(operator.is_not, seconds, repeat(None)),
            )
        )
        scaled.extend(
            compress(map(operator.floordiv, map(int, cells[2::3]), repeat(PAIR_SCALE)), known)
        )
        keys.extend(
            map(
                operator.or_,
                map(operator.lshift, compress(firsts, known), repeat(_SHIFT)),
                compress(seconds, known),
            )
        )
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return BigramModel(
        index=index,
        counts=counts,
        pair_keys=array("Q", map(keys.__getitem__, order)),
        pair_counts=array("I", map(scaled.__getitem__, order)),
        total=sum(counts),
    )


_MODEL: list[BigramModel] = []  # the process's model, once built or handed over


def model() -> BigramModel:
    """The shipped model, built on first use (or handed over by :func:`use_model`) and kept
    for the process."""
    if not _MODEL:
        _MODEL.append(build(_data_text(WORDS_FILE), _data_text(PAIRS_FILE)))
    return _MODEL[0]


def zipf(word: str) -> float:
    """A word's frequency on the Zipf scale (log10 of uses per billion words), from symspellpy's
    English word counts; -1 for a word not in the list."""
    lm = model()
    count = lm.count(word)
    if word.endswith("s"):  # a plural: the singular's count ("sinuses", "adhesions")
        count = max(count, lm.count(word[:-1]), lm.count(word[:-2]) if word.endswith("es") else 0)
    return math.log10(count / lm.total * 1e9) if count else -1.0


def use_model(lm: BigramModel) -> None:
    """Use ``lm`` (a compiled rulebook's copy of the shipped model) from now on."""
    _MODEL[:] = [lm]
