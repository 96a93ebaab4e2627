"""dose-limit: a dose of a named supplement or medicine stated above its recognised adult limit.

The rule file holds the data: each substance's names (patterns), its adult daily upper limit
with the unit it is given in, how many IU make a microgram where the substance is also dosed in
IU (vitamin D: 40), and the source of the number. The check finds amounts with a unit ("4,000
IU", "50 mcg", "1,000 to 2,000 mg", "8 g") in a sentence that names a substance within
``window`` characters, converts the amount (the top of a range) into the limit's unit and
reports it when it is above the limit. An amount "of" something else ("200 g of spinach") is
that thing's. A sentence that gives a daily dose and names no substance ("take 3,000 mg a day")
is read as a dose of the one substance its paragraph, its section's heading, the post's title
or else the whole post names (when exactly one is named there). A dose given per week or month
is left alone (the limits are per day), and so is a sentence that warns against a dose ("do not
take more than ...", "an overdose").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import blocks_in_scope
from plainpost.document.sentences import sentence_spans
from plainpost.findings import Hit
from plainpost.rulebook.model import Rule
from plainpost.textmatch.casefold import Matcher, fold_pattern, fold_text

UNITS = ("mg", "mcg", "g", "IU")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?P<low>{_NUMBER})(?:\s?(?:-|–|to)\s?(?P<high>{_NUMBER}))?\s?"
    r"(?P<unit>mg|milligrams?|mcg|µg|μg|ug|micrograms?|g|grams?|iu|i\.u\.|international\s+units?)"
    r"(?![\w])"
)
_UNIT_NAMES = {
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "mcg": "mcg",
    "µg": "mcg",
    "μg": "mcg",
    "ug": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "g": "g",
    "gram": "g",
    "grams": "g",
    "iu": "IU",
    "i.u.": "IU",
}
_OF = re.compile(r"\s+of\s+(?:(?:a|an|the|your|pure|extra|elemental|daily)\s+)?")
_TO_MG = {"mg": 1.0, "mcg": 0.001, "g": 1000.0}


@dataclass(frozen=True)
class Limit:
    name: str  # as shown in the message: "vitamin D"
    names: list[str]  # patterns that name it in a post
    limit: float  # the adult daily upper limit, in `unit`
    unit: str  # mg | mcg | g | IU
    source: str  # where the number comes from
    iu_per_mcg: float = 0.0  # IU in one microgram, where the substance is dosed in IU
    per: str = "a day"  # shown in the message

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"{self.name}: unit must be one of {', '.join(UNITS)}")
        if self.limit <= 0:
            raise ValueError(f"{self.name}: limit must be above 0")
        if not self.names:
            raise ValueError(f"{self.name}: needs names")
        if not self.source:
            raise ValueError(f"{self.name}: needs the source of the number")
        _ = self.matcher

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(fold_pattern(p) for p in self.names)

    def convert(self, amount: float, unit: str) -> float | None:
        """`amount` of `unit` in this limit's unit; None when the two do not convert."""
        if unit == self.unit:
            return amount
        if unit == "IU" or self.unit == "IU":
            if not self.iu_per_mcg:
                return None
            mcg = amount / self.iu_per_mcg if unit == "IU" else amount * _TO_MG[unit] * 1000
            return mcg * self.iu_per_mcg if self.unit == "IU" else mcg / 1000 / _TO_MG[self.unit]
        return amount * _TO_MG[unit] / _TO_MG[self.unit]

    def shown(self) -> str:
        value = f"{self.limit:,.0f}" if self.limit == int(self.limit) else f"{self.limit:g}"
        text = f"{value} {self.unit}"
        if self.iu_per_mcg and self.unit == "mcg":
            text += f" ({self.limit * self.iu_per_mcg:,.0f} IU)"
        return text


@dataclass(frozen=True)
class Options:
    limits: list[Limit]
    window: int = 60  # characters between a substance's name and the amount
    # an amount in a sentence that matches one of these near it is not a daily dose to check
    unless: list[str] = field(
        default_factory=lambda: [
            r"\b(?:a|per|each|every|once\s+a|twice\s+a)\s+(?:week|fortnight|month)\b",
            r"\bweekly\b|\bmonthly\b",
        ]
    )
    # a sentence that warns against a dose: "do not take more than", "an overdose"
    warning: list[str] = field(
        default_factory=lambda: [
            r"(?:\b(?:not|never|no)|n't)\s+(?:\w+\s+){0,3}?(?:more\s+than|over|above|exceed\w*|beyond)",
            r"\b(?:too\s+much|overdose|toxic|poisoning|dangerous)\b",
        ]
    )
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item", "table_cell"])

    def __post_init__(self) -> None:
        if not self.limits:
            raise ValueError("limits: needs at least one substance")
        _ = self.unless_matcher, self.warning_matcher

    @cached_property
    def unless_matcher(self) -> Matcher:
        return Matcher(fold_pattern(p) for p in self.unless)

    @cached_property
    def warning_matcher(self) -> Matcher:
        return Matcher(fold_pattern(p) for p in self.warning)


# a sentence that gives a dose to take, when it names no substance itself
_DAILY = re.compile(
    r"\b(?:a|per|each|every)\s+(?:day|morning|evening|night)\b|\bdaily\b|\bdose\b"
    r"|\b(?:take|taking|recommend\w*)\b"
)


def _named(opts: Options, text: str) -> set[int]:
    """Which limits (by index) a text names."""
    low = fold_text(text)
    return {i for i, limit in enumerate(opts.limits) if limit.matcher.search(low)}


def _context_limit(
    opts: Options, doc: Document, block_text: str, section: int, in_post: Callable[[], set[int]]
) -> Limit | None:
    """The one substance the paragraph, its section's heading, the title or the post names
    (``in_post``: the limits the whole post names, worked out once per post)."""
    heading = doc.headings[section].text if 0 <= section < len(doc.headings) else ""
    title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else ""
    for text in (block_text, heading, title):
        named = _named(opts, text) if text else set()
        if len(named) == 1:
            return opts.limits[named.pop()]
        if named:
            return None
    named = in_post()
    return opts.limits[next(iter(named))] if len(named) == 1 else None


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    post_names: list[set[int]] = []

    def in_post() -> set[int]:
        if not post_names:
            post_names.append(set().union(*(_named(opts, b.text) for b in doc.blocks)))
        return post_names[0]

    for block in blocks_in_scope(doc, opts.blocks):
        if block.kind not in opts.blocks:
            continue
        text = block.text
        low = fold_text(text)
        if not _AMOUNT.search(low):
            continue
        for s_start, s_end in sentence_spans(text):
            sentence = low[s_start:s_end]
            if opts.unless_matcher.search(sentence):
                continue
            fallback = None
            if _DAILY.search(sentence) and not any(
                lim.matcher.search(sentence) for lim in opts.limits
            ):
                fallback = _context_limit(opts, doc, text, block.section, in_post)
            for hit in _sentence_hits(opts, sentence, fallback):
                (start, end), limit, amount = hit
                if opts.warning_matcher.search(sentence):
                    continue
                s, e = block.span(s_start + start, s_start + end)
                yield Hit(
                    s,
                    e,
                    rule.format(
                        match=doc.text[s:e],
                        substance=limit.name,
                        limit=limit.shown(),
                        per=limit.per,
                        amount=amount,
                        source=limit.source,
                    ),
                )


def _sentence_hits(
    opts: Options, sentence: str, fallback: Limit | None = None
) -> Iterator[tuple[tuple[int, int], Limit, str]]:
    """(span of the amount, the limit it is above, the amount as written) in one sentence;
    `fallback` is the substance of a sentence that names none."""
    names: list[tuple[int, int, Limit]] = []
    for limit in opts.limits:
        names.extend((m.start(), m.end(), limit) for m in limit.matcher.finditer(sentence))
    if not names and fallback is None:
        return
    for m in _AMOUNT.finditer(sentence):
        unit = _UNIT_NAMES.get(re.sub(r"\s+", " ", m.group("unit")), "")
        if m.group("unit").startswith("international"):
            unit = "IU"
        if not unit:
            continue
        amount = float((m.group("high") or m.group("low")).replace(",", ""))
        of = _OF.match(sentence, m.end())
        if fallback is not None:  # the sentence names no substance: the context's
            value = fallback.convert(amount, unit)
            if not of and value is not None and value > fallback.limit * 1.0001:
                yield m.span(), fallback, m.group()
            continue
        if of:  # "200 g of spinach": the amount is of what follows "of"
            bound = [limit for s, _e, limit in names if of.end() <= s <= of.end() + 25]
            if not bound:
                continue
            value = bound[0].convert(amount, unit)
            if value is not None and value > bound[0].limit * 1.0001:
                yield m.span(), bound[0], m.group()
            continue
        near = [
            (min(abs(m.start() - e), abs(s - m.end())), limit)
            for s, e, limit in names
            if s - m.end() <= opts.window and m.start() - e <= opts.window
        ]
        if not near:
            continue
        limit = min(near, key=lambda pair: pair[0])[1]
        value = limit.convert(amount, unit)
        if value is not None and value > limit.limit * 1.0001:
            yield m.span(), limit, m.group()
