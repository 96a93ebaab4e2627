"""safety-note: advice on a topic (ice, heat, painkillers, ...) needs a safety note nearby.

A rule names its *triggers* (literal terms, matched with their word forms, and patterns) and what
*satisfies* it: requirements, each a set of acceptable phrasings as patterns ("a warning about
skin", "a time limit"). All requirements must be met within the rule's scope around the trigger:
the same paragraph, the same section or anywhere in the post. With ``together: section`` they must
also be met inside one section (a "When to see a doctor" section that names both who to see and
the warning signs).

A rule may ask that a trigger be *advice*: with ``advice`` patterns, a trigger counts only when
its paragraph (for a list item: the item with the list's intro) gives an instruction or a
recommendation, and ``not_advice`` patterns cancel a trigger whose own sentence asks a question
or tells the reader to stop or avoid, so a paragraph that only describes an injury or its cause
does not ask for a note.

With ``yield_to`` (rule ids), a rule steps back where another rule reports the same gap: the
lint layer drops its findings in a post where one of those rules reported, and hands the note's
insertion to that finding (`red-flags-note` yields to `when-to-see-a-doctor`: a post with no
help section is reported once, by the structure rule, and ``fix --notes`` still inserts the
red-flags note).

A missing note is reported at its trigger (the words that ask for it), one finding per missing note
(a trigger on a label line, a section title typed as a short line such as "Ice Therapy:", only when
its scope has no other trigger); the insertion point is kept separately (``Hit.insert_at``: the end
of the triggering paragraph) with the rule's standard snippet (rules/snippets/<name>.md), formatted
to fit the Markdown around it, as the suggestion, so `plainpost fix --notes` can add it and a
second run finds the rule satisfied.

Speed: patterns are matched case-insensitively by folding the text once per block (fold.py), all
triggers of a rule run as one regex behind a literal gate, and requirements run once over the
joined text of the scope.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Literal

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.document.scope import blocks_in_scope
from plainpost.document.sentences import sentence_spans
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
        _ = self.regexes, self.matcher

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        """Each phrasing on its own (validation, tests); checks use :attr:`regex`."""
        return compile_folded(self.patterns)  # run on fold_text(): case-insensitive

    @cached_property
    def matcher(self) -> Matcher:
        """All phrasings in one pass; the group name `_<i>` tells which one matched."""
        return Matcher((r.pattern for r in self.regexes), named=True)

    def matched(self, low: str) -> set[int]:
        """Indexes of the phrasings found in a folded text, up to `at_least` of them."""
        if self.at_least == 1:
            m = self.matcher.search(low)
            return {int(m.lastgroup[1:])} if m and m.lastgroup else set()
        found: set[int] = set()
        for m in self.matcher.finditer(low):
            if m.lastgroup:
                found.add(int(m.lastgroup[1:]))
                if len(found) >= self.at_least:
                    break
        return found


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
    # with report: first, a trigger matching one of these (a dose) is the one reported, over an
    # earlier, vaguer trigger in the same scope (the first trigger when none matches)
    prefer: list[str] = field(default_factory=list)
    snippet: str = ""  # name of the standard note in rules/snippets/ (without .md)
    skip_sections: list[str] = field(default_factory=list)  # headings whose text never triggers
    trigger_blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item"])
    types: list[str] = field(default_factory=list)  # post types (front matter `type`); empty: all
    advice: list[str] = field(default_factory=list)  # a trigger's sentence must give advice
    not_advice: list[str] = field(default_factory=list)  # ... and not tell the reader to stop
    # requirements that are enough on their own (names from `requires`): "ask a pharmacist" covers
    # the label and who must not take a painkiller, as NHS pages word it
    sufficient: list[str] = field(default_factory=list)
    # headings of a section that is the note whatever signs it names ("See your GP if:" over a
    # list): a section in scope under such a heading, with prose in it, meets every requirement
    sufficient_sections: list[str] = field(default_factory=list)
    # rules (ids) that report the same gap as a missing section: in a post where one of them
    # reports, this rule's findings are left out and the note's insertion travels with that
    # finding (one report per problem: a post with no help section is told so once)
    yield_to: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.triggers and not self.trigger_patterns:
            raise ValueError("needs triggers or trigger_patterns")
        if not self.requires:
            raise ValueError("requires: needs at least one requirement")
        _ = self.trigger_matcher, self.unless_regex, self.unless_matcher, self.skip_regex
        _ = self.advice_matcher, self.not_advice_matcher, self.sufficient_section_regex
        _ = self.prefer_regex
        names = {r.name for r in self.requires}
        unknown = [n for n in self.sufficient if n not in names]
        if unknown:
            raise ValueError(f"sufficient: not a requirement's name: {', '.join(unknown)}")

    @cached_property
    def advice_matcher(self) -> Matcher | None:
        return folded_matcher(self.advice)

    @cached_property
    def not_advice_matcher(self) -> Matcher | None:
        return folded_matcher(self.not_advice)

    @cached_property
    def trigger_regexes(self) -> list[re.Pattern[str]]:
        """Each trigger pattern on its own (validation, tests); checks use :attr:`trigger_regex`."""
        out = compile_folded(self.trigger_patterns)
        if self.triggers:
            terms = [t.lower() for t in self.triggers]
            out.append(terms_regex(terms, forms=True, ignore_case=False))
        return out

    @cached_property
    def trigger_matcher(self) -> Matcher:
        """All triggers in one pass over the text (one scan costs far less than one per pattern)."""
        return Matcher(r.pattern for r in self.trigger_regexes)

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.unless)

    @cached_property
    def unless_matcher(self) -> Matcher | None:
        return folded_matcher(self.unless)

    @cached_property
    def sufficient_section_regex(self) -> re.Pattern[str] | None:
        return any_of(self.sufficient_sections)

    @cached_property
    def prefer_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.prefer)

    @cached_property
    def skip_regex(self) -> re.Pattern[str] | None:
        return any_of(self.skip_sections)


def first_trigger(
    opts: Options, low: str, intro: str = "", original: str = ""
) -> tuple[int, int] | None:
    """Span of the earliest trigger in a folded text that is not inside an `unless` phrase
    (and, when the rule asks for advice, whose sentence gives advice; `intro` is the folded
    intro of the list a list item is in; `original` is the unfolded text, for sentence ends).

    Linear in the text however many triggers it holds: the sentences are found once, each
    sentence is asked once whether it tells the reader to stop, the paragraph once whether it
    advises."""
    found = [m.span() for m in opts.trigger_matcher.finditer(low) if m.end() > m.start()]
    if not found:
        return None
    unless = [m.span() for m in opts.unless_matcher.finditer(low)] if opts.unless_matcher else []
    if opts.advice_matcher is None and opts.not_advice_matcher is None:
        return next((t for t in found if not _inside(t, unless)), None)
    spans = sentence_spans(original or low)
    ends = [end for _, end in spans]
    stops: dict[int, bool] = {}  # by sentence index: does it tell the reader to stop?
    advises: bool | None = None  # does the paragraph advise?
    for start, end in found:
        if _inside((start, end), unless):
            continue
        i = bisect.bisect_right(ends, start)  # the sentence at the trigger, or the next one
        if i not in stops:
            sentence = low[spans[i][0] : spans[i][1]] if i < len(spans) else low
            stops[i] = _tells_to_stop(opts, sentence, intro)
        if stops[i]:
            continue
        if advises is None:
            advises = _advises(opts, low, intro)
        if advises:
            return start, end
    return None


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in ranges)


def _through_sentence(
    opts: Options, low: str, original: str, span: tuple[int, int]
) -> tuple[int, int]:
    """The trigger's span carried on to the last trigger of the same sentence ("topical NSAIDs
    or a short course of oral anti-inflammatories"): the finding marks the whole advice."""
    start, end = span
    bounds = next(((a, b) for a, b in sentence_spans(original) if a <= start < b), None)
    if bounds is None:
        return span
    unless = [m.span() for m in opts.unless_matcher.finditer(low)] if opts.unless_matcher else []
    for m in opts.trigger_matcher.finditer(low):
        if m.start() < end or m.end() > bounds[1] or m.end() == m.start():
            continue
        if not any(a < m.end() and m.start() < b for a, b in unless):
            end = m.end()
    return start, end


def _tells_to_stop(opts: Options, sentence: str, intro: str) -> bool:
    """Does a trigger's (folded) sentence, with its list's intro, ask a question or tell the
    reader to stop? Then it is no advice to add a note to."""
    own = f"{intro}\n{sentence}" if intro else sentence
    return opts.not_advice_matcher is not None and bool(opts.not_advice_matcher.search(own))


def _advises(opts: Options, paragraph: str, intro: str) -> bool:
    """Does the paragraph (with its list's intro) give an instruction or a recommendation?"""
    if opts.advice_matcher is None:
        return True
    return bool(opts.advice_matcher.search(f"{intro}\n{paragraph}" if intro else paragraph))


def _list_intro(doc: Document, block: Block, folded: dict[int, str]) -> str:
    """The folded paragraph that introduces the list a list item is in ("Try to avoid:")."""
    if block.kind != "list_item":
        return ""
    i = block.index - 1
    while i >= 0 and doc.blocks[i].kind == "list_item":
        i -= 1
    if i < 0 or doc.blocks[i].kind not in ("paragraph", "heading"):
        return ""
    prev = doc.blocks[i]
    if prev.kind == "paragraph" and not prev.text.rstrip().endswith(":"):
        return ""
    return _folded(prev, folded)


def met(
    opts: Options, blocks: list[Block], folded: dict[int, str], first_only: bool = False
) -> list[str]:
    """Names of the requirements not met by these blocks (empty: the note is there).

    The blocks' folded texts are joined (a blank line apart, which no phrasing spans) so that
    each requirement is one regex call however many paragraphs the scope holds.
    """
    text = "\n\n".join(_folded(b, folded) for b in blocks)
    for req in opts.requires:
        if req.name in opts.sufficient and len(req.matched(text)) >= req.at_least:
            return []
    missing = []
    for req in opts.requires:
        if len(req.matched(text)) < req.at_least:
            missing.append(req.name)
            if first_only:
                break
    return missing


def _folded(block: Block, folded: dict[int, str]) -> str:
    low = folded.get(block.index)
    if low is None:
        low = folded[block.index] = fold_text(block.text)
    return low


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
    scopes = _Scopes(doc, prose)
    skipped = set()
    if opts.skip_regex is not None:
        for i, head in enumerate(doc.headings):
            if opts.skip_regex.search(head.text) or (parents[i] in skipped):
                skipped.add(i)
    folded: dict[int, str] = {}  # block index -> fold_text(block.text)
    verdicts: dict[object, list[str]] = {}
    suggested: dict[object, int] = {}  # scope unit -> line of the note already suggested
    note = normalise_snippet(ctx.snippets.get(opts.snippet, "")) if opts.snippet else ""

    triggered: list[tuple[Block, tuple[int, int], object]] = []
    for block in prose:
        if block.kind not in opts.trigger_blocks or block.section in skipped:
            continue
        intro = _list_intro(doc, block, folded) if opts.advice or opts.not_advice else ""
        key = ("safety trigger", rule.id, block.text, intro)
        span = ctx.derived.by_text_if_kept(key, partial(_trigger, opts, block, folded, intro))
        if span is None:
            continue
        triggered.append((block, span, _unit(opts.scope, block)))
    if opts.report == "first":
        triggered = _labels_last(triggered)
    if opts.prefer_regex is not None and opts.report == "first":
        triggered = _preferred(opts.prefer_regex, triggered, folded)

    for block, span, unit in triggered:
        if unit not in verdicts:
            verdicts[unit] = _missing(opts, doc, scopes.of(opts, block), parents, folded)
        missing = verdicts[unit]
        if not missing:
            continue
        if unit in suggested and opts.report == "first":
            continue
        s, e = block.span(*span)
        match = doc.text[s:e]
        if unit in suggested:
            message = rule.format(match=match, missing=_join(missing), note=note)
            message += f" (the note suggested at line {suggested[unit]} covers this too)"
            yield Hit(s, e, message)
            continue
        message = rule.format(match=match, missing=_join(missing), note=note)
        if not note:
            suggested[unit] = doc.index.position(s)[0]
            yield Hit(s, e, message)
            continue
        line = doc.index.position(s)[0]
        suggested[unit] = line
        if _note_present(note, scopes.of(opts, block)):
            yield Hit(s, e, message)  # the note is there but does not do the job: no edit
            continue
        at, text = insertion(doc, block, note)
        yield Hit(s, e, message, (text,), insert_at=at)  # at the trigger; the note goes at `at`


def _trigger(
    opts: Options, block: Block, folded: dict[int, str], intro: str
) -> tuple[int, int] | None:
    """The span a block's first trigger reports (carried through its sentence), or None: it
    depends on the block's text and its list's intro alone (the server's memo keeps it)."""
    span = first_trigger(opts, _folded(block, folded), intro, block.text)
    return (
        None if span is None else _through_sentence(opts, _folded(block, folded), block.text, span)
    )


_LABEL_WORDS = 6


def _is_label(block: Block) -> bool:
    """A one-line paragraph of a few words that is no sentence ("Ice Therapy:", "Heat packs"):
    a section title typed as a line, which names the topic but gives no advice."""
    text = block.text.strip()
    if block.kind != "paragraph" or "\n" in text or len(text.split()) > _LABEL_WORDS:
        return False
    return text.endswith(":") or not re.search(r"[.!?…]", text)


def _labels_last(
    triggered: list[tuple[Block, tuple[int, int], object]],
) -> list[tuple[Block, tuple[int, int], object]]:
    """The triggers with those on label lines after the others: with report: first the finding
    sits at the advice ("Hold a cold pack ... for short spells"), not at the title line above it
    ("Ice Therapy:"); a label is still reported when its scope has no other trigger."""
    labels = [t for t in triggered if _is_label(t[0])]
    if not labels:
        return triggered
    return [t for t in triggered if not _is_label(t[0])] + labels


def _preferred(
    prefer: re.Pattern[str],
    triggered: list[tuple[Block, tuple[int, int], object]],
    folded: dict[int, str],
) -> list[tuple[Block, tuple[int, int], object]]:
    """The triggers with, in each scope unit, the first preferred one (a dose) moved ahead of
    the vaguer ones before it: with report: first it is the one reported."""
    first: dict[object, int] = {}  # unit -> position in `triggered` of its preferred trigger
    for i, (block, (s, e), unit) in enumerate(triggered):
        if unit not in first and prefer.search(_folded(block, folded)[s:e]):
            first[unit] = i
    if not first:
        return triggered
    ahead = [triggered[i] for i in sorted(first.values())]
    rest = [t for i, t in enumerate(triggered) if i not in set(first.values())]
    return ahead + rest


def _unit(scope: str, block: Block) -> object:
    if scope == "paragraph":
        return ("paragraph", block.index)
    if scope == "section":
        return ("section", block.section)
    return "post"


def _missing(
    opts: Options,
    doc: Document,
    scope: list[Block],
    parents: list[int],
    folded: dict[int, str],
) -> list[str]:
    help_heading = opts.sufficient_section_regex
    if help_heading is not None and _has_help_section(help_heading, doc, scope, parents):
        return []
    if opts.together == "scope":
        return met(opts, scope, folded)
    # together: section: all requirements inside one section (a section includes its
    # subsections; the title section of an h1 counts only for the prose right under it)
    units: dict[int, list[Block]] = {}
    for b in scope:
        for head in _chain(b.section, parents):
            if doc.headings[head].level > 1:
                units.setdefault(head, []).append(b)
        if b.section < 0:
            units.setdefault(-1, []).append(b)
        elif doc.headings[b.section].level == 1:
            # the prose right under the title (not its subsections) is a section too: a note
            # inserted after a trigger there must satisfy the rule
            units.setdefault(-2 - b.section, []).append(b)
    for members_blocks in units.values():
        if not met(opts, members_blocks, folded, first_only=True):
            return []
    # no one section has it all: name what the scope as a whole lacks (or everything, when the
    # pieces are there but scattered over several sections)
    return met(opts, scope, folded) or [r.name for r in opts.requires]


def _has_help_section(
    regex: re.Pattern[str], doc: Document, scope: list[Block], parents: list[int]
) -> bool:
    """Whether some prose in scope sits under a heading that is the note by itself."""
    for b in scope:
        if b.kind == "heading":
            continue
        if any(regex.search(doc.headings[h].text) for h in _chain(b.section, parents)):
            return True
    return False


class _Scopes:
    """The prose in which a note must be, seen from a trigger's block. The prose is in document
    order, so a section and its subsections are one run of it: found by bisection (linear in
    the post overall, where filtering the prose for each section was quadratic)."""

    def __init__(self, doc: Document, prose: list[Block]) -> None:
        self.prose = prose
        self.sections = [b.section for b in prose]
        self.ordered = self.sections == sorted(self.sections)
        heads = doc.headings
        self.ends = [len(heads)] * len(heads)  # a section's end: the next heading not under it
        stack: list[int] = []
        for i, head in enumerate(heads):
            while stack and heads[stack[-1]].level >= head.level:
                self.ends[stack.pop()] = i
            stack.append(i)

    def of(self, opts: Options, block: Block) -> list[Block]:
        if opts.scope == "paragraph":
            return [block]
        if opts.scope == "section":
            first = max(block.section, -1)
            end = self.ends[block.section] if block.section >= 0 else 0
            if not self.ordered:  # not seen in practice: the plain filter, same answer
                return [b for b in self.prose if first <= b.section < end]
            lo = bisect.bisect_left(self.sections, first)
            return self.prose[lo : bisect.bisect_left(self.sections, end, lo)]
        return self.prose


def wording(text: str) -> str:
    """A note's words, for recognising it in a post (spacing, case and markup aside)."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _note_present(note: str, blocks: list[Block]) -> bool:
    """Whether the standard note's wording is already in these blocks (then it is never
    inserted again, even where it does not satisfy the rule: at most one per scope)."""
    key = wording(note)
    return bool(key) and key in wording("\n".join(b.text for b in blocks))


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
