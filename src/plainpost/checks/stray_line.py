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
  action (``not_patterns``). In a longer closing paragraph the sentence that holds the call is
  reported, not the advice before it.
* ``faq_headings``: under a heading that names a page's questions ("Frequently Asked
  Questions"), a paragraph that is one question with no answer after it (the next block is
  another question, a heading or the end of the post): a folded answer that did not come across.

Short lines that ``keep_patterns`` name (a card's labelled figure, "Reps: 10") are left alone,
and so are the short lines right after a sentence that ends in a colon: a list typed as
paragraphs, which the structure rules report.
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
from plainpost.language import lexicon
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
    keep_patterns: list[str] = field(default_factory=list)  # short lines that are no leftover
    intro_min_words: int = 5  # a colon-ended sentence this long introduces the lines after it
    faq_headings: list[str] = field(default_factory=list)
    max_question_words: int = 20

    def __post_init__(self) -> None:
        _ = self.edge_regex, self.not_regex, self.keep_regex, self.faq_regex

    @cached_property
    def keep_regex(self) -> re.Pattern[str] | None:
        return any_of(self.keep_patterns)

    @cached_property
    def faq_regex(self) -> re.Pattern[str] | None:
        return any_of(self.faq_headings)

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
    faq = _faq_questions(doc, opts) if opts.faq_regex is not None else set()
    intro_run = -2  # the index of the last block of a run of lines after a colon intro
    for block in prose:
        after_intro = block.index == intro_run + 1
        if block.kind != "paragraph" or "blockquote" in block.containers:
            continue
        text = block.text.strip()
        if text.endswith(":") and len(WORD_RE.findall(text)) >= opts.intro_min_words:
            intro_run = block.index
        if "\n" in text or _all_link(block, images) or _italic(doc, block):
            continue
        if "`" in doc.text[block.start : block.end]:
            continue  # a line about code is the writer's own
        words = WORD_RE.findall(text)
        if not words:
            continue
        start = 0
        if opts.widget_lines and _widget(text, opts):
            found = True
        elif opts.short_lines and _short(text, words, opts, _after_sentence(doc, block)):
            kept = opts.keep_regex is not None and opts.keep_regex.search(text)
            if after_intro:
                intro_run = block.index  # the typed list goes on
            found = not kept and not after_intro
        elif block.index in edges:
            at = _call_to_action(block.text, opts)
            found, start = at is not None, at or 0
        else:
            found = block.index in faq
        if found:
            s, e = block.span(start, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=block.text[start:].strip()))


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


def _short(text: str, words: list[str], opts: Options, after_sentence: bool) -> bool:
    return (
        len(words) <= opts.max_words
        and (not text[:1].islower() or (after_sentence and _names_a_thing(words[0])))
        and not text.endswith(_SENTENCE_END)
        and len(_TYPED_BULLETS.findall(text)) < 2
        and not _ENUM_LABEL.match(text)
    )


# words a stranded list item or a broken sentence opens with, not a caption ("are 65 or over")
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPENERS = _word_set(
    "a an the and or but so then which that who when if as to of in on at by for with from "
    "is are was were be been have has had do does did can could will would should may might "
    "not no it its they them their we our you your he his she her i my me us this these "
    "those also even just only more most very"
)
_NOUN_OR_ADJ = (1 << lexicon.CLASSES.index("NOUN")) | (1 << lexicon.CLASSES.index("ADJ"))


def _names_a_thing(word: str) -> bool:
    """A lower-case line opening with a noun or an adjective ("sciatica treatment room",
    "older woman at a desk") is a caption or an image's alt text, not a stranded list item or
    the end of a broken sentence, which open with a verb or a small word ("are 65 or over")."""
    low = word.lower()
    classes = lexicon.word_classes(low)  # 0: a word the lexicon lacks, most often a name
    return low not in _OPENERS and (classes == 0 or bool(classes & _NOUN_OR_ADJ))


def _after_sentence(doc: Document, block: Block) -> bool:
    """The block before is a heading or a paragraph whose last sentence ended, so a lower-case
    line here does not carry on a sentence or a list."""
    if block.index == 0:
        return True
    before = doc.blocks[block.index - 1]
    if before.kind == "heading":
        return True
    return before.kind == "paragraph" and before.text.rstrip().endswith((".", "!", "?"))


def _call_to_action(text: str, opts: Options) -> int | None:
    """Where the call to action starts in a closing or opening paragraph: the paragraph's
    start, or in a paragraph over ``edge_max_words`` the start of its sentence that holds the
    call ("Heel pain is very treatable ... – book your assessment today!"), or in a short
    paragraph whose whole text a ``not_patterns`` entry excuses, the sentence that holds the call;
    None if none."""
    if opts.edge_regex is None:
        return None
    short = len(WORD_RE.findall(text)) <= opts.edge_max_words
    if (
        short
        and opts.edge_regex.search(text)
        and not (opts.not_regex and opts.not_regex.search(text))
    ):
        return 0
    # sentence by sentence: a long paragraph, or a short one whose advice sentence ("If you have
    # headaches, come and see us.") comes before the call ("Call today on 0161 ...!")
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        part = text[start:end].strip()
        if len(WORD_RE.findall(part)) > opts.edge_max_words:
            continue
        if opts.not_regex is not None and opts.not_regex.search(part):
            continue
        if opts.edge_regex.search(part):
            return start
    return None


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _faq_questions(doc: Document, opts: Options) -> set[int]:
    """The paragraphs, under a heading that names the page's questions, that are one question
    with no answer after them."""
    out: set[int] = set()
    under = False
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            under = bool(opts.faq_regex and opts.faq_regex.search(block.text))
            continue
        text = block.text.strip()
        if not under or block.kind != "paragraph" or not _one_question(text, opts):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            nxt is None
            or nxt.kind == "heading"
            or (nxt.kind == "paragraph" and _one_question(nxt.text.strip(), opts))
        ):
            out.add(block.index)
    return out


def _one_question(text: str, opts: Options) -> bool:
    return (
        text.endswith("?")
        and "\n" not in text
        and "?" not in text[:-1]
        and len(WORD_RE.findall(text)) <= opts.max_question_words
    )


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
