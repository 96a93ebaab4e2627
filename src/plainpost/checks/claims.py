"""claim and unsafe-advice: phrases that need a source, or that are wrong whatever follows.

``claim`` with ``cited_ok: true`` reports a research claim, statistic or claim of effect only when
its paragraph (or list item) has no citation: a link, a footnote, one of the rule's ``citations``
patterns (a numbered reference "(1,2)" or "[3]", author and year "(Smith 2019)"), or a name in the
sentence that a Sources (References, Further reading) entry of the post gives, as in "the NHS
says ..." above a Sources list that links the NHS page. With ``cited_ok: false`` (promises,
absolutes, unsupported mechanisms) every occurrence is reported. ``unless`` lists phrasings that
cancel a match they overlap ("there is no cure", "do not push through the pain").

``effects`` are claims that one thing causes, prevents or improves another ("flossing prevents
gum disease", "tight calves are the main cause of heel pain"). They count only when said as fact:
not in a question, and with none of the rule's ``hedges`` ("can", "may", "helps", "some") earlier
in the sentence. One finding per sentence: the earliest match in it, of either kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import blocks_in_scope
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch import any_of
from plainpost.textmatch.casefold import (
    Matcher,
    compile_folded,
    compile_folded_union,
    fold_text,
    folded_matcher,
)
from plainpost.textmatch.terms import terms_regex


@dataclass(frozen=True)
class Options:
    terms: list[str] = field(default_factory=list)  # literal phrases, last word with its forms
    patterns: list[str] = field(default_factory=list)  # regular expressions
    # regular expressions matched with case on the block's own text: a name by its capitals
    # ("the American Heart Association says", "the ACA notes")
    name_patterns: list[str] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)  # a match inside one of these does not count
    effects: list[str] = field(default_factory=list)  # causes and benefits, when said as fact
    hedges: list[str] = field(default_factory=list)  # words that say an effect with care
    cited_ok: bool = True  # a link or footnote in the same paragraph answers the claim
    forms: bool = True
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item", "table_cell"])
    citations: list[str] = field(default_factory=list)  # inline citation forms: "(1,2)", "[3]"
    sources_headings: list[str] = field(default_factory=list)  # headings of a post's source list

    def __post_init__(self) -> None:
        if not self.terms and not self.patterns and not self.name_patterns and not self.effects:
            raise ValueError("needs terms or patterns")
        _ = self.regexes, self.matcher, self.unless_regex, self.unless_matcher
        _ = self.effect_matcher, self.hedge_regex
        _ = self.citation_regex, self.sources_regex, self.name_regex

    @cached_property
    def citation_regex(self) -> re.Pattern[str] | None:
        """Inline citations, matched on the block's own text (case matters: "(Smith 2019)")."""
        return any_of(self.citations, flags=0)

    @cached_property
    def name_regex(self) -> re.Pattern[str] | None:
        """Names by their capitals, matched on the block's own text."""
        return any_of(self.name_patterns, flags=0)

    @cached_property
    def sources_regex(self) -> re.Pattern[str] | None:
        return any_of(self.sources_headings)

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        """Case-insensitive patterns, compiled to run on fold_text() (see checks/fold.py)."""
        out = compile_folded(self.patterns)
        if self.terms:
            out.append(terms_regex([t.lower() for t in self.terms], self.forms, False))
        return out

    @cached_property
    def matcher(self) -> Matcher:
        """All patterns in one pass over the text (one scan costs far less than one per pattern)."""
        return Matcher(r.pattern for r in self.regexes)

    @cached_property
    def effect_matcher(self) -> Matcher | None:
        return folded_matcher(self.effects)

    @cached_property
    def hedge_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.hedges)

    @cached_property
    def unless_matcher(self) -> Matcher | None:
        return folded_matcher(self.unless)

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.unless)


_NAME = re.compile(r"\b[A-Z][\w&'-]*[A-Za-z](?:\s+[A-Z][\w&'-]*[A-Za-z])*\b")
_NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "A", "An", "In", "If", "Our", "We"}


def source_names(doc: Document, opts: Options) -> set[str]:
    """Capitalised names (organisations, authors) in the entries of the post's Sources section."""
    if opts.sources_regex is None:
        return set()
    sections = {i for i, h in enumerate(doc.headings) if opts.sources_regex.search(h.text)}
    names: set[str] = set()
    for block in doc.blocks:
        if block.section in sections and block.kind in ("paragraph", "list_item"):
            for m in _NAME.finditer(block.text):
                names.update(w for w in m.group().split() if w not in _NOT_NAMES and len(w) > 1)
    return names


def _points_to_source(sentence: str, names: set[str]) -> bool:
    """Does a sentence name an organisation or author that the post's Sources entries give?"""
    for m in _NAME.finditer(sentence):
        opening = m.start() == len(sentence) - len(sentence.lstrip())
        if opening and " " not in m.group() and not m.group().isupper():
            continue  # one capitalised word opening the sentence: not a name
        words = [w for w in m.group().split() if w not in _NOT_NAMES and len(w) > 1]
        if words and all(w in names for w in words):
            return True
    return False


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    wanted = set(opts.blocks)
    names: set[str] | None = None
    for block in blocks_in_scope(doc, opts.blocks):
        if block.kind not in wanted:
            continue
        if opts.cited_ok and (
            block.cited
            or (opts.citation_regex is not None and opts.citation_regex.search(block.text))
        ):
            continue
        text = block.text
        low = fold_text(text)
        matches = [m.span() for m in opts.matcher.finditer(low) if m.end() > m.start()]
        if opts.name_regex is not None:
            matches += [m.span() for m in opts.name_regex.finditer(text) if m.end() > m.start()]
        starts: list[int] = []
        if opts.effect_matcher is not None:
            effects = [m.span() for m in opts.effect_matcher.finditer(low) if m.end() > m.start()]
            if effects:
                starts = sentence_starts(text)
                matches += [span for span in effects if _as_fact(opts, text, low, starts, span[0])]
        if not matches:
            continue
        if opts.unless_matcher is not None:
            unless = [m.span() for m in opts.unless_matcher.finditer(low)]
            matches = [
                (s, e) for s, e in matches if not any(us < e and s < ue for us, ue in unless)
            ]
        starts = starts or sentence_starts(text)
        taken: set[int] = set()
        for start, end in sorted(matches):
            sentence = starts[bisect_right(starts, start) - 1]
            if sentence in taken:
                continue
            taken.add(sentence)
            if opts.cited_ok and opts.sources_regex is not None:
                if names is None:
                    names = source_names(doc, opts)
                following = [b for b in starts if b > sentence]
                text_of = text[sentence : following[0] if following else len(text)]
                if names and _points_to_source(text_of, names):
                    continue
            s, e = block.span(start, end)
            yield Hit(s, e, rule.format(match=doc.text[s:e]))


def _as_fact(opts: Options, text: str, low: str, starts: list[int], at: int) -> bool:
    """Is the effect at `at` stated as fact: its sentence no question, and no hedge before it?"""
    i = bisect_right(starts, at)
    begin, end = starts[i - 1], starts[i] if i < len(starts) else len(text)
    if text[begin:end].rstrip().rstrip("\"')]*").endswith("?"):
        return False
    return opts.hedge_regex is None or opts.hedge_regex.search(low, begin, at) is None


_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of a block (a cheap splitter: enough to group matches)."""
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]
