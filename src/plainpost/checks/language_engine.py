"""spelling / grammar: what the language engines (Harper, LanguageTool) find, as findings.

The engines run once per post for both kinds (see :mod:`plainpost.language.pipeline`). The rule
files choose what the engines check: ``harper_off`` and ``languagetool_off`` in the grammar rule
name the engine rules that are switched off, each with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from plainpost.checks.context import Context
from plainpost.document import Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import EngineNeeds, typography
from plainpost.language.engine import MAX_ENGINE_CHARS, MAX_TOKEN_CHARS, EngineHit
from plainpost.language.lexicon import known_name
from plainpost.language.pipeline import doc_prose, engine_hits
from plainpost.language.splitting import near, run_together
from plainpost.language.syntax import AUX_Q
from plainpost.language.vocab import Vocabulary
from plainpost.rulebook.model import Rule


@dataclass(frozen=True)
class SpellingOptions:
    # Like a word processor's spelling options: words a dictionary cannot know.
    ignore_uppercase: bool = True  # initialisms not in the vocabulary: IU, NSAID, RICE
    ignore_mixed_case: bool = True  # brand and site names: MedlinePlus, OrthoInfo, iPhone
    ignore_with_digits: bool = True  # B12, 5k, COVID-19
    ignore_names: bool = True  # a capitalised word inside a sentence is taken for a name
    reject_safe: bool = True  # a listed misspelling with one listed correction is a safe fix
    # Harper's spelling-kind rules switched off, each with the reason
    harper_off: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GrammarOptions:
    # Engine rules switched off, each with the reason (shown by `plainpost rules`).
    harper_off: dict[str, str] = field(default_factory=dict)
    languagetool_off: dict[str, str] = field(default_factory=dict)
    languagetool_off_categories: dict[str, str] = field(default_factory=dict)


def engine_needs(rules: Iterable[Rule]) -> EngineNeeds:
    """What the spelling and grammar rules among ``rules`` ask of the engines."""
    harper_off: dict[str, str] = {}
    lt_off: dict[str, str] = {}
    lt_off_categories: dict[str, str] = {}
    spelling, where = False, ""
    rules = list(rules)
    for rule in rules:  # spelling rules first, as their file names an engine's error
        if isinstance(rule.options, SpellingOptions):
            spelling = True
            harper_off.update(rule.options.harper_off)
            where = where or rule.path
    for rule in rules:
        if isinstance(rule.options, GrammarOptions):
            harper_off.update(rule.options.harper_off)
            lt_off.update(rule.options.languagetool_off)
            lt_off_categories.update(rule.options.languagetool_off_categories)
            where = where or rule.path
    return EngineNeeds(spelling, harper_off, lt_off, lt_off_categories, where)


def _values(hit: EngineHit, doc: Document) -> dict[str, str]:
    match = doc.text[hit.start : hit.end]
    sugg = " or ".join(f"“{s}”" for s in typography.distinct(hit.suggestions)[:3])
    return {
        "match": match,
        "message": hit.message,
        "engine": "LanguageTool" if hit.engine == "languagetool" else hit.engine.capitalize(),
        "code": hit.code,
        "suggestion": sugg,
        "did_you_mean": f" Did you mean {sugg}?" if sugg else "",
    }


def check_spelling(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: SpellingOptions = rule.options
    seen: set[tuple[int, int]] = set()
    for hit in _rejected(doc, ctx.vocab, opts, ctx):
        seen.add((hit.start, hit.end))
        yield Hit(
            hit.start,
            hit.end,
            rule.format(**_values(hit, doc)),
            hit.suggestions,
            safe_fix=opts.reject_safe and len(typography.distinct(hit.suggestions)) == 1,
        )
    if ctx.engines:
        for start, end in doc_prose(doc, ctx.derived).long_tokens:
            yield Hit(
                start,
                end,
                f"a {end - start:,}-character run without a space is not a word: it is not "
                f"checked for spelling or grammar (the limit is {MAX_TOKEN_CHARS:,}); "
                "break it up, or put it in a code span",
            )
    names: frozenset[str] | None = None
    for hit in engine_hits(doc, ctx.engines, ctx.vocab, ctx.derived):
        if hit.category != "spelling" or (hit.start, hit.end) in seen:
            continue
        if hit.code in opts.harper_off:
            continue
        if names is None:
            names = _capitalised_names(doc)
        if _skipped(doc, hit, opts, names):
            continue
        word = doc.text[hit.start : hit.end]
        split = run_together(word)
        if split:
            hit = replace(hit, suggestions=(split, *(s for s in hit.suggestions if s != split)))
        yield Hit(hit.start, hit.end, rule.format(**_values(hit, doc)), hit.suggestions)


def check_grammar(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: GrammarOptions = rule.options
    cut_at = doc_prose(doc, ctx.derived).cut_at if ctx.engines else None
    if cut_at is not None:
        end = doc.text.find("\n", cut_at)
        yield Hit(
            cut_at,
            end if end >= 0 else len(doc.text),
            f"the post is too long for the grammar engines: they checked its first "
            f"{MAX_ENGINE_CHARS:,} characters of prose, up to here (plainpost's own checks "
            "read it all); split it into several posts",
        )
    for hit in engine_hits(doc, ctx.engines, ctx.vocab, ctx.derived):
        if hit.category != "grammar":
            continue
        if hit.code in opts.harper_off or hit.code in opts.languagetool_off:
            continue
        if hit.code == "PronounVerbAgreement" and _not_a_pronoun_verb(doc.text, hit.start):
            continue
        yield Hit(hit.start, hit.end, rule.format(**_values(hit, doc)), hit.suggestions)


# Harper's PronounVerbAgreement reads the word after a pronoun as its verb. It is not one after
# an inverted question or clause ("Am I sure?", "Are they safe?", "Not only was he..."), where
# the verb came first, nor is "I" a pronoun in a numbered name ("phase I", "grade I").
_INVERTING = AUX_Q | {"am", "had"}  # the auxiliaries a question puts first
_NUMBERED = frozenset(
    {
        "phase",
        "type",
        "grade",
        "stage",
        "class",
        "part",
        "chapter",
        "level",
        "step",
        "section",
        "table",
        "figure",
    }
)
_BEFORE_RE = re.compile(r"([^\W\d_]+)\W+(I|you|he|she|it|we|they)\W*$", re.IGNORECASE)


def _not_a_pronoun_verb(text: str, start: int) -> bool:
    """Is the pronoun before `start` after an inverting verb, or "I" in "phase I"?"""
    m = _BEFORE_RE.search(text, max(0, start - 40), start)
    if m is None:
        return False
    before, pronoun = m.group(1).lower(), m.group(2)
    return before in _INVERTING or (pronoun == "I" and before in _NUMBERED)


check = check_grammar


_WORD_RE = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_])?")


def _rejected(
    doc: Document, vocab: Vocabulary | None, opts: SpellingOptions, ctx: Context
) -> Iterator[EngineHit]:
    if vocab is None or not vocab.reject:
        return
    for block in blocks_in_scope(doc, PROSE_KINDS):
        key = ("rejected words", block.text)
        for start, end, word, rights in ctx.derived.by_text_if_kept(
            key, partial(_rejected_words, vocab, block.text)
        ):
            s, e = block.span(start, end)
            original = doc.text[s:e]
            fitted = tuple(
                dict.fromkeys(
                    v
                    for r in rights
                    for v in typography.variants(typography.fit_case(r, original), doc)
                )
            )
            yield EngineHit(
                s,
                e,
                f"“{original}” is a common misspelling.",
                fitted,
                "vocabulary",
                "reject",
                "spelling",
                word,
            )


def _rejected_words(vocab: Vocabulary, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """The words of a block's text that the vocabulary rejects, with their right spellings
    (the language server's memo keeps them by the text)."""
    out = []
    for m in _WORD_RE.finditer(text):
        rights = vocab.rejected(m.group())
        if rights is not None:
            out.append((m.start(), m.end(), m.group(), rights))
    return out


def _capitalised_names(doc: Document) -> frozenset[str]:
    """Capitalised words a post uses twice or more inside sentences, or three times anywhere:
    its names ("Harbourside", "Nwachukwu", "Tsikki" opening three sentences of a profile),
    however unknown; a typo is rarely made twice letter for letter."""
    inside: dict[str, int] = {}
    anywhere: dict[str, int] = {}
    for block in blocks_in_scope(doc, PROSE_KINDS):
        for m in _CAPITAL_RE.finditer(block.text):
            anywhere[m.group()] = anywhere.get(m.group(), 0) + 1
            if _inside_sentence(block.text, m.start()):
                inside[m.group()] = inside.get(m.group(), 0) + 1
    return frozenset(w for w, n in anywhere.items() if n >= 3 or inside.get(w, 0) >= 2)


_CAPITAL_RE = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")


def _skipped(
    doc: Document, hit: EngineHit, opts: SpellingOptions, names: frozenset[str] = frozenset()
) -> bool:
    word = doc.text[hit.start : hit.end]
    letters = [c for c in word if c.isalpha()]
    if len(letters) <= 1:
        return True  # a letter alone is an initial or a name: "E. coli", "vitamin D."
    if opts.ignore_with_digits and any(c.isdigit() for c in word):
        return True
    if opts.ignore_uppercase and len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    if (
        opts.ignore_mixed_case
        and any(c.isupper() for c in letters[1:])
        and not all(c.isupper() for c in letters)
    ):
        return True
    if _wordplay(word):
        return True
    if _handle(doc.text, hit.start, hit.end):
        return True
    capital = letters[0].isupper()
    if not (opts.ignore_names and capital):
        return False
    # a capitalised word the spelling engine does not know: a name, or a typo at the start of a
    # sentence or inside it ("Stretchs", "Afterthe"). Names are spared: a known name (the CMU
    # dictionary's 134,000 words and names), one the post repeats inside sentences, one beside
    # another capitalised word ("Harbourside Physio"); inside a sentence, a word with no
    # suggestion an edit or two away is taken for a name too.
    if known_name(word) or word in names or word.rstrip("'’s") in names:
        return True
    if not _inside_sentence(doc.text, hit.start):
        return False
    if _beside_capital(doc.text, hit.start, hit.end):
        return True
    return not (run_together(word) or any(near(word, s) for s in hit.suggestions))


_HANDLE_RE = re.compile(r"[@#][\w.]*$")


def _handle(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a social handle, a hashtag or an identifier
    ("@stridefurther_runclub", "#kneepain", "photo_credit"): a name written as one run, which
    no editor respells."""
    if text[end : end + 1] == "_" or text[start - 1 : start] == "_":
        return True
    return bool(_HANDLE_RE.search(text[max(0, start - 60) : start]))


def _beside_capital(text: str, start: int, end: int) -> bool:
    """Whether another capitalised word stands right beside this one, or beside it in a list
    ("Harbourside Physio"; "in Vidyaranyapura, Hebbal, or Yelahanka")."""
    before = re.search(
        r"([A-Za-z][\w'’-]*)(?:,?[ \t]+(?:and|or)|,)?[ \t]+$", text[max(0, start - 40) : start]
    )
    after = re.match(r"(?:,|,?[ \t]+(?:and|or))?[ \t]+([A-Za-z][\w'’-]*)", text[end : end + 40])
    return any(m is not None and m.group(1)[0].isupper() for m in (before, after))


_CONTRACTION_RE = re.compile(r"(?i)(?:'s|s'|n't|'re|'ve|'ll|'d|'m)$|^(?:o'|d'|y')")


def _wordplay(word: str) -> bool:
    """An apostrophe inside a real word where no contraction puts one: a pun ("my kn'eed
    help blog"), not a misspelling. "does'nt" stays a slip: "doesnt" is no word."""
    from plainpost.language.lexicon import fold, tags

    folded = fold(word)
    if "'" not in folded.strip("'") or _CONTRACTION_RE.search(folded):
        return False
    return "UNK" not in tags(folded.replace("'", ""))


def _inside_sentence(text: str, start: int) -> bool:
    """Whether a word at ``start`` follows other words of its sentence (so a capital marks a
    name, not a sentence start)."""
    i = start
    while i > 0 and text[i - 1] in " \t\"'“‘([*_":
        i -= 1
    if i == 0:
        return False
    before = text[i - 1]
    return before not in ".!?:;\n#>-|•·" and not before.isdigit()
