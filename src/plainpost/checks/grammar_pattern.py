"""grammar-pattern: plainpost's own grammar rules as YAML token patterns.

See :mod:`plainpost.language.patterns` for the pattern language. Word classes come from a real
lexicon (lemminflect, the CMU dictionary), so a rule written for "you muscles" also catches
"you hamstrings" and "you knee".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import lexicon, typography
from plainpost.language.patterns import Match, Matcher, Pattern, render
from plainpost.language.tokens import BlockTokens, text_tokens
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class Options:
    patterns: list[Pattern]
    # named word lists used by token tests ({set: ditransitive}); inflections are added
    sets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=lambda: list(PROSE_KINDS))

    def __post_init__(self) -> None:
        if not self.patterns:
            raise ValueError("patterns: needs at least one pattern")
        used = {
            n
            for pat in self.patterns
            for p in (*pat.specs, *(s for a in pat.anti for s in a))
            for n in _names(p.set)
        }
        used |= {
            n
            for pat in self.patterns
            for p in (*pat.specs, *(s for a in pat.anti for s in a))
            for n in _names(p.not_set)
        }
        missing = used - set(self.sets)
        if missing:
            raise ValueError(f"sets: no set named {sorted(missing)[0]!r}")

    @cached_property
    def matcher(self) -> Matcher:
        sets = {}
        for name, words in self.sets.items():
            forms: set[str] = set()
            for word in words:
                low = lexicon.fold(word).lower()
                forms.add(low)
                forms |= lexicon.forms_of(low) if " " not in low else set()
            sets[name] = frozenset(forms)
        return Matcher(sets)


def _names(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def block_tokens(text: str, ctx: Context) -> BlockTokens:
    """The tokens of a block of this text, worked out once for all rules (and kept in the
    lint's memo, by text)."""
    return ctx.derived.by_text(("tokens", text), partial(text_tokens, text))


def _matches(opts: Options, text: str, ctx: Context) -> list[tuple[Pattern, Match]]:
    """Every pattern's matches in a block of this text, in the block's offsets."""
    matcher = opts.matcher
    return [
        (pattern, m)
        for sentence, words, positions in block_tokens(text, ctx).sentence_index
        for pattern in opts.patterns
        for m in matcher.find(pattern, sentence, words, positions)
    ]


def _misspelt(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Source spans of the words the spelling engine flags in this post (engines run once a
    post; an empty list when no engine runs)."""
    if not ctx.engines:
        return []
    from plainpost.language.pipeline import engine_hits

    hits = engine_hits(doc, ctx.engines, ctx.vocab, ctx.derived)
    # a word with a digit (mp3, H1N1) is a name or a code, not a typo: the spelling check
    # passes it, and its sound is read from its letters
    return [
        (h.start, h.end)
        for h in hits
        if h.category == "spelling" and not any(c.isdigit() for c in doc.text[h.start : h.end])
    ]


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    misspelt: list[tuple[int, int]] | None = None
    for block in blocks_in_scope(doc, opts.blocks):
        text = block.text
        found = ctx.derived.by_text(
            ("grammar-pattern", rule.id, text), partial(_matches, opts, text, ctx)
        )
        for pattern, m in found:
            start, end = m.span()
            if any(spec.sound for spec in pattern.specs):
                # the sound of a misspelt word is no guide: "a lnk" is a typo of "link",
                # not an initialism wanting "an"
                if misspelt is None:
                    misspelt = _misspelt(doc, ctx)
                tokens = m.all_tokens
                a, b = block.span(tokens[0].start, tokens[-1].end)
                if any(a <= s0 and e0 <= b for s0, e0 in misspelt):
                    continue
            original = text[start:end]
            suggestions: list[str] = []
            for template in pattern.suggest:
                filled = render(template, m, text)
                if filled is None:
                    continue
                cased = typography.fit_case(filled, original)
                for fitted in typography.variants(cased, doc):
                    if fitted != original and fitted not in suggestions:
                        suggestions.append(fitted)
            if pattern.suggest and not suggestions:
                continue  # every suggestion is the text itself: nothing to offer
            s, e = block.span(start, end)
            source_text = doc.text[s:e]
            values = {
                "match": source_text,
                "suggestion": " or ".join(f"“{x}”" for x in typography.distinct(suggestions)),
                "first": suggestions[0] if suggestions else "",
            }
            for n, group in enumerate(m.groups):
                if group:
                    a, b = block.span(group[0].start, group[-1].end)
                    values[f"t{n}"] = doc.text[a:b]
            message = _format(pattern.message or rule.message, values)
            yield Hit(
                s,
                e,
                message,
                tuple(suggestions),
                safe_fix=pattern.safe and m.certain and bool(suggestions),
            )


def _format(template: str, values: dict[str, str]) -> str:
    """The message with its placeholders filled; an unknown one becomes empty."""
    try:
        return template.format_map(_Missing(values))
    except (IndexError, ValueError):
        return template


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""
