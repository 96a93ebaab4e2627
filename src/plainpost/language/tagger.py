"""Part-of-speech tags in context: a greedy averaged perceptron (Penn Treebank tags).

The model is Matthew Honnibal's averaged perceptron tagger, trained on the Wall Street Journal
part of the Penn Treebank (about 97% of tokens right on held-out news text), as shipped with its
weights by the ``textblob-aptagger`` package (MIT): a pickle of (weights, tag dictionary,
classes), read from the installed package, offline, once per process, on first use. The package
itself is not imported (it would import TextBlob and NLTK); its features are re-implemented here
exactly as it was trained with them.

:mod:`plainpost.language.lexicon` answers "which tags *can* this word have"; this module answers
"which tag does it have *here*", which agreement and clause rules need ("the range of exercises
are": range is the noun the verb agrees with; "cause you stop": stop is a bare verb).
"""

from __future__ import annotations

import importlib.util
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PICKLE = "trontagger-0.1.0.pickle"
PACKAGE = "textblob_aptagger"
START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


class TaggerMissing(RuntimeError):
    """The tagger's model is not installed."""


@dataclass(frozen=True, eq=False)
class Tagger:
    weights: dict[str, dict[str, float]]
    tagdict: dict[str, str]
    classes: tuple[str, ...]

    def tag(self, words: Sequence[str]) -> list[str]:
        """The tag of each word of one sentence (PTB tokens: "do", "n't"; "it", "'s")."""
        context = [*START, *(_normalize(w) for w in words), *END]
        prev, prev2 = START
        out: list[str] = []
        for i, word in enumerate(words):
            tag = self.tagdict.get(word)
            if not tag:
                tag = self._predict(_features(i, word, context, prev, prev2))
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def _predict(self, features: list[str]) -> str:
        scores: dict[str, float] = {}
        weights = self.weights
        for feat in features:
            w = weights.get(feat)
            if w is None:
                continue
            for label, weight in w.items():
                scores[label] = scores.get(label, 0.0) + weight
        # the trained model breaks ties alphabetically (max over (score, label))
        return max(self.classes, key=lambda label: (scores.get(label, 0.0), label))


def _normalize(word: str) -> str:
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def _features(i: int, word: str, context: list[str], prev: str, prev2: str) -> list[str]:
    i += len(START)
    return [
        "bias",
        "i suffix " + word[-3:],
        "i pref1 " + word[:1],
        "i-1 tag " + prev,
        "i-2 tag " + prev2,
        "i tag+i-2 tag " + prev + " " + prev2,
        "i word " + context[i],
        "i-1 tag+i word " + prev + " " + context[i],
        "i-1 word " + context[i - 1],
        "i-1 suffix " + context[i - 1][-3:],
        "i-2 word " + context[i - 2],
        "i+1 word " + context[i + 1],
        "i+1 suffix " + context[i + 1][-3:],
        "i+2 word " + context[i + 2],
    ]


def model_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise TaggerMissing(f"the part-of-speech model is not installed (pip install {PACKAGE})")
    return Path(next(iter(spec.submodule_search_locations))) / PICKLE


@cache
def tagger() -> Tagger:
    """The tagger, loaded once per process (about 0.3 s and 50 MB)."""
    with model_path().open("rb") as f:
        weights, tagdict, classes = pickle.load(f, encoding="latin1")
    return Tagger(weights, tagdict, tuple(sorted(classes)))
