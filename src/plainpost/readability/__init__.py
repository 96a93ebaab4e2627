"""The readability layer: metrics over a post's sentences (textstat formulas, CMU syllables).

Both the ``readability`` and ``hard-sentence`` check kinds and the HTML report read them here.
"""

from plainpost.readability.scores import (
    Scores,
    SentenceLimits,
    body_sentences,
    classify,
    measure,
    scores,
)

__all__ = ["Scores", "SentenceLimits", "body_sentences", "classify", "measure", "scores"]
