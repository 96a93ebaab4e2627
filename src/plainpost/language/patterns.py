"""Token patterns for grammar rules, written in YAML (in the spirit of LanguageTool's XML rules).

A pattern is a list of token tests matched inside one sentence. A test is either a word
(``its``, ``could|should``) or a mapping whose keys all have to hold::

    word / not_word   words (folded, case-insensitive); "a|b" or a list
    lemma             any inflection of these lemmas (lemminflect): lemma: give -> gave, giving
    tag / not_tag     Penn tags the word *can* have (lemminflect + closed classes); "NN*" = NN...
    only              every tag the word can have is one of these (an unambiguous word)
    set / not_set     a word list named in the rule's ``sets:`` (with all inflections)
    regex, not_regex  a regular expression the token text must (not) match in full
    same              the same word as token N (doubled words)
    case              lower | upper | title
    sound             vowel | consonant: the sound the word starts with (CMU dictionary)
    punct             punctuation characters
    any               any word or number
    start             the word starts its sentence (after opening quotes or brackets)
    end               no word follows in the sentence (only punctuation, if anything)
    optional, repeat  "?" / "+" / "*" (with max, default 6) for optional and repeated tokens
    mark              the token is part of the reported span (default: the whole match)

``suggest`` templates replace the marked span: ``{2}`` is the text of token 2, ``{2:VB}`` token 2
inflected to a Penn tag, ``{2:article}`` the article token 2 wants, ``{2:lower}``. ``unless``
lists anti-patterns: a match that overlaps one of them is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from plainpost.language import lexicon
from plainpost.language.tokens import Token

Repeat = Literal["", "?", "+", "*"]


def _as_list(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    return tuple(p.strip() for item in items for p in item.split("|") if p.strip())


@dataclass(frozen=True)
class TokenSpec:
    word: str | list[str] | None = None
    not_word: str | list[str] | None = None
    lemma: str | list[str] | None = None
    tag: str | list[str] | None = None
    not_tag: str | list[str] | None = None
    only: str | list[str] | None = None
    set: str | list[str] | None = None
    not_set: str | list[str] | None = None
    regex: str | None = None
    not_regex: str | None = None
    same: int | None = None  # the same word (any case) as token N of the pattern
    case: Literal["lower", "upper", "title", ""] = ""
    sound: Literal["vowel", "consonant", ""] = ""
    punct: str | list[str] | None = None
    any: bool = False
    start: bool = False
    end: bool = False
    repeat: Repeat = ""
    optional: bool = False
    max: int = 6
    mark: bool = False

    def __post_init__(self) -> None:
        if self.regex:
            _ = self.compiled
        if self.not_regex:
            _ = self.not_compiled
        if self.end and any(
            (self.word, self.lemma, self.tag, self.only, self.set, self.regex, self.punct, self.any)
        ):
            raise ValueError("a token with end: true matches no word; give it no other test")

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(lexicon.fold(w).lower() for w in _as_list(self.word))

    @cached_property
    def not_words(self) -> frozenset[str]:
        return frozenset(lexicon.fold(w).lower() for w in _as_list(self.not_word))

    @cached_property
    def lemma_forms(self) -> frozenset[str]:
        out: set[str] = set()
        for lemma in _as_list(self.lemma):
            out |= lexicon.forms_of(lemma)
        return frozenset(out)

    @cached_property
    def tags(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(tag, not_tag, only) as tuples, parsed once."""
        return _as_list(self.tag), _as_list(self.not_tag), _as_list(self.only)

    @cached_property
    def set_names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return _as_list(self.set), _as_list(self.not_set)

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex or "")

    @cached_property
    def not_compiled(self) -> re.Pattern[str]:
        return re.compile(self.not_regex or "")

    @property
    def min_count(self) -> int:
        return 0 if self.optional or self.repeat in ("?", "*") else 1

    @property
    def max_count(self) -> int:
        if self.end:
            return 0
        return self.max if self.repeat in ("+", "*") else 1


def _tag_match(wanted: tuple[str, ...], tags: frozenset[str]) -> bool:
    for w in wanted:
        if w.endswith("*"):
            if any(t.startswith(w[:-1]) for t in tags):
                return True
        elif w in tags:
            return True
    return False


@dataclass(frozen=True)
class Pattern:
    tokens: list[TokenSpec | str]
    suggest: list[str] = field(default_factory=list)
    safe: bool = False
    message: str = ""
    unless: list[list[TokenSpec | str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tokens:
            raise ValueError("a pattern needs tokens")
        _ = self.specs, self.anti
        for template in self.suggest:
            for ref in re.findall(r"\{(\d+)", template):
                if int(ref) >= len(self.tokens):
                    raise ValueError(f"suggest {template!r}: no token {ref}")

    @cached_property
    def specs(self) -> tuple[TokenSpec, ...]:
        return tuple(_spec(t) for t in self.tokens)

    @cached_property
    def must(self) -> frozenset[str]:
        """The words of the first required literal token: a sentence without one of them
        cannot match (empty when every token is a tag test)."""
        for spec in self.specs:
            if spec.min_count and spec.words:
                return spec.words
        return frozenset()

    @cached_property
    def anchor(self) -> tuple[frozenset[str], int, int] | None:
        """Where a match can start, from its first required literal token: (its words,
        fewest, most) such that a match starting at token i has that word at token i + fewest
        .. i + most. None when no such token (or one that also takes punctuation or code)."""
        fewest = most = 0
        for spec in self.specs:
            if spec.min_count and spec.words:
                if spec.punct is not None or spec.any:
                    return None
                return spec.words, fewest, most
            if not spec.end:
                fewest += spec.min_count
            most += spec.max_count
        return None

    @cached_property
    def anti(self) -> tuple[tuple[TokenSpec, ...], ...]:
        return tuple(tuple(_spec(t) for t in a) for a in self.unless)

    @cached_property
    def anti_patterns(self) -> tuple[Pattern, ...]:
        return tuple(Pattern(tokens=list(a)) for a in self.anti)


def _spec(item: TokenSpec | str) -> TokenSpec:
    return TokenSpec(word=item) if isinstance(item, str) else item


@dataclass
class Match:
    pattern: Pattern
    groups: list[list[Token]]  # tokens captured by each spec
    certain: bool = True

    @property
    def all_tokens(self) -> list[Token]:
        return [t for g in self.groups for t in g]

    @property
    def marked(self) -> list[Token]:
        specs = self.pattern.specs
        if any(s.mark for s in specs):
            return [t for s, g in zip(specs, self.groups, strict=True) if s.mark for t in g]
        return self.all_tokens

    def span(self) -> tuple[int, int]:
        toks = self.marked or self.all_tokens
        return toks[0].start, toks[-1].end


class Matcher:
    """Matches patterns over the tokens of one sentence."""

    def __init__(self, sets: dict[str, frozenset[str]]) -> None:
        self.sets = sets

    def test(self, spec: TokenSpec, tok: Token, sentence: list[Token], i: int) -> bool | None:
        """True / False; None means "matched, but not certainly" (sound of unknown words)."""
        if spec.punct is not None:
            chars = spec.punct if isinstance(spec.punct, str) else "".join(spec.punct)
            return tok.kind == "punct" and tok.text in chars
        if tok.kind == "punct":
            return False
        if tok.kind == "code":
            return spec.any and not spec.sound  # no sound to read in code ("an `ext4` file")
        low = tok.low
        if spec.words and low not in spec.words:
            return False
        if spec.not_words and low in spec.not_words:
            return False
        if spec.lemma is not None and low not in spec.lemma_forms:
            return False
        in_sets, not_in_sets = spec.set_names
        if in_sets and not any(low in self.sets.get(name, frozenset()) for name in in_sets):
            return False
        if not_in_sets and any(low in self.sets.get(name, frozenset()) for name in not_in_sets):
            return False
        if spec.regex and not spec.compiled.fullmatch(tok.text):
            return False
        if spec.not_regex and spec.not_compiled.fullmatch(tok.text):
            return False
        if spec.case:
            text = tok.text
            if spec.case == "lower" and not text.islower():
                return False
            if spec.case == "upper" and not text.isupper():
                return False
            if spec.case == "title" and not (text[:1].isupper() and not text.isupper()):
                return False
        if spec.start and not _starts_sentence(sentence, i):
            return False
        want, refuse, only = spec.tags
        if want or refuse or only:
            tags = tok.tags
            if want and not _tag_match(want, tags):
                return False
            if refuse and _tag_match(refuse, tags):
                return False
            if only and not (tags and all(_tag_match(only, frozenset((t,))) for t in tags)):
                return False
        if spec.sound:
            sound, certain = lexicon.start_sound(tok.text)
            if not sound or sound != ("V" if spec.sound == "vowel" else "C"):
                return False
            if not certain:
                return None
        return True

    def match_at(self, pattern: Pattern, sentence: list[Token], i: int) -> Match | None:
        specs = pattern.specs
        groups: list[list[Token]] = [[] for _ in specs]
        uncertain = [False]

        def go(si: int, ti: int) -> bool:
            if si == len(specs):
                return True
            spec = specs[si]
            if spec.end:
                rest = sentence[ti:]
                return all(t.kind == "punct" for t in rest) and go(si + 1, ti)
            taken: list[Token] = []
            k = ti
            # greedy: take as many as allowed, then back off
            while len(taken) < spec.max_count and k < len(sentence):
                ok = self.test(spec, sentence[k], sentence, k)
                if ok is not False and spec.same is not None:
                    ref = groups[spec.same] if spec.same < si else []
                    ok = bool(ref) and ref[-1].low == sentence[k].low
                if ok is False:
                    break
                if ok is None:
                    uncertain[0] = True
                taken.append(sentence[k])
                k += 1
            while len(taken) >= spec.min_count:
                groups[si] = list(taken)
                if go(si + 1, ti + len(taken)):
                    return True
                if not taken:
                    break
                taken.pop()
            groups[si] = []
            return False

        if go(0, i):
            m = Match(pattern, groups, certain=not uncertain[0])
            if m.all_tokens or any(s.end for s in specs):
                return m
        return None

    def find(
        self,
        pattern: Pattern,
        sentence: list[Token],
        words: frozenset[str] | None = None,
        positions: Mapping[str, list[int]] | None = None,
    ) -> Iterator[Match]:
        """Matches in a sentence; ``words`` (the sentence's folded lower-case words) lets a
        pattern that needs a literal word skip sentences without it; ``positions`` (where
        each word and number of the sentence is, by its folded lower-case text) lets it try
        only the starts near that word (:attr:`Pattern.anchor`), not every token."""
        must = pattern.must
        if must and words is not None and must.isdisjoint(words):
            return
        specs = pattern.specs
        first = specs[0]
        anchor = first.words if first.min_count and first.words else None
        # "the same word as the one before" (doubled words): only where two lows are equal
        pairs = len(specs) > 1 and specs[1].same == 0 and first.max_count == 1
        last_end = -1
        for i in self._starts(pattern, len(sentence), positions):
            if sentence[i].start < last_end:
                continue
            if anchor is not None and sentence[i].low not in anchor:
                continue
            if pairs and (i + 1 >= len(sentence) or sentence[i + 1].low != sentence[i].low):
                continue
            m = self.match_at(pattern, sentence, i)
            if m is None or not m.all_tokens:
                continue
            if pattern.anti and self._blocked(pattern, m, sentence, i):
                continue
            last_end = m.all_tokens[-1].end
            yield m

    @staticmethod
    def _starts(
        pattern: Pattern, n: int, positions: Mapping[str, list[int]] | None
    ) -> Iterable[int]:
        """The tokens a match may start at, in order: every one, or with ``positions`` only
        those from which the pattern's anchor word is in reach. A start left out cannot match
        (its anchor token would be missing), so the matches are the same."""
        anchor = pattern.anchor
        if positions is None or anchor is None:
            return range(n)
        words, fewest, most = anchor
        keys = [w for w in positions if w in words] if len(words) > len(positions) else words
        starts: set[int] = set()
        for word in keys:
            for p in positions.get(word, ()):
                starts.update(range(max(0, p - most), p - fewest + 1))
        return sorted(starts)

    def _blocked(self, pattern: Pattern, m: Match, sentence: list[Token], i: int) -> bool:
        """Does an anti-pattern overlap the match? Only anti-pattern starts close enough to
        reach the match are tried (anti-patterns are bounded), so this stays linear."""
        start, end = m.all_tokens[0].start, m.all_tokens[-1].end
        last = i + len(m.all_tokens)
        for anti_pattern in pattern.anti_patterns:
            reach = sum(spec.max_count for spec in anti_pattern.specs)
            for j in range(max(0, i - reach), min(len(sentence), last)):
                am = self.match_at(anti_pattern, sentence, j)
                if am is None or not am.all_tokens:
                    continue
                a_start, a_end = am.all_tokens[0].start, am.all_tokens[-1].end
                if a_start < end and start < a_end:
                    return True
        return False


def _starts_sentence(sentence: list[Token], i: int) -> bool:
    return all(t.kind == "punct" for t in sentence[:i])


_TEMPLATE_RE = re.compile(r"\{(\d+)(?::(\w+))?\}")


def render(template: str, m: Match, text: str) -> str | None:
    """Fill a suggestion template; None when a part cannot be worked out."""
    failed = False

    def sub(mo: re.Match[str]) -> str:
        nonlocal failed
        index, how = int(mo.group(1)), mo.group(2) or ""
        toks = m.groups[index]
        if not toks:
            return ""
        part = text[toks[0].start : toks[-1].end]
        if not how:
            return part
        if how == "lower":
            return part.lower()
        if how == "article":
            article, certain = lexicon.article_for(toks[0].text)
            if not article:
                failed = True
            if not certain:
                m.certain = False
            return article
        if re.fullmatch(r"[A-Z$]+", how):
            word = toks[-1].text
            form = lexicon.inflect(word, how)
            if form == word.lower() and how not in toks[-1].tags:
                failed = True
            prefix = text[toks[0].start : toks[-1].start]
            return prefix + _keep_case(form, word)
        failed = True
        return part

    out = _TEMPLATE_RE.sub(sub, template)
    return None if failed else out


def _keep_case(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
