"""Structure checks that need more than a pattern: lists, sections, callouts, headings, images."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.document.model import WORD_RE
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule

# What a sentence ending in a colon may introduce: a list, a table, code, HTML, an image, or a
# fake list of bullet glyphs (which the pseudo-bullets rule reports on its own).
BULLET_GLYPHS = "•·▪‣◦–—○●■►➢➤✓✔\uf0b7\uf0a7"
LIST_START_RE = re.compile(
    r"^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||```|~~~|<|!\[|[" + BULLET_GLYPHS + r"][ \t])"
)


@dataclass(frozen=True)
class ListIntroOptions:
    min_words: int = 3
    exclude: list[str] = field(default_factory=list)  # patterns of blocks that are not intros


def list_intro(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: ListIntroOptions = rule.options
    excludes = [re.compile(p, re.I) for p in opts.exclude]
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        text = block.text.rstrip()
        if not text.endswith(":") or any(x.search(text) for x in excludes):
            continue
        sentence = doc_last_sentence(doc, block)
        if len(WORD_RE.findall(sentence[1])) < opts.min_words:
            continue
        if _followed_by_list(doc, block):
            continue
        s, e = block.span(sentence[0], len(text))
        yield Hit(s, e, rule.format(match=doc.text[s:e]))


def doc_last_sentence(doc: Document, block: Block) -> tuple[int, str]:
    from plainpost.document.model import split_sentences

    sentences = split_sentences(block)
    if not sentences:
        return 0, block.text
    last = sentences[-1]
    return last.start, last.text


def _followed_by_list(doc: Document, block: Block) -> bool:
    """Whether the first non-blank line after the block starts a list (or table, code, ...)."""
    text = doc.text
    at = block.end
    while at < len(text):
        nl = text.find("\n", at)
        line = text[at : nl if nl >= 0 else len(text)]
        if line.strip():
            return bool(LIST_START_RE.match(line)) or line.startswith(("    ", "\t"))
        if nl < 0:
            break
        at = nl + 1
    return False


@dataclass(frozen=True)
class EmptySectionOptions:
    pass


def empty_section(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    heads = doc.headings
    for i, head in enumerate(heads):
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is not None and nxt.level > head.level:
            continue  # a subsection follows: the section has content
        end = nxt.start if nxt is not None else len(doc.text)
        between = re.sub(r"<!--.*?-->", "", doc.text[head.end : end], flags=re.S)
        if between.strip():
            continue
        s, e = head.span(0, len(head.text))
        yield Hit(s, e, rule.format(match=head.text))


@dataclass(frozen=True)
class CalloutOptions:
    labels: list[str] = field(
        default_factory=lambda: ["important", "warning", "caution", "note", "tip", "danger"]
    )
    max_words: int = 8  # a label followed by only a short unpunctuated phrase is a teaser


def empty_callout(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A label (IMPORTANT:, Warning –, **Note:**) followed by nothing, by a teaser question or
    fragment, or by a colon with no list after it. A label whose list follows is not empty."""
    opts: CalloutOptions = rule.options
    labels = "|".join(map(re.escape, opts.labels))
    label_re = re.compile(rf"^\W{{0,3}}({labels})\W{{0,3}}\s*(?::|[–—]|\s-\s)\W{{0,3}}", re.I)
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item"):
            continue
        m = label_re.match(block.text)
        if not m:
            continue
        body = block.text[m.end() :].strip().strip("*_")
        words = WORD_RE.findall(body)
        if (not words or body.endswith(":")) and _followed_by_list(doc, block):
            continue  # the list is what the callout says
        teaser = body.endswith(("?", ":", "…", "...")) or not body.endswith((".", "!", ")"))
        if not words or (teaser and len(words) <= opts.max_words) or body.endswith(":"):
            s, e = block.span(0, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=doc.text[s:e], label=m.group(1)))


@dataclass(frozen=True)
class PseudoBulletOptions:
    # bullets pasted from web pages and word processors ("\uf0b7" is Word's Symbol-font bullet)
    glyphs: list[str] = field(default_factory=lambda: list(BULLET_GLYPHS))


def pseudo_bullets(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: PseudoBulletOptions = rule.options
    glyph_re = re.compile("(?m)^[ \t]*([" + re.escape("".join(opts.glyphs)) + "])[ \t]+")
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item", "table_cell"):
            continue
        for m in glyph_re.finditer(block.text):
            s, e = block.span(m.start(1), m.end(1))
            yield Hit(s, e, rule.format(match=m.group(1)), ("-",))


@dataclass(frozen=True)
class HeadingOrderOptions:
    front_matter_title_is_h1: bool = True


def heading_order(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: HeadingOrderOptions = rule.options
    h1_seen = opts.front_matter_title_is_h1 and bool(doc.meta.get("title"))
    previous = 1
    for head in doc.headings:
        s, e = head.span(0, len(head.text))
        if head.level == 1:
            if h1_seen:
                yield Hit(s, e, rule.format(match=head.text, problem="a second top-level heading"))
            h1_seen = True
        elif head.level > previous + 1:
            yield Hit(
                s,
                e,
                rule.format(
                    match=head.text,
                    problem=f"level {head.level} straight after level {previous}",
                ),
            )
        previous = head.level


@dataclass(frozen=True)
class ImageAltOptions:
    meaningless: list[str] = field(
        default_factory=lambda: ["image", "photo", "picture", "img", "graphic", "alt", "pic"]
    )


FILENAME_RE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|avif)$", re.I)


def image_alt(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: ImageAltOptions = rule.options
    for image in doc.images:
        alt = image.alt.strip()
        if alt and alt.lower() not in opts.meaningless and not FILENAME_RE.match(alt):
            continue
        yield Hit(image.start, image.end, rule.format(match=doc.text[image.start : image.end]))


@dataclass(frozen=True)
class OrphanCaptionOptions:
    max_words: int = 15


def orphan_caption(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    """A short unpunctuated paragraph straight after a paragraph that is only an image.

    A caption the writer marked up as one (the whole paragraph in *italics*) is deliberate."""
    opts: OrphanCaptionOptions = rule.options
    prose = [b for b in doc.blocks if b.kind != "alt"]
    image_starts = sorted(img.start for img in doc.images)
    for prev, block in itertools.pairwise(prose):
        if block.kind != "paragraph" or prev.kind != "paragraph":
            continue
        first = bisect.bisect_left(image_starts, prev.start)
        image_only = (
            not prev.text.strip() and first < len(image_starts) and image_starts[first] < prev.end
        )
        text = block.text.strip()
        words = WORD_RE.findall(text)
        source = doc.text[block.start : block.end].strip()
        italic = len(source) > 2 and source[0] in "*_" and source[-1] == source[0]
        if (
            image_only
            and not italic
            and words
            and len(words) <= opts.max_words
            and text[-1] not in ".!?:"
        ):
            s, e = block.span(0, len(block.text.rstrip()))
            yield Hit(s, e, rule.format(match=text), ("",))


OPTIONS: dict[str, Any] = {
    "list-intro": ListIntroOptions,
    "empty-section": EmptySectionOptions,
    "empty-callout": CalloutOptions,
    "pseudo-bullets": PseudoBulletOptions,
    "heading-order": HeadingOrderOptions,
    "image-alt": ImageAltOptions,
    "orphan-caption": OrphanCaptionOptions,
}
CHECKS: dict[str, Any] = {
    "list-intro": list_intro,
    "empty-section": empty_section,
    "empty-callout": empty_callout,
    "pseudo-bullets": pseudo_bullets,
    "heading-order": heading_order,
    "image-alt": image_alt,
    "orphan-caption": orphan_caption,
}
