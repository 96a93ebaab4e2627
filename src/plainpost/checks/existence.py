"""existence: report any occurrence of listed terms or patterns (Vale's `existence`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Literal

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch import any_of
from plainpost.textmatch.terms import compile_patterns, terms_regex


@dataclass(frozen=True)
class Options:
    terms: list[str] = field(default_factory=list)  # literal words or phrases
    patterns: list[str] = field(default_factory=list)  # regular expressions
    # text: anywhere; block: the whole block is the match (page chrome); line: a whole line
    scope: Literal["text", "block", "line"] = "text"
    blocks: list[str] = field(default_factory=lambda: list(PROSE_KINDS))
    ignore_case: bool = True
    forms: bool = False
    suggest: list[str] = field(default_factory=list)  # replacement(s) offered for every match
    delete: bool = False  # suggest removing the match (page chrome)
    unlinked: bool = False  # only in blocks that hold no link ("find your pharmacy here")
    # a match is dropped when its section (the blocks under the same heading) has one of these:
    # "return to the starting position" where the section spells out a "Starting position:"
    unless_section: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.terms and not self.patterns:
            raise ValueError("needs terms or patterns")
        _ = self.regexes, self.unless_section_regex  # a bad pattern is a load error

    @cached_property
    def unless_section_regex(self) -> re.Pattern[str] | None:
        return any_of(self.unless_section, flags=re.I if self.ignore_case else 0)

    @cached_property
    def bare(self) -> list[re.Pattern[str]]:
        out = compile_patterns(self.patterns, self.ignore_case)
        if self.terms:
            out.append(terms_regex(self.terms, self.forms, self.ignore_case))
        return out

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        return [self._scoped(r.pattern, r.flags) for r in self.bare]

    def _scoped(self, pattern: str, flags: int) -> re.Pattern[str]:
        if self.scope == "block":
            return re.compile(rf"^\s*(?:{pattern})\s*$", flags)
        if self.scope == "line":
            return re.compile(rf"^[ \t]*(?:{pattern})[ \t]*$", flags | re.M)
        return re.compile(pattern, flags)

    @cached_property
    def combined(self) -> list[re.Pattern[str]]:
        """For whole-line and whole-block rules, every pattern in one regex: a line is matched
        once, by the first pattern that matches it, as with the patterns one by one."""
        bare = self.bare
        if self.scope == "text" or len(bare) < 2 or len({r.flags for r in bare}) > 1:
            return self.regexes
        if any(_NOT_COMBINABLE.search(r.pattern) for r in bare):
            return self.regexes
        try:
            body = "|".join(f"(?:{r.pattern})" for r in bare)
            return [self._scoped(body, bare[0].flags)]
        except re.error:
            return self.regexes


# back-references and inline global flags change meaning when patterns are joined
_NOT_COMBINABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    unless = opts.unless_section_regex
    # the sections (blocks under the same heading) that hold an `unless_section` match: one pass
    excused = {b.section for b in doc.blocks if unless.search(b.text)} if unless else set()
    for block in blocks_in_scope(doc, opts.blocks, skip_sources=opts.scope == "text"):
        if (opts.unlinked and block.links) or block.section in excused:
            continue
        key = ("existence", rule.id, block.text)
        for start, end in ctx.derived.by_text_if_kept(key, partial(_spans, opts, block.text)):
            s, e = block.span(start, end)
            match = doc.text[s:e]
            suggestions = ("",) if opts.delete else tuple(opts.suggest)
            yield Hit(s, e, rule.format(match=match), suggestions)


def _spans(opts: Options, text: str) -> list[tuple[int, int]]:
    """The matches in a block's text (its own offsets, spaces trimmed): they depend on the text
    alone, so the language server's memo keeps them from one lint to the next."""
    return matched_spans(opts.combined, text, by_line=opts.scope == "line")


def matched_spans(
    regexes: list[re.Pattern[str]], text: str, *, by_line: bool = False
) -> list[tuple[int, int]]:
    """Where the regexes match, the first to match at a position winning. ``by_line``: each
    line is matched on its own, so a whole-line pattern whose ``\\s`` could reach across a line
    break still reports one finding per line, and the one that matches the line alone."""
    if not by_line:
        return _first_spans(regexes, text, 0)
    out: list[tuple[int, int]] = []
    at = 0
    for line in text.split("\n"):
        for start, end in _first_spans(regexes, line, at):
            if not _continues(text, start):
                out.append((start, end))
        at += len(line) + 1
    return out


def _first_spans(regexes: list[re.Pattern[str]], text: str, at: int) -> list[tuple[int, int]]:
    out = []
    seen: set[int] = set()
    for regex in regexes:
        for m in regex.finditer(text):
            if m.start() in seen or m.end() == m.start():
                continue
            seen.add(m.start())
            start, end = m.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append((at + start, at + end))
    return sorted(out)


def _continues(text: str, at: int) -> bool:
    """Is the line at ``at`` the rest of a sentence wrapped from the line above ("If they\n
    don't, you'll get a letter ... to book online")? It opens in lower case and the line above
    does not end a sentence: a whole-line pattern is about lines, not the halves of one."""
    while at < len(text) and text[at] in " \t":
        at += 1
    if at == 0 or not text[at : at + 1].islower():
        return False
    above = text[:at].rstrip(" \t")
    if not above.endswith("\n"):
        return False
    above = above[:-1].rstrip()
    return bool(above) and not above.endswith((".", "!", "?", ":", ";"))
