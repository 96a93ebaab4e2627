r"""Sentence splitting of a block's text: rules, not a model, so it is fast and predictable.

Plain offsets in, plain offsets out: the document model builds its :class:`Sentence`\ s from
them (this module imports nothing of the model, so the two do not import each other).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = "e.g i.e etc vs approx dr mr mrs ms prof st no fig inc ltd jr sr cf al min mins hr"
ABBREVIATIONS = frozenset([*_ABBREVIATIONS.split(), "hrs"])
# A reference marker after the full stop: "(1,2)", "[3]", "[4-6]", superscript digits.
_NUMS = r"\d{1,3}(?:\s*[,;\u2013-]\s*\d{1,3})*"
_MARKER = r"(?:\(" + _NUMS + r"\)|\[" + _NUMS + r"\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
# A boundary: terminal punctuation, optional closing quotes/brackets and reference markers,
# whitespace.
BOUNDARY_RE = re.compile(r"[.!?…]+[\"')\]]*" + _MARKER + r"*(?=\s+[\"'(\[]?[A-Z0-9•·●▪■►➢➤✓✔])|\n+")
# A typed bullet at the start of a line: dashes and tildes (a converted definition list's "~ ")
# need a space after them, round and square bullets do not ("•Receding gums").
PSEUDO_BULLET_RE = re.compile(r"[ \t]*(?:[–—~][ \t]|[•·▪‣◦●■►➢➤✓✔\uf0b7\uf0a7][ \t]*(?=\S))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets into ``text`` of each sentence, surrounding space left out."""
    out: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY_RE.finditer(text):
        end = match.end()
        if match.group().startswith("\n"):
            if not _breaks_line(text, match.end()):
                continue
            end = match.start()
        else:
            word = re.search(r"([\w.]+)\.$", text[start : match.start() + 1])
            if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
                continue
        _add(out, text, start, end)
        start = match.end()
    _add(out, text, start, len(text))
    return out


def _breaks_line(text: str, at: int) -> bool:
    """A soft line break ends a sentence only before a pseudo-bullet line."""
    return bool(PSEUDO_BULLET_RE.match(text, at))


def _add(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text_is_space(text[start]):
        start += 1
    while end > start and text_is_space(text[end - 1]):
        end -= 1
    if end > start:
        out.append((start, end))


def text_is_space(ch: str) -> bool:
    return ch.isspace()
