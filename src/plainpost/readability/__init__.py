"""The readability layer: metrics over a post's sentences (the textstat formulas, reimplemented
over the CMU dictionary and Pyphen: no dependency's internals are patched).

Both the ``readability`` and ``hard-sentence`` check kinds and the HTML report read them here.
"""

from plainpost.readability.scores import (
    SMOG_SENTENCES,
    Gate,
    Scores,
    SentenceLimits,
    body_sentences,
    classify,
    gate,
    measure,
    scores,
)

__all__ = [
    "SMOG_SENTENCES",
    "Gate",
    "Scores",
    "SentenceLimits",
    "body_sentences",
    "classify",
    "gate",
    "measure",
    "scores",
]
