"""Every enabled engine over one post, once: vocabulary, typography and merging applied.

The spelling and grammar rules both read :func:`engine_hits`; the engines run once per lint of
a post (the result is kept in that lint's :class:`~plainpost.document.derived.Derived`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from plainpost.document import Document
from plainpost.document.derived import Derived
from plainpost.language import dialect, typography
from plainpost.language.engine import EngineHit, ProseText, prose_text
from plainpost.language.lexicon import tags
from plainpost.language.merge import merge_hits
from plainpost.language.splitting import CLOSED_TAGS, closed_compound
from plainpost.language.vocab import Vocabulary, front_matter_names


def doc_prose(doc: Document, derived: Derived) -> ProseText:
    """The prose the engines read, made once per lint of the post."""
    return derived.once("engine prose", lambda: prose_text(doc))


def engine_hits(
    doc: Document, engines: Sequence[object], vocab: Vocabulary | None, derived: Derived
) -> list[EngineHit]:
    """Every engine's hits on the post, once per lint of it (the spelling and grammar rules
    both ask)."""
    return derived.once(
        "engine hits", lambda: run_engines(doc, engines, vocab, doc_prose(doc, derived), derived)
    )


def run_engines(
    doc: Document,
    engines: Sequence[object],
    vocab: Vocabulary | None,
    prose: ProseText | None = None,
    derived: Derived | None = None,
) -> list[EngineHit]:
    prose = prose if prose is not None else prose_text(doc)
    if not prose.text.strip():
        return []
    derived = derived if derived is not None else Derived()
    raw: list[EngineHit] = []
    for engine in engines:
        check = getattr(engine, "check", None)
        if check is not None:
            raw.extend(check(prose, doc, derived))
    names = front_matter_names(doc.meta)
    vocab = vocab or Vocabulary()
    kept = [h for h in raw if not _accepted(h, doc, vocab, names)]
    merged = merge_hits(kept, doc.text)
    return [_fit(h, doc) for h in merged]


def _accepted(hit: EngineHit, doc: Document, vocab: Vocabulary, names: frozenset[str]) -> bool:
    """A spelling hit on a word the vocabulary accepts, or on a rejected word (reported by the
    spelling rule itself, with the listed correction). Any hit inside an accepted word with
    inner punctuation (A&E) is an engine splitting the word wrongly."""
    word = doc.text[hit.start : hit.end]
    if vocab.rejected(word) is not None:
        return True  # the spelling rule reports it, with the listed correction
    if hit.category == "spelling":
        if vocab.accepts(word, names, doc.lang):
            return True
        if english_word(word, doc.lang or ""):
            return True
        if vocab.compound_lists and closed_compound(word, vocab.compound_lists, doc.lang or ""):
            return True  # "wellbeing", "harbourside": two words English writes as one
        suggested = frozenset(s.lower() for s in hit.suggestions)
        if suggested and dialect.accepts(word, doc.lang or "", suggested):
            return True  # "customisable" in en-GB: the engine suggests its American spelling
        whole = _whole_word(doc.text, hit.start, hit.end)
        if whole != word and vocab.accepts(whole, names, doc.lang):
            return True  # co-codamol: the engine split it at the hyphen
        if "-" in whole and all(vocab.accepts(p, names, doc.lang) for p in whole.split("-") if p):
            return True
    for special in vocab.special_tokens():
        at = doc.text.rfind(special, max(0, hit.start - len(special)), hit.end + len(special))
        if at >= 0 and at <= hit.start and hit.end <= at + len(special):
            return True
    return False


def english_word(word: str, lang: str) -> bool:
    """A word of the general English word list (symspellpy's 82,765 words: SCOWL's spell-checker
    list intersected with Google's web counts; 1 of codespell's 3,000 misspellings is in it),
    written in lower case or with a capital first letter, and not the other dialect's spelling
    of a known word. Harper's own dictionary is smaller: "reflux", "impaction", "stye"."""
    from plainpost.language.ngram import model

    base = re.sub(r"['’]s$|(?<=s)['’]$", "", word)  # "healthcare's", "patients'"
    if base != word and tags(base.lower()) & CLOSED_TAGS:
        return False  # "your's", "it's": no possessive of a pronoun
    word = base
    if not word.isalpha() or not (word.islower() or word[1:].islower()):
        return False
    low = word.lower()
    return model().count(low) > 0 and not dialect.other_dialect(low, lang)


def _fit(hit: EngineHit, doc: Document) -> EngineHit:
    original = doc.text[hit.start : hit.end]
    fitted = []
    for s in hit.suggestions:
        for f in typography.variants(typography.fit_case(s, original), doc):
            if f not in fitted and f != original:
                fitted.append(f)
    return replace(hit, suggestions=tuple(fitted))


def _whole_word(text: str, start: int, end: int) -> str:
    """The word around text[start:end], hyphens and apostrophes included (co-codamol)."""
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'’"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "-'’"):
        end += 1
    return text[start:end].strip("-'’")
