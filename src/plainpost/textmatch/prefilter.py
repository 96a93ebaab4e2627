"""Run a large alternation of literal terms only where one of the terms can begin.

Python's ``re`` tries every alternative at every position of the text; with hundreds of terms
(the jargon and wordiness lexicons) that dominates a lint run. A term regex built by
:func:`plainpost.textmatch.terms.terms_regex` can only match at the start of a word, and only where
that word begins with the leading letters ("head") of one of its terms. So one scan with a trie
of the heads finds those places, and the big regex is tried only there, with ``match``. The
matches are exactly those of ``finditer``: same positions, same alternative chosen, no overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

HEAD_RE = re.compile(r"[^\W_]+")


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any text that starts with one of ``words`` (shortest first, which is
    all a prefilter needs), with the alternatives factored into a trie so that each position
    costs a few character comparisons, not one per word."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        if "" in node:
            return ""  # a whole head: enough
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!)"


class TermFinder:
    def __init__(self, regex: re.Pattern[str], first_words: Iterable[str]) -> None:
        self.regex = regex
        heads: set[str] = set()
        if not regex.pattern.startswith(r"(?<![\w-])"):  # not a terms regex: no shortcut
            first_words = ()
        for word in first_words:
            m = HEAD_RE.match(word)
            if m is None:  # a term that starts with punctuation: no shortcut
                heads = set()
                break
            heads.add(m.group().lower())
        self.heads = frozenset(heads)
        # where a term may start: not after a word character or a hyphen, at a known head
        self.starts = re.compile(r"(?<![\w-])" + trie_pattern(self.heads), re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.heads:
            yield from self.regex.finditer(text)
            return
        match = self.regex.match
        pos = 0
        for head in self.starts.finditer(text):
            start = head.start()
            if start < pos:
                continue
            m = match(text, start)
            if m is not None and m.end() > start:
                yield m
                pos = m.end()


def first_words(spellings: Iterable[str], forms: bool) -> list[str]:
    """The first word of each spelling, with its inflections when it is also the last word
    (the way :func:`plainpost.textmatch.terms.phrase_pattern` builds the regex)."""
    from plainpost.textmatch.terms import word_forms

    out: list[str] = []
    for spelling in spellings:
        words = spelling.split()
        if not words:
            continue
        if forms and len(words) == 1:
            out += word_forms(words[0].lower())
        else:
            out.append(words[0])
    return out
