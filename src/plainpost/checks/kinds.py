"""The kind table: the closed set of Python check types that rule files choose with ``kind:``.

:data:`KINDS` is the one table of them. Each :class:`Kind` names its options dataclass (validated
from the rule's ``options:``), its pure check function ``(doc, rule, ctx) -> Iterable[Hit]`` and
what the rest of plainpost needs to know about it (its capabilities); code elsewhere asks the
kind, never compares kind or rule ids. A new kind is its own module in this folder (an
``Options`` dataclass and a ``check`` function), one line here, and its rule file in ``rules/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from plainpost.checks import (
    abbreviation,
    chrome,
    claims,
    dose,
    empty_callout,
    empty_section,
    existence,
    frontmatter,
    grammar_pattern,
    heading_numbers,
    heading_order,
    image_alt,
    list_intro,
    orphan_caption,
    pseudo_bullets,
    publishable,
    readability,
    real_word,
    review,
    safety,
    sections,
    stray_line,
    substitution,
    suppression_rule,
    syntax,
)
from plainpost.checks import language_engine as engine

if TYPE_CHECKING:
    from plainpost.checks.context import Context
    from plainpost.document import Document
    from plainpost.findings import Hit
    from plainpost.rulebook import Rule

CheckFn = Callable[["Document", "Rule", "Context"], Iterable["Hit"]]


class OnBuild(Enum):
    """What ``plainpost build`` does with a kind's findings besides refusing on errors."""

    NOTHING = "nothing"
    MAKE_LIST = "make-list"  # the lines become real list items
    DROP_CAPTION = "drop-caption"  # the caption goes (into the image's alt text when empty)


@dataclass(frozen=True)
class Kind:
    name: str
    options: type[Any]
    check: CheckFn
    needs_engines: bool = False  # spelling and grammar engines (Harper, LanguageTool)
    # inserts a standard wording from rules/snippets/: needs the snippets, and its findings are
    # the insertions `plainpost fix --notes` applies
    needs_snippets: bool = False
    meta: bool = False  # about suppression directives: reported by the lint layer, not checked
    merge_rank: int = 3  # lower is clearer, when rules report one problem (spelling, grammar)
    on_build: OnBuild = OnBuild.NOTHING
    # process-wide tables derived from package data that the check reads (language.TABLES):
    # a compiled rulebook carries them, so a process that loads one builds none of them
    tables: tuple[str, ...] = ()


MAKE_LIST, DROP_CAPTION = OnBuild.MAKE_LIST, OnBuild.DROP_CAPTION


def _engine_kind(name: str, options: type[Any], check: CheckFn) -> Kind:
    """Spelling and grammar: run by the engines, ranked after plainpost's own patterns."""
    return Kind(name, options, check, needs_engines=True, merge_rank=5, tables=WORDS)


# the word table (tags and word classes) and lemminflect's lemmas and inflections
# (language/lexicon.py)
WORDS = ("words", "inflections")
SYLLABLES = ("hyphenation",)  # Pyphen's patterns, for words the CMU dictionary lacks


# fmt: off
_KINDS = (
    Kind("existence", existence.Options, existence.check),
    Kind("substitution", substitution.Options, substitution.check),
    Kind("required-section", sections.Options, sections.check),
    Kind("readability", readability.PostOptions, readability.check_post, tables=SYLLABLES),
    Kind("hard-sentence", readability.SentenceOptions, readability.check_sentences,
         tables=SYLLABLES),
    Kind("list-intro", list_intro.Options, list_intro.check),
    Kind("empty-section", empty_section.Options, empty_section.check),
    Kind("empty-callout", empty_callout.Options, empty_callout.check),
    Kind("pseudo-bullets", pseudo_bullets.Options, pseudo_bullets.check, on_build=MAKE_LIST),
    Kind("heading-order", heading_order.Options, heading_order.check),
    Kind("heading-numbers", heading_numbers.Options, heading_numbers.check),
    Kind("image-alt", image_alt.Options, image_alt.check),
    Kind("orphan-caption", orphan_caption.Options, orphan_caption.check, on_build=DROP_CAPTION),
    Kind("unpublishable-html", publishable.Options, publishable.check),
    Kind("front-matter", frontmatter.Options, frontmatter.check),
    Kind("suppression", suppression_rule.Options, suppression_rule.check, meta=True),
    Kind("safety-note", safety.Options, safety.check, needs_snippets=True),
    Kind("claim", claims.Options, claims.check),
    Kind("unsafe-advice", claims.Options, claims.check),
    Kind("dose-limit", dose.Options, dose.check),
    Kind("repeated-title", chrome.Options, chrome.check),
    Kind("stray-line", stray_line.Options, stray_line.check, merge_rank=4),  # a shape, not words
    Kind("unexplained-abbreviation", abbreviation.Options, abbreviation.check),
    Kind("review", review.Options, review.check),
    Kind("grammar-pattern", grammar_pattern.Options, grammar_pattern.check, merge_rank=0,
         tables=WORDS),
    Kind("real-word", real_word.Options, real_word.check, tables=(*WORDS, "realword")),
    Kind("syntax", syntax.Options, syntax.check, merge_rank=1, tables=WORDS),
    _engine_kind("spelling", engine.SpellingOptions, engine.check_spelling),
    _engine_kind("grammar", engine.GrammarOptions, engine.check_grammar),
)
# fmt: on
KINDS: dict[str, Kind] = {k.name: k for k in _KINDS}


def kind_of(name: str) -> Kind:
    """The kind a rule file names; ``KeyError`` (with the known names) for one that does not
    exist."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown kind {name!r} (known: {', '.join(sorted(KINDS))})") from None


def options_for(name: str) -> type[Any]:
    """A kind's options dataclass (what the rule loader validates ``options:`` against)."""
    return kind_of(name).options
