"""Run-together words ("Afterthe" -> "After the") and near misses, from the word-pair model.

A word the spelling engine does not know is read as two words run together when it splits into
two frequent words that English writes side by side: both halves in the frequency list (the
symspellpy data of :mod:`plainpost.language.ngram`), and the pair in its pair list. The best
split is the most frequent pair.
"""

from __future__ import annotations

from functools import lru_cache

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
