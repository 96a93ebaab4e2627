"""Every enabled engine over one post, once: vocabulary, typography and merging applied.

The spelling and grammar rules both read :func:`engine_hits`; the engines run once per post
(the result is cached against the document object, which dies with the lint of that post).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import replace

from plainpost.document import Document
from plainpost.language import typography
from plainpost.language.engine import EngineHit, ProseText, prose_text
from plainpost.language.merge import merge_hits
from plainpost.language.vocab import Vocabulary, front_matter_names

_CACHE: weakref.WeakKeyDictionary[Document, tuple[int, list[EngineHit]]] = (
    weakref.WeakKeyDictionary()
)
_PROSE: weakref.WeakKeyDictionary[Document, ProseText] = weakref.WeakKeyDictionary()


def doc_prose(doc: Document) -> ProseText:
    prose = _PROSE.get(doc)
    if prose is None:
        prose = _PROSE[doc] = prose_text(doc)
    return prose


def engine_hits(
    doc: Document, engines: Sequence[object], vocab: Vocabulary | None
) -> list[EngineHit]:
    key = id(engines)
    cached = _CACHE.get(doc)
    if cached is not None and cached[0] == key:
        return cached[1]
    hits = run_engines(doc, engines, vocab)
    _CACHE[doc] = (key, hits)
    return hits


def run_engines(
    doc: Document, engines: Sequence[object], vocab: Vocabulary | None
) -> list[EngineHit]:
    prose = doc_prose(doc)
    if not prose.text.strip():
        return []
    raw: list[EngineHit] = []
    for engine in engines:
        check = getattr(engine, "check", None)
        if check is not None:
            raw.extend(check(prose, doc))
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
