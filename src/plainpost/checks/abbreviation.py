"""abbreviation: an abbreviation used before (or without) its spelt-out form.

An abbreviation is a word of two to six capitals, with digits or a lower-case plural "s"
allowed after the first two letters (DOMS, ITB, ACL, COPD, NSAIDs). It is explained at its first
use when the words it stands for stand next to it: "delayed onset muscle soreness (DOMS)",
"DOMS (delayed onset muscle soreness)", "DOMS, or delayed onset muscle soreness", "DOMS stands
for ...". The check compares initials, so "range of motion (ROM)" counts and "knee (ACL)" does
not. Later uses of an explained abbreviation pass; each unexplained one is reported once, at its
first use. Abbreviations everyone knows (NHS, GP, UK, DNA) are listed in the rule's ``known``.
A word in capitals that is an English word of three letters or more ("the BEST job", "BANG",
"FLU CLINICS") is emphasis, not an abbreviation (the part-of-speech lexicon knows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import lexicon
from plainpost.rulebook.model import Rule

ABBREVIATION = re.compile(r"(?<![\w&.-])([A-Z][A-Z&][A-Z0-9&]{0,4})(s?)(?![\w&-])")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_SMALL = {"of", "and", "the", "in", "for", "to", "on", "a", "an", "with", "or", "&"}
_DEFINES = re.compile(
    r"^\s*(?:\(|,\s*(?:or|also\s+called|also\s+known\s+as|which\s+stands\s+for)\s+|"
    r"\s+(?:stands\s+for|is\s+short\s+for|means)\s+|\s*[-–—:]\s*)"
)

_GLOSS = re.compile(r"^s?\s*\(\s*([^()]{2,80}?)\s*\)")


@dataclass(frozen=True)
class Options:
    known: list[str] = field(default_factory=list)  # abbreviations lay readers know
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item", "table_cell"])
    window: int = 8  # words before or after the abbreviation where its words may stand

    @cached_property
    def known_set(self) -> frozenset[str]:
        return frozenset(k.upper() for k in self.known)


def initials_match(abbr: str, words: list[str]) -> bool:
    """Do the words (in order) spell the abbreviation by their initials (small words optional,
    and a word may give two letters, as in "electrocardiogram" for ECG's "EC")?"""
    letters = [c for c in abbr.upper() if c.isalpha()]
    if not letters or not words:
        return False
    return _spell(letters, [w.lower() for w in words])


def _spell(letters: list[str], words: list[str]) -> bool:
    if not letters:
        return not [w for w in words if w not in _SMALL]
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head in _SMALL and _spell(letters, rest):
        return True
    if head[:1].upper() != letters[0]:
        return False
    # this word gives the next letter, and maybe more letters from inside it (ECG, ITB)
    i = 1
    while True:
        if _spell(letters[i:], rest):
            return True
        if i >= len(letters) or letters[i].lower() not in head[1:]:
            return False
        head = head[head.index(letters[i].lower(), 1) :]
        i += 1


def near_spelling(abbr: str, words: list[str]) -> bool:
    """Do the words just before a bracketed abbreviation spell it but for one inner letter?
    "Gastro-oesophageal disease (GORD)" leaves out reflux's R: the reader is told what GORD
    stands for, if not word for word. The parts of a hyphenated word count as words."""
    letters = [c for c in abbr.upper() if c.isalpha()]
    parts = [p for w in words for p in w.split("-") if p and p.lower() not in _SMALL]
    if len(letters) < 3 or len(parts) < 2:
        return False
    initials = "".join(p[0].upper() for p in parts)
    return any(
        initials.endswith("".join(letters[:skip] + letters[skip + 1 :]))
        for skip in range(1, len(letters) - 1)
    )


def explained_here(abbr: str, text: str, start: int, end: int, window: int) -> bool:
    """Is the abbreviation at text[start:end] spelt out right beside it?"""
    n = len([c for c in abbr if c.isalpha()])
    before = _WORD.findall(text[max(0, start - 120) : start])
    # "delayed onset muscle soreness (DOMS)": the words just before an opening bracket
    if text[max(0, start - 1) : start] == "(" or re.search(r"\(\s*$", text[:start]):
        for k in range(1, min(len(before), n + window) + 1):
            if initials_match(abbr, before[-k:]):
                return True
        if near_spelling(abbr, before[-n:]):
            return True
    # "the IT band, or ITB": the words before ", or", "also called", "known as"
    lead = re.search(
        r"(?:,\s*(?:or|also\s+called|also\s+known\s+as|known\s+as|called)|\bor)\s+(?:the\s+)?$",
        text[max(0, start - 40) : start],
    )
    if lead:
        words = _WORD.findall(text[max(0, start - 160) : start - len(lead.group())])
        for k in range(1, min(len(words), n + window) + 1):
            if initials_match(abbr, words[-k:]):
                return True
    after = text[end : end + 160]
    # "an IUD (contraception device)", "DEET (diethyltoluamide)": a gloss in brackets after it
    gloss = _GLOSS.match(after)
    if gloss:
        words = _WORD.findall(gloss.group(1))
        if len(words) >= 2 or (words and len(words[0]) >= 2 * n and words[0][0].upper() == abbr[0]):
            return True
    # "the number of red blood cells you have (your RBC count)": spelt out earlier in the
    # sentence, not right beside it
    sentence = re.split(r"[.!?]\s", text[max(0, start - 200) : start])[-1]
    words = _WORD.findall(sentence)
    for stop in range(len(words), 0, -1):
        for k in range(1, min(stop, n + window) + 1):
            if initials_match(abbr, words[stop - k : stop]):
                return True
    if _DEFINES.match(after):
        words = _WORD.findall(after)
        for k in range(1, min(len(words), n + window) + 1):
            if initials_match(abbr, words[:k]):
                return True
    return False


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    done: set[str] = set()
    for block in blocks_in_scope(doc, opts.blocks):
        if block.kind not in opts.blocks:
            continue
        text = block.text
        for m in ABBREVIATION.finditer(text):
            abbr = m.group(1)
            if abbr in done or abbr in opts.known_set or not any(c.isalpha() for c in abbr[1:]):
                continue
            if _shouting(text, m.start(), m.end()) or _a_word(abbr, m.group(2)):
                continue
            done.add(abbr)
            if explained_here(abbr, text, m.start(), m.end(), opts.window):
                continue
            s, _ = block.span(m.start(), m.end())
            if any(link.start <= s < link.end and link.href for link in block.links):
                continue  # the linked page explains it ("[MRSA](…/conditions/MRSA/)")
            s, e = block.span(m.start(), m.end())
            yield Hit(s, e, rule.format(match=doc.text[s:e]))


def _shouting(text: str, start: int, end: int) -> bool:
    """A word in a run of capitals ("NEVER PUT THE BAG ON YOUR SKIN") is emphasis, not an
    abbreviation. The run is of English words: abbreviations side by side ("IASTM on the TFL
    and QL") are not shouting."""
    around = text[max(0, start - 30) : end + 30]
    caps = re.findall(r"\b[A-Z]{2,}\b", around)
    words = [c for c in caps if "UNK" not in lexicon.tags(c.lower())]
    if len(caps) >= 3 and len(words) >= 2:
        return True
    # a name in capitals beside an English word in capitals: "At STRIDE PHYSIO we help"
    beside = re.findall(r"\b([A-Z]{3,})\s+$", text[max(0, start - 30) : start])
    beside += re.findall(r"^\s+([A-Z]{3,})\b", text[end : end + 30])
    return any("UNK" not in lexicon.tags(b.lower()) for b in beside)


def _a_word(abbr: str, plural: str) -> bool:
    """An English word written in capitals for emphasis ("BEST", "FLU"), not initials."""
    if len(abbr) < 3 or not abbr.isalpha():
        return False
    return "UNK" not in lexicon.tags((abbr + plural).lower())
