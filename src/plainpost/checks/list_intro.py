"""list-intro: a sentence ending in a colon with no list (or table, code, image) after it.

Items may also follow as headed sections: "There are two types of operation:" then "### Open
surgery" and "### Keyhole surgery", or "To ease the pain:" then "### Do" over a list. A list
typed as plain lines, typed bullets, items spaced out on one line or paragraphs that open with a
bold label is a list too (the structure rules say how to type it). An intro
inside a section, followed by a heading below that section's level, introduces them when that
heading has a list right under it or a sibling heading after it (a lone heading with prose
under it is the next topic, not the promised list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.document.lists import followed_by_list
from plainpost.document.model import WORD_RE, split_sentences
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    min_words: int = 3
    exclude: list[str] = field(default_factory=list)  # patterns of blocks that are not intros


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
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
        if (
            followed_by_list(doc, block)
            or followed_by_headed_items(doc, block)
            or followed_by_typed_list(doc, block)
        ):
            continue
        s, e = block.span(sentence[0], len(text))
        yield Hit(s, e, rule.format(match=doc.text[s:e]))


def doc_last_sentence(doc: Document, block: Block) -> tuple[int, str]:
    sentences = split_sentences(block)
    if not sentences:
        return 0, block.text
    last = sentences[-1]
    return last.start, last.text


_TYPED_MARKS = re.compile(r"(?:^|\s)(?:\w-|[•·▪◦‣*]|-|–)\s")


def followed_by_typed_list(doc: Document, block: Block) -> bool:
    """Whether the list is there, typed as plain lines: short lines one under another ("Refined
    oils / Added sugars"), typed bullets ("R- Rest I- Ice"), items spaced out on one line, or an
    item left below the list. The structure rules report how it is typed; the intro has its list."""
    if block.index + 1 >= len(doc.blocks):
        return False
    nxt = doc.blocks[block.index + 1]
    if nxt.kind != "paragraph":
        return False
    lines = [line.strip() for line in nxt.text.split("\n") if line.strip()]
    if len(lines) >= 2 and all(len(WORD_RE.findall(line)) <= 10 for line in lines):
        return True
    source = doc.text[nxt.start : nxt.end]
    if source.lstrip().startswith(("**", "__")):
        return True  # items as paragraphs that open with a bold label ("**Open repair** - ...")
    if len(re.findall(r"\S {3,}(?=\S)", source)) >= 2 or len(_TYPED_MARKS.findall(nxt.text)) >= 2:
        return True
    return nxt.text[:1].islower() and len(WORD_RE.findall(nxt.text)) <= 10


def followed_by_headed_items(doc: Document, block: Block) -> bool:
    """Whether the intro's items follow as headed subsections (see the module's docstring)."""
    if block.index + 1 >= len(doc.blocks):
        return False
    head = doc.blocks[block.index + 1]
    if head.kind != "heading":
        return False
    own = doc.headings[block.section].level if block.section >= 0 else 0
    if own == 0 and head.level >= 3 and followed_by_list(doc, head):
        return True  # "To ease the pain:" over "### Do" and its list, with no section above
    if head.level >= own and len(WORD_RE.findall(head.text)) <= 3 and followed_by_list(doc, head):
        return True  # a label over its list, at the intro's own level ("### Do")
    if own < 2 or head.level <= own:
        return False  # only a section's own subsections: not the post's next section
    if followed_by_list(doc, head):
        return True
    later = [b for b in doc.blocks[head.index + 1 :] if b.kind == "heading"]
    for other in later:
        if other.level < head.level:
            return False
        if other.level == head.level:
            return True
    return False
