"""safety-note: advice on a topic (ice, heat, painkillers, ...) needs a safety note nearby.

A rule names its *triggers* (literal terms, matched with their word forms, and patterns) and what
*satisfies* it: requirements, each a set of acceptable phrasings as patterns ("a warning about
skin", "a time limit"). All requirements must be met within the rule's scope around the trigger:
the same paragraph, the same section or anywhere in the post. With ``together: section`` they must
also be met inside one section (a "When to see a doctor" section that names both who to see and
the warning signs).

A missing note is reported as an insertion at the end of the triggering paragraph whose text is
the rule's standard snippet (rules/snippets/<name>.md), formatted to fit the Markdown around it,
so `plainpost fix --notes` can add it and a second run finds the rule satisfied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from plainpost.checks.context import Context
from plainpost.checks.scope import blocks_in_scope
from plainpost.checks.terms import compile_patterns, terms_regex
from plainpost.document import Block, Document
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule

SATISFIER_KINDS = ("paragraph", "list_item", "heading", "table_cell", "footnote")
_SPACES = re.compile(r"\s+")
_LINE_PREFIX = re.compile(r"^((?:[ \t]*>[ \t]?)*)([ \t]*)")
_ITEM_PREFIX = re.compile(r"^((?:[ \t]*>[ \t]?)*)([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)")


@dataclass(frozen=True)
class Requirement:
    name: str  # what the note must say, as shown in the message: "a warning about skin"
    patterns: list[str]  # acceptable phrasings
    at_least: int = 1  # how many different patterns must match (red flags: 2 different signs)

    def __post_init__(self) -> None:
        if not self.patterns:
            raise ValueError(f"requirement {self.name!r} needs patterns")
        if not 1 <= self.at_least <= len(self.patterns):
            raise ValueError(f"requirement {self.name!r}: at_least must be 1..{len(self.patterns)}")
        _ = self.regexes

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        return compile_patterns(self.patterns)


@dataclass(frozen=True)
class Options:
    requires: list[Requirement]
    triggers: list[str] = field(default_factory=list)  # literal terms, with their word forms
    trigger_patterns: list[str] = field(default_factory=list)  # regular expressions
    unless: list[str] = field(default_factory=list)  # a trigger inside one of these does not count
    # where the note must be, seen from the trigger
    scope: Literal["paragraph", "section", "post"] = "section"
    # the smallest part of the scope in which all requirements must be met together
    together: Literal["scope", "section"] = "scope"
    # first: one finding per scope (the first trigger); each: one per triggering paragraph
    report: Literal["first", "each"] = "first"
    snippet: str = ""  # name of the standard note in rules/snippets/ (without .md)
    skip_sections: list[str] = field(default_factory=list)  # headings whose text never triggers
    trigger_blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item"])
    types: list[str] = field(default_factory=list)  # post types (front matter `type`); empty: all

    def __post_init__(self) -> None:
        if not self.triggers and not self.trigger_patterns:
            raise ValueError("needs triggers or trigger_patterns")
        if not self.requires:
            raise ValueError("requires: needs at least one requirement")
        _ = self.trigger_regexes, self.unless_regex, self.skip_regex

    @cached_property
    def trigger_regexes(self) -> list[re.Pattern[str]]:
        out = compile_patterns(self.trigger_patterns)
        if self.triggers:
            out.append(terms_regex(self.triggers, forms=True))
        return out

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        if not self.unless:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.unless), re.I)

    @cached_property
    def skip_regex(self) -> re.Pattern[str] | None:
        if not self.skip_sections:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.skip_sections), re.I)


def first_trigger(opts: Options, text: str) -> re.Match[str] | None:
    """The earliest trigger in a text that is not inside an `unless` phrase."""
    unless = [m.span() for m in opts.unless_regex.finditer(text)] if opts.unless_regex else []
    best: re.Match[str] | None = None
    for regex in opts.trigger_regexes:
        for m in regex.finditer(text):
            if m.end() == m.start():
                continue
            if any(s < m.end() and m.start() < e for s, e in unless):
                continue
            if best is None or m.start() < best.start():
                best = m
            break
    return best


def met(
    opts: Options, blocks: list[Block], cache: dict[int, frozenset[tuple[int, int]]]
) -> list[str]:
    """Names of the requirements not met by these blocks (empty: the note is there)."""
    found: set[tuple[int, int]] = set()
    for block in blocks:
        hits = cache.get(block.index)
        if hits is None:
            hits = frozenset(
                (r, p)
                for r, req in enumerate(opts.requires)
                for p, regex in enumerate(req.regexes)
                if regex.search(block.text)
            )
            cache[block.index] = hits
        found |= hits
    return [
        req.name
        for r, req in enumerate(opts.requires)
        if sum(1 for p in range(len(req.patterns)) if (r, p) in found) < req.at_least
    ]


def _parents(doc: Document) -> list[int]:
    """For each heading, the index of its parent heading (-1 for none)."""
    parents: list[int] = []
    stack: list[int] = []
    for i, head in enumerate(doc.headings):
        while stack and doc.headings[stack[-1]].level >= head.level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(i)
    return parents


def _chain(section: int, parents: list[int]) -> Iterator[int]:
    while section >= 0:
        yield section
        section = parents[section]


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    if opts.types and doc.type not in opts.types:
        return
    prose = list(blocks_in_scope(doc, SATISFIER_KINDS))
    parents = _parents(doc)
    skipped = set()
    if opts.skip_regex is not None:
        for i, head in enumerate(doc.headings):
            if opts.skip_regex.search(head.text) or (parents[i] in skipped):
                skipped.add(i)
    cache: dict[int, frozenset[tuple[int, int]]] = {}
    verdicts: dict[object, list[str]] = {}
    suggested: dict[object, int] = {}  # scope unit -> line of the note already suggested
    note = normalise_snippet(ctx.snippets.get(opts.snippet, "")) if opts.snippet else ""

    for block in prose:
        if block.kind not in opts.trigger_blocks or block.section in skipped:
            continue
        m = first_trigger(opts, block.text)
        if m is None:
            continue
        unit = _unit(opts.scope, block)
        if unit not in verdicts:
            verdicts[unit] = _missing(opts, doc, prose, block, parents, cache)
        missing = verdicts[unit]
        if not missing:
            continue
        if unit in suggested and opts.report == "first":
            continue
        s, e = block.span(*m.span())
        match = doc.text[s:e]
        if unit in suggested:
            message = rule.format(match=match, missing=_join(missing), note=note)
            message += f" (the note suggested at line {suggested[unit]} covers this too)"
            yield Hit(s, e, message)
            continue
        at, text = insertion(doc, block, note) if note else (s, "")
        message = rule.format(match=match, missing=_join(missing), note=note)
        suggested[unit] = doc.index.position(at)[0]
        yield Hit(at, at, message, (text,) if text else ())


def _unit(scope: str, block: Block) -> object:
    if scope == "paragraph":
        return ("paragraph", block.index)
    if scope == "section":
        return ("section", block.section)
    return "post"


def _missing(
    opts: Options,
    doc: Document,
    prose: list[Block],
    block: Block,
    parents: list[int],
    cache: dict[int, frozenset[tuple[int, int]]],
) -> list[str]:
    if opts.scope == "paragraph":
        scope = [block]
    elif opts.scope == "section":
        if block.section < 0:
            scope = [b for b in prose if b.section < 0]
        else:
            members = set(_descendants(block.section, parents))
            scope = [b for b in prose if b.section in members]
    else:
        scope = prose
    if opts.together == "scope":
        return met(opts, scope, cache)
    # together: section: all requirements inside one section (a section includes its
    # subsections; the title section of an h1 does not count as one)
    units: dict[int, list[Block]] = {}
    for b in scope:
        for head in _chain(b.section, parents):
            if doc.headings[head].level > 1:
                units.setdefault(head, []).append(b)
        if b.section < 0:
            units.setdefault(-1, []).append(b)
    best: list[str] | None = None
    for members_blocks in units.values():
        missing = met(opts, members_blocks, cache)
        if not missing:
            return []
        if best is None or len(missing) < len(best):
            best = missing
    return best if best is not None else [r.name for r in opts.requires]


def _descendants(section: int, parents: list[int]) -> Iterator[int]:
    yield section
    for i, parent in enumerate(parents):
        if i > section and any(p == section for p in _chain(parent, parents)):
            yield i


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def normalise_snippet(text: str) -> str:
    """A snippet file's text as one line of Markdown (comments and line breaks removed)."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return _SPACES.sub(" ", text).strip()


def insertion(doc: Document, block: Block, note: str) -> tuple[int, str]:
    """Where and what to insert so that the note follows the block in the same container.

    The note goes at the end of the block's last line: as its own paragraph after a paragraph
    (inside the same blockquote or list item), as a new item after a bullet item, and as a
    paragraph inside the item after a numbered item (so the numbering is unchanged).
    """
    text = doc.text
    last = block.offsets[-1] if block.offsets else block.end
    eol = text.find("\n", last)
    if eol < 0:
        eol = len(text)
    line_start = text.rfind("\n", 0, block.start) + 1
    line_end = text.find("\n", line_start)
    first_line = text[line_start : line_end if line_end >= 0 else len(text)]
    if block.kind == "list_item":
        m = _ITEM_PREFIX.match(first_line)
        if m:
            quote, indent, marker, space = m.groups()
            if marker[-1] in ".)":
                inner = indent + " " * (len(marker) + len(space))
                return eol, f"\n{quote.rstrip()}\n{quote}{inner}{note}"
            return eol, f"\n{quote}{indent}{marker}{space}{note}"
    m2 = _LINE_PREFIX.match(first_line)
    quote, indent = (m2.group(1), m2.group(2)) if m2 else ("", "")
    return eol, f"\n{quote.rstrip()}\n{quote}{indent}{note}"


def load_snippets(folders: list[Path]) -> dict[str, str]:
    """The standard notes: every `snippets/*.md` in the rule folders (later folders win)."""
    out: dict[str, str] = {}
    for folder in folders:
        snippet_dir = folder / "snippets"
        if not snippet_dir.is_dir():
            continue
        for path in sorted(snippet_dir.glob("*.md")):
            try:
                out[path.stem] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    return out
