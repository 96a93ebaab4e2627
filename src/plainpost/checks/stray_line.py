"""stray-line: lines a copied web page leaves behind, found by their shape, not their words.

Three shapes, each switched on by its rule's options:

* ``short_lines``: a paragraph of one short line (``max_words``) with no sentence end, standing
  on its own: a caption whose picture was lost, a card title, a byline, a label. Lines that are
  wholly a link (a service link such as "Find a pharmacy"), wholly italic (a caption the writer
  marked as one) or typed bullets are left alone.
* ``widget_lines``: a line of short fields between separators ("By: | Tags: | Comments: 0"), an
  image's file name ("walk-2048x1365", "IMG_2041.jpg") or a template placeholder ("[signup]",
  "{{cta}}"): never prose, whatever the words.
* ``edge_patterns``: a short paragraph among the first or last ``edge_blocks`` of the post that
  matches one of the rule's families (a call to book or share, a phone number, a feedback
  question): where a page puts its calls to action, not where a post gives advice. A line that
  sends the reader to a health service (GP, 111, 999, A&E, pharmacist) is advice, not a call to
  action (``not_patterns``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.document.model import WORD_RE
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch import any_of

_SENTENCE_END = tuple(".!?:;,")
_TYPED_BULLETS = re.compile(r"(?:^|\s)(?:\w-|[-–•*·>])\s")
_IMAGE_FILE = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|svg|heic)$", re.I)
_TOKEN = re.compile(r"^[\w.-]+$")
# a typed enumerator label ("(a) Draw your chin in", "b) Sit tall", "(2) Bridge"): a list or
# heading typed by hand, which is structure's to report, not a line left over from the page
_ENUM_LABEL = re.compile(r"^(?:\((?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)|(?:[a-zA-Z]|\d{1,2})\))\s")
_PLACEHOLDER = re.compile(
    r"^(?:\[[\w\s:=\"'-]{1,40}\]|\{\{?[\w\s.:-]{1,40}\}?\}|%%?[\w-]{1,30}%%?)$"
)


@dataclass(frozen=True)
class Options:
    short_lines: bool = False
    max_words: int = 8
    widget_lines: bool = False
    separators: list[str] = field(default_factory=lambda: ["|", "•", "·"])
    max_field_words: int = 5
    edge_patterns: list[str] = field(default_factory=list)
    not_patterns: list[str] = field(default_factory=list)
    edge_blocks: int = 2  # how many prose blocks at each end of the post count as its edges
    edge_max_words: int = 30

    def __post_init__(self) -> None:
        _ = self.edge_regex, self.not_regex

    @cached_property
    def edge_regex(self) -> re.Pattern[str] | None:
        return any_of(self.edge_patterns)

    @cached_property
    def not_regex(self) -> re.Pattern[str] | None:
        return any_of(self.not_patterns)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    prose = [b for b in doc.blocks if b.kind in ("paragraph", "list_item") and b.text.strip()]
    edges = set()
    if opts.edge_regex is not None and opts.edge_blocks > 0:
        edges = {b.index for b in prose[: opts.edge_blocks] + prose[-opts.edge_blocks :]}
    images = sorted(i.start for i in doc.images)  # looked up by bisection, once a block
    for block in prose:
        if block.kind != "paragraph" or "blockquote" in block.containers:
            continue
        text = block.text.strip()
        if "\n" in text or _all_link(block, images) or _italic(doc, block):
            continue
        if "`" in doc.text[block.start : block.end]:
            continue  # a line about code is the writer's own
        words = WORD_RE.findall(text)
        if not words:
            continue
        found = (
            (opts.widget_lines and _widget(text, opts))
            or (opts.short_lines and _short(text, words, opts))
            or (block.index in edges and _call_to_action(text, words, opts))
        )
        if found:
            s, e = block.span(0, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=text))


def _widget(text: str, opts: Options) -> bool:
    if _PLACEHOLDER.match(text) or _file_name(text):
        return True
    for sep in opts.separators:
        if text.count(sep) >= 1:
            fields = [f.strip() for f in text.split(sep)]
            if len(fields) >= 2 and all(
                len(WORD_RE.findall(f)) <= opts.max_field_words for f in fields
            ):
                return (
                    len(fields) >= 3
                    or any(not f or f.endswith(":") for f in fields)
                    or (any(ch.isdigit() for ch in text))
                )
    return False


def _file_name(text: str) -> bool:
    """An image's file name or a slug: one token, with an image extension, or with digits and
    two or more hyphens or underscores ("walk-in-park-2048x1365", "IMG_2041"), never a word
    such as "COVID-19"."""
    if _IMAGE_FILE.match(text):
        return True
    if not _TOKEN.match(text) or not any(ch.isdigit() for ch in text):
        return False
    return text.count("-") + text.count("_") >= 2 or ("_" in text and text[:1].isalpha())


def _short(text: str, words: list[str], opts: Options) -> bool:
    return (
        len(words) <= opts.max_words
        and not text[:1].islower()  # a stranded list item or a broken sentence: structure's
        and not text.endswith(_SENTENCE_END)
        and len(_TYPED_BULLETS.findall(text)) < 2
        and not _ENUM_LABEL.match(text)
    )


def _call_to_action(text: str, words: list[str], opts: Options) -> bool:
    if len(words) > opts.edge_max_words or opts.edge_regex is None:
        return False
    if opts.not_regex is not None and opts.not_regex.search(text):
        return False
    return bool(opts.edge_regex.search(text))


def _all_link(block: Block, images: list[int]) -> bool:
    """The line is one link's text (or an image; ``images``: where the post's images start,
    sorted): a service link, not a leftover."""
    k = bisect.bisect_left(images, block.start)
    if not block.links and not (k < len(images) and images[k] < block.end):
        return False
    linked = sum(len(link.text) for link in block.links)
    return linked >= len(block.text.strip()) - 2


def _italic(doc: Document, block: Block) -> bool:
    source = doc.text[block.start : block.end].strip()
    return len(source) > 2 and source[0] in "*_" and source[-1] == source[0] and source[1] != "*"
