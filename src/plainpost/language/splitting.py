"""Run-together words ("Afterthe" -> "After the") and near misses, from the word-pair model.

A word the spelling engine does not know is read as two words run together when it splits into
two frequent words that English writes side by side: both halves in the frequency list (the
symspellpy data of :mod:`plainpost.language.ngram`), and the pair in its pair list. The best
split is the most frequent pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from plainpost.language.dialect import spelling
from plainpost.language.ngram import model

MIN_PART = 2  # "a" and "I" alone make too many false splits ("alot" is "a lot", but rare)
MIN_PAIR = 1_000_000  # on the word list's scale: pairs seen at least this often


@lru_cache(maxsize=4096)
def run_together(word: str) -> str | None:
    """The two words ``word`` was meant to be ("Afterthe" -> "After the"), or None."""
    low = word.lower()
    if not low.isalpha() or len(low) < 2 * MIN_PART + 1:
        return None
    lm = model()
    best: tuple[int, str] | None = None
    for i in range(MIN_PART, len(low) - MIN_PART + 1):
        a, b = low[:i], low[i:]
        if not lm.count(a) or not lm.count(b):
            continue
        pair = lm.pair(a, b)
        if pair >= MIN_PAIR and (best is None or pair > best[0]):
            best = (pair, f"{word[:i]} {word[i:]}")
    return best[1] if best else None


# Parts a closed compound may start with that are no words of their own ("unpigmented").
PREFIXES = (
    *("un", "non", "re", "pre", "co", "sub", "anti", "over", "under", "self", "post", "multi"),
    *("mis", "dis", "inter", "hyper", "hypo", "micro"),
)
# Word classes a part of a closed compound never is: "someones" is "someone's", "afterthe"
# "after the", "alittle" "a little", however a big word list spells them.
# Each part of a closed compound is among the most frequent words ("feezing" is no "fee" and
# "zing", "simplist" no "simp" and "list": codespell's misspellings that SCOWL's big list has).
COMPOUND_PART_RANK = 20_000
CLOSED_TAGS = frozenset({"DT", "PRP", "PRP$", "IN", "CC", "MD", "TO", "WDT", "WP", "WRB", "EX"})


def closed_compound(word: str, lists: Mapping[str, Path], lang: str) -> bool:
    """Whether ``word`` is two words written as one that English writes so ("wellbeing",
    "harbourside", "trailhead", "unpigmented"): it splits into two open-class words of the
    general word list (or a prefix and one), and the large word list of the post's dialect
    (``lists``, lang tag -> path; SCOWL's, when installed) has it as one word. A run-together
    slip ("bloodpressure", "teatowel", "Afterthe") is in no such list."""
    from plainpost.language.lexicon import tags

    low = word.lower()
    if not low.isalpha() or len(low) < 6 or not (word.islower() or word[1:].islower()):
        return False
    path = _list_for(lists, lang)
    if path is None:
        return False
    lm = model()

    def open_word(part: str) -> bool:
        rank = lm.index.get(part)
        return (
            len(part) >= 4
            and rank is not None
            and rank < COMPOUND_PART_RANK
            and not tags(part) & CLOSED_TAGS
        )

    def stem(part: str) -> bool:  # after a prefix: any word of the list ("alignments")
        return len(part) >= 4 and lm.count(part) > 0 and not tags(part) & CLOSED_TAGS

    parts = any(low.startswith(p) and stem(low[len(p) :]) for p in PREFIXES) or any(
        open_word(low[:i]) and open_word(low[i:]) for i in range(4, len(low) - 3)
    )
    return parts and f"\n{low}\n" in _list_text(path)


def _list_for(lists: Mapping[str, Path], lang: str) -> Path | None:
    """The list for the post's spelling: American for en-US, British for the other Englishes
    that spell as Britain does (en-AU, en-NZ, en-IE, en-IN, en-ZA)."""
    tag = (lang or "en-GB").replace("_", "-").lower()
    if spelling(tag) == "en-gb":
        tag = "en-gb"
    for key, path in lists.items():
        if tag == key.lower() or tag.startswith(key.lower() + "-"):
            return path
    return None


@cache
def _list_text(path: Path) -> str:
    """A word list as one string, one word a line, lower case (3.5 MB for SCOWL's 350,000
    words: searched for the odd unknown word, never split into a set)."""
    try:
        return "\n" + path.read_text(encoding="utf-8", errors="replace").lower() + "\n"
    except OSError:
        return ""


def one_edit(word: str, other: str) -> bool:
    """Whether ``other`` is one insertion, deletion, substitution or swap away (any case)."""
    a, b = word.lower(), other.lower()
    if a == b or abs(len(a) - len(b)) > 1 or " " in b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def near(word: str, other: str) -> bool:
    """One edit away, or two for a word of seven letters or more ("Strechs" -> "Stretches")."""
    if one_edit(word, other):
        return True
    if len(word) < 7 or " " in other:
        return False
    return _distance(word.lower(), other.lower()) <= 2


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (the words are short)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
