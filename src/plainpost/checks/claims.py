"""claim and unsafe-advice: phrases that need a source, or that are wrong whatever follows.

``claim`` with ``cited_ok: true`` reports a research claim, statistic or claim of effect only when
its paragraph (or list item) has no citation: a link, a footnote, one of the rule's ``citations``
patterns (a numbered reference "(1,2)" or "[3]", author and year "(Smith 2019)"), or a name in the
sentence that a Sources (References, Further reading) entry of the post gives, as in "the NHS
says ..." above a Sources list that links the NHS page. With ``cited_ok: false`` (promises,
absolutes, unsupported mechanisms) every occurrence is reported. ``unless`` lists phrasings that
cancel a match they overlap ("there is no cure", "do not push through the pain").

``effects`` are claims that one thing causes, prevents or improves another ("flossing prevents
gum disease", "tight calves are the main cause of heel pain"). They count only when said as fact:
not in a question, and with none of the rule's ``hedges`` ("can", "may", "helps", "some") earlier
in the sentence. One finding per clause (a sentence, or its part after "; " or ", and" before a
new subject and verb): the earliest match in it, of either kind.

``agents`` and ``effect_verbs`` find claims of effect from the sentence's structure rather than
its wording: a treatment, product, habit or practice (the rule's ``agents``: massage, an
adjustment, a supplement, this stretch) heads the subject of a finite verb of effect or benefit
(``effect_verbs``, in any tense: relieves, prevented, boosts), or is said with a copula to be
"a way", "the answer" (``ways``) to something. The subject is the noun phrase the
part-of-speech tagger finds right before the verb (through "of" phrases and a relative "which",
and carried over "and" to a second verb); a list item that opens with such a verb takes its
subject from its intro or heading ("What fish oil does for you: - Lowers your risk of ...").
Hedges, questions and citations count as for ``effects``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

from plainpost.checks.context import Context
from plainpost.checks.syntax import tagged
from plainpost.document import Block, Document
from plainpost.document.scope import blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import lexicon
from plainpost.language.syntax import Word
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


@dataclass(frozen=True)
class Options:
    terms: list[str] = field(default_factory=list)  # literal phrases, last word with its forms
    patterns: list[str] = field(default_factory=list)  # regular expressions
    # regular expressions matched with case on the block's own text: a name by its capitals
    # ("the American Heart Association says", "the ACA notes")
    name_patterns: list[str] = field(default_factory=list)
    unless: list[str] = field(default_factory=list)  # a match inside one of these does not count
    effects: list[str] = field(default_factory=list)  # causes and benefits, when said as fact
    hedges: list[str] = field(default_factory=list)  # words that say an effect with care
    cited_ok: bool = True  # a link or footnote in the same paragraph answers the claim
    forms: bool = True
    blocks: list[str] = field(default_factory=lambda: ["paragraph", "list_item", "table_cell"])
    citations: list[str] = field(default_factory=list)  # inline citation forms: "(1,2)", "[3]"
    sources_headings: list[str] = field(default_factory=list)  # headings of a post's source list
    # claims from sentence structure: a subject headed by one of these nouns (lemmas) ...
    agents: list[str] = field(default_factory=list)
    # ... with one of these verbs (lemmas, any tense) as its finite verb ...
    effect_verbs: list[str] = field(default_factory=list)
    # ... or a copula and one of these nouns followed by to/for/of ("is the best way to")
    ways: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not (self.terms or self.patterns or self.name_patterns or self.effects or self.agents):
            raise ValueError("needs terms or patterns")
        if bool(self.agents) != bool(self.effect_verbs):
            raise ValueError("agents and effect_verbs go together")
        _ = self.agent_words, self.effect_forms
        _ = self.regexes, self.matcher, self.unless_regex, self.unless_matcher
        _ = self.effect_matcher, self.hedge_regex
        _ = self.citation_regex, self.sources_regex, self.name_regex

    @cached_property
    def citation_regex(self) -> re.Pattern[str] | None:
        """Inline citations, matched on the block's own text (case matters: "(Smith 2019)")."""
        return any_of(self.citations, flags=0)

    @cached_property
    def name_regex(self) -> re.Pattern[str] | None:
        """Names by their capitals, matched on the block's own text."""
        return any_of(self.name_patterns, flags=0)

    @cached_property
    def sources_regex(self) -> re.Pattern[str] | None:
        return any_of(self.sources_headings)

    @cached_property
    def regexes(self) -> list[re.Pattern[str]]:
        """Case-insensitive patterns, compiled to run on fold_text() (see checks/fold.py)."""
        out = compile_folded(self.patterns)
        if self.terms:
            out.append(terms_regex([t.lower() for t in self.terms], self.forms, False))
        return out

    @cached_property
    def matcher(self) -> Matcher:
        """All patterns in one pass over the text (one scan costs far less than one per pattern)."""
        return Matcher(r.pattern for r in self.regexes)

    @cached_property
    def effect_matcher(self) -> Matcher | None:
        return folded_matcher(self.effects)

    @cached_property
    def hedge_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.hedges)

    @cached_property
    def agent_words(self) -> frozenset[str]:
        """The agents and their plurals (massage, massages; adjustment, adjustments)."""
        return frozenset(f for a in self.agents for f in _forms(a, "s"))

    @cached_property
    def effect_forms(self) -> frozenset[str]:
        """Every finite form of the effect verbs (relieve, relieves, relieved)."""
        return frozenset(f for v in self.effect_verbs for f in _forms(v, "s", "d", "ed", "es"))

    @cached_property
    def way_words(self) -> frozenset[str]:
        return frozenset(f for w in self.ways for f in _forms(w, "s"))

    @cached_property
    def unless_matcher(self) -> Matcher | None:
        return folded_matcher(self.unless)

    @cached_property
    def unless_regex(self) -> re.Pattern[str] | None:
        return compile_folded_union(self.unless)


def _forms(lemma: str, *endings: str) -> frozenset[str]:
    """A lemma's forms from the lexicon, or, for a word it does not inflect ("rebalance",
    "orthotic"), the lemma with the regular endings."""
    low = lemma.lower()
    forms = lexicon.forms_of(low)
    if len(forms) > 1:
        return forms
    return frozenset({low, *(low + e for e in endings if e != "d" or low.endswith("e"))})


_NAME = re.compile(r"\b[A-Z][\w&'-]*[A-Za-z](?:\s+[A-Z][\w&'-]*[A-Za-z])*\b")
_NOT_NAMES = {"The", "This", "That", "These", "Those", "It", "A", "An", "In", "If", "Our", "We"}


def source_names(doc: Document, opts: Options) -> set[str]:
    """Capitalised names (organisations, authors) in the entries of the post's Sources section."""
    if opts.sources_regex is None:
        return set()
    sections = {i for i, h in enumerate(doc.headings) if opts.sources_regex.search(h.text)}
    names: set[str] = set()
    for block in doc.blocks:
        if block.section in sections and block.kind in ("paragraph", "list_item"):
            for m in _NAME.finditer(block.text):
                names.update(w for w in m.group().split() if w not in _NOT_NAMES and len(w) > 1)
    return names


def _points_to_source(sentence: str, names: set[str]) -> bool:
    """Does a sentence name an organisation or author that the post's Sources entries give?"""
    for m in _NAME.finditer(sentence):
        opening = m.start() == len(sentence) - len(sentence.lstrip())
        if opening and " " not in m.group() and not m.group().isupper():
            continue  # one capitalised word opening the sentence: not a name
        words = [w for w in m.group().split() if w not in _NOT_NAMES and len(w) > 1]
        if words and all(w in names for w in words):
            return True
    return False


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    wanted = set(opts.blocks)
    names: set[str] | None = None
    for block in blocks_in_scope(doc, opts.blocks):
        if block.kind not in wanted or (opts.cited_ok and block.cited):
            continue
        # a list item's agent can be named in its intro or heading rather than in its text
        in_context = bool(opts.agents) and _agent_context(doc, block, opts)
        key = ("claim", rule.id, block.text, in_context)
        for start, end, sentence in ctx.derived.by_text_if_kept(
            key, partial(_claims, opts, block.text, in_context, ctx)
        ):
            if opts.cited_ok and opts.sources_regex is not None:
                if names is None:
                    names = source_names(doc, opts)
                if names and _points_to_source(sentence, names):
                    continue
            s, e = block.span(start, end)
            yield Hit(s, e, rule.format(match=doc.text[s:e]))


def _claims(opts: Options, text: str, in_context: bool, ctx: Context) -> list[tuple[int, int, str]]:
    """A block's claims, the first of each sentence, with that sentence's text: what depends on
    the block's text (and whether its intro or heading names an agent) alone, so the language
    server's memo keeps it from one lint to the next."""
    if opts.cited_ok and opts.citation_regex is not None and opts.citation_regex.search(text):
        return []
    low = fold_text(text)
    matches = [m.span() for m in opts.matcher.finditer(low) if m.end() > m.start()]
    if opts.name_regex is not None:
        matches += [m.span() for m in opts.name_regex.finditer(text) if m.end() > m.start()]
    starts: list[int] = []
    if opts.agents and (in_context or not opts.agent_words.isdisjoint(_WORD.findall(low))):
        starts = sentence_starts(text)  # (tagged only where an agent is named)
        spans = structural_claims(opts, tagged(text, ctx), in_context)
        matches += [(a, b) for a, b, at in spans if _as_fact(opts, text, low, starts, at)]
    if opts.effect_matcher is not None:
        effects = [m.span() for m in opts.effect_matcher.finditer(low) if m.end() > m.start()]
        if effects:
            starts = sentence_starts(text)
            matches += [span for span in effects if _as_fact(opts, text, low, starts, span[0])]
    if not matches:
        return []
    if opts.unless_matcher is not None:
        unless = [m.span() for m in opts.unless_matcher.finditer(low)]
        matches = [(s, e) for s, e in matches if not any(us < e and s < ue for us, ue in unless)]
    starts = starts or sentence_starts(text)
    clauses = sorted({*starts, *(m.end() for m in _CLAUSE.finditer(text))})
    taken: set[int] = set()
    out = []
    last_end = -1
    for start, end in sorted(matches):
        clause = clauses[bisect_right(clauses, start) - 1]
        if clause in taken or start < last_end:
            continue  # one claim a clause; a match inside the last one is part of it
        taken.add(clause)
        last_end = end
        i = bisect_right(starts, start)
        sentence = starts[i - 1]
        out.append((start, end, text[sentence : starts[i] if i < len(starts) else len(text)]))
    return out


# a clause boundary inside a sentence: "It affects millions of people, and tight calves are the
# main cause of it" holds two claims, each needing its source
_CLAUSE = re.compile(
    r"(?:;|,\s+(?:and|but|while|whereas|so))\s+(?!that\s+(?:it|they|the|this|these|we|you|he|she|there|a|an)\b|which\b|who\b|then\b)(?=(?:the\s+|a\s+|an\s+|your\s+|our\s+|this\s+|these\s+|it\s+|they\s+|most\s+|many\s+)?[\w'-]+\s+(?:[\w'-]+\s+)?(?:is|are|was|were|has|have|can|will|causes?|leads?|makes?|helps?|boosts?|reduces?|lowers?|improves?|prevents?|affects?|shows?|found|drives?)\b)"
)


_WORD = re.compile(r"[\w'-]+")
_FINITE = frozenset({"VBZ", "VBP", "VBD"})
_NP_TAGS = frozenset(
    {"DT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "POS", "VBG", "VBN"}
)
_COPULA = frozenset({"is", "are", "was", "were", "'s", "'re", "remains", "remain"})
_CLAUSE_OPENERS = frozenset({",", ";", ":", "(", "and", "but", "so", "because", "since", "that"})
_RELATIVES = frozenset({"which", "that", "who"})
_ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
_MISREAD = frozenset({"NN", "NNS", "NNP", "NNPS", "RB"})  # tags the tagger gives a verb first
_LINKS = frozenset({"of", "on", "from", "with", "to", "in", "for"})  # inside a subject


def _subject(ws: list[Word], v: int) -> tuple[int, list[Word]] | None:
    """The noun phrase right before the verb at ``v`` that starts a clause: its first index and
    its nouns (through "of" phrases: "a course of adjustments"; over a relative "which")."""
    i = v
    while i > 0 and ws[i - 1].tag in _ADVERB_TAGS:
        i -= 1  # "massage also relieves", "this naturally lowers"
    if i > 0 and ws[i - 1].low in _RELATIVES:
        i -= 1
        if i > 0 and ws[i - 1].low == ",":
            i -= 1
    end = i
    while i > 0 and (ws[i - 1].tag in _NP_TAGS or ws[i - 1].low == ","):
        if ws[i - 1].low == "," and not (i > 1 and ws[i - 2].tag in ("JJ", "JJR", "JJS")):
            break  # a comma inside the phrase only between adjectives ("a quick, firm push")
        i -= 1
        if i > 1 and ws[i - 1].low in _LINKS and ws[i - 2].tag in _NP_TAGS:
            i -= 1  # "a course of adjustments", "a push on the joint"
    while i < end and ws[i].low == ",":
        i += 1
    if i == end:
        return None
    if i > 0 and ws[i - 1].low not in _CLAUSE_OPENERS and ws[i - 1].tag != "CC":
        return None  # not where a clause starts: an object, not a subject
    if _instruction_opens(ws, i, end):
        return None  # "Sleep on a pillow that keeps ...": what to use, not a claim of effect
    nouns = [w for w in ws[i:end] if w.tag in _NP_TAGS - {"DT", "PRP$", "CD", "POS"}]
    return i, nouns


def _instruction_opens(ws: list[Word], i: int, end: int) -> bool:
    """Does the phrase ws[i:end] open its sentence with an instruction, a bare verb before a
    preposition ("Sleep on a firm pillow", "Rest with your leg raised"), which the tagger may
    read as a noun? The thing the reader is told to use is then described, not credited."""
    return (
        i == 0
        and end > 2
        and "VB" in ws[0].forms
        and ws[0].tag in ("NN", "NNP", "VB")
        and ws[1].tag == "IN"
    )


def structural_claims(
    opts: Options, sentences: list[list[Word]], context_agent: bool
) -> list[tuple[int, int, int]]:
    """Claims of effect found from structure: an agent subject and a verb of effect, or an
    agent said to be "a way to" something. Each is (start, end, verb): block offsets from the
    subject's start to the end of the verb's clause, and the verb's (a hedge before it, as in
    "massage often relieves", says the claim with care)."""
    out: list[tuple[int, int, int]] = []
    # "it" or "they" opening a clause stands for an agent the block or its context names
    # ("Turmeric is called a superfood: it cuts your risk of ...")
    named = context_agent or any(
        w.low in opts.agent_words and w.tag.startswith("NN") for ws in sentences for w in ws
    )
    for ws in sentences:
        agent_subject: int | None = None  # the start of the last finite verb's agent subject
        for v, w in enumerate(ws):
            if w.tag == "MD" or w.low in (":", ";"):
                agent_subject = None  # "can relieve" (a hedge), or a new clause
                continue
            after_and = v > 0 and ws[v - 1].low == "and"
            if not (
                w.tag in _FINITE
                or ("VBZ" in w.forms and w.tag in _MISREAD)  # "Lowers" read as a name
                or (w.tag == "VB" and (after_and or "VBP" in w.forms))  # "adjustments restore"
            ):
                continue
            subject = _subject(ws, v) if v else None
            start: int | None = None
            if subject is not None:
                at, nouns = subject
                if any(n.low in opts.agent_words for n in nouns):
                    start = at
            elif after_and and agent_subject is not None:
                start = agent_subject  # "Omega-3 fats calm ... and protect ..."
            elif named and _pronoun_subject(ws, v):
                start = v - 1
            elif v == 0 and context_agent and "VBZ" in w.forms:
                start = 0  # a list item whose subject is in its intro or heading
            if start is None:
                if subject is not None or w.tag == "VB":
                    agent_subject = None  # another subject, or an instruction ("buy a bottle")
                continue
            agent_subject = start
            if w.low in opts.effect_forms or (w.low in _COPULA and _a_way(opts, ws, v)):
                out.append((ws[start].start, _clause_end(ws, v), w.start))
                break
    return out


_PRONOUNS = frozenset({"it", "they"})


def _pronoun_subject(ws: list[Word], v: int) -> bool:
    """Is the word before the verb at ``v`` "it" or "they" opening a clause?"""
    if v < 1 or ws[v - 1].low not in _PRONOUNS:
        return False
    return v == 1 or ws[v - 2].low in _CLAUSE_OPENERS or ws[v - 2].tag == "CC"


def _a_way(opts: Options, ws: list[Word], v: int) -> bool:
    """After a copula: "a safe, drug-free way to", "one of the best treatments for"."""
    for j in range(v + 1, min(len(ws) - 1, v + 10)):
        nxt = ws[j + 1].low
        if ws[j].low in opts.way_words and (
            nxt in ("to", "for") or (nxt == "of" and j > v + 1 and ws[j - 1].tag in ("JJS", "RBS"))
        ):
            return True  # ("a hands-on way of caring" describes; "the best way of" promises)
        if ws[j].tag in _FINITE or ws[j].low in (".", ";"):
            return False
    return False


def _clause_end(ws: list[Word], v: int) -> int:
    for w in ws[v + 1 :]:
        if w.low in (",", ";", ":", ".", "!", "?"):
            return w.start
    return ws[-1].end


def _agent_context(doc: Document, block: Block, opts: Options) -> bool:
    """For a list item: does its list's intro or its heading name an agent?"""
    if block.kind != "list_item":
        return False
    texts = []
    if block.section >= 0:
        texts.append(doc.headings[block.section].text)
    i = block.index - 1
    while i >= 0 and doc.blocks[i].kind == "list_item":
        i -= 1
    if i >= 0 and doc.blocks[i].kind == "paragraph" and doc.blocks[i].text.rstrip().endswith(":"):
        texts.append(doc.blocks[i].text)
    words = {lexicon.fold(t).lower() for text in texts for t in re.findall(r"[\w'-]+", text)}
    return bool(words & opts.agent_words)


def _as_fact(opts: Options, text: str, low: str, starts: list[int], at: int) -> bool:
    """Is the effect at `at` stated as fact: its sentence no question, and no hedge before it?"""
    i = bisect_right(starts, at)
    begin, end = starts[i - 1], starts[i] if i < len(starts) else len(text)
    if text[begin:end].rstrip().rstrip("\"')]*").endswith("?"):
        return False
    # a hedge counts in its own clause: "is often called a superfood: it cuts your risk" states
    # the second clause as fact
    begin = max(begin, low.rfind(":", begin, at) + 1, low.rfind(";", begin, at) + 1)
    return opts.hedge_regex is None or opts.hedge_regex.search(low, begin, at) is None


_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n")


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of a block (a cheap splitter: enough to group matches)."""
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]
