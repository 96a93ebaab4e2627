"""substitution: a term with a plainer alternative (Vale's `substitution`, proselint's maps).

Keys are literal terms; ``a|b`` joins spellings of one entry (aetiology|etiology). With
``forms`` the last word of a term also matches its inflections (mobilisation -> mobilisations).
With ``explained_ok`` a term explained in brackets where it first appears is not flagged again.
``known`` lists entries lay readers know and ``familiar`` those many know (for medical-jargon:
tiered by word frequency, see bench/jargon_tiers.py): known entries stay in the lexicon, with
their plainer words, but are not flagged; a familiar one is flagged at its first use only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from plainpost.checks.context import Context
from plainpost.document import Block, Document
from plainpost.document.scope import PROSE_KINDS, blocks_in_scope
from plainpost.findings import Hit
from plainpost.language import lexicon, ngram
from plainpost.language.medmorph import WORD_PREFIXES
from plainpost.rulebook.model import Rule
from plainpost.textmatch.prefilter import TermFinder, first_words
from plainpost.textmatch.terms import terms_regex, word_forms

_KEY_STRIP = re.compile(r"[\s\u00a0\-\u2010\u2011]+")


def norm_key(text: str) -> str:
    return _KEY_STRIP.sub("", text.lower().replace("’", "'"))


@dataclass(frozen=True)
class Options:
    swap: dict[str, str | list[str]]
    ignore_case: bool = True
    forms: bool = True
    explained_ok: bool = True
    safe: bool = False  # the first suggestion may be applied by `plainpost fix`
    blocks: list[str] = field(default_factory=lambda: list(PROSE_KINDS))
    known: list[str] = field(default_factory=list)  # entries readers know: never flagged
    familiar: list[str] = field(default_factory=list)  # entries many know: first use only
    first_use_only: bool = False  # every entry reported at its first use only (as an editor marks)
    # words the lexicon lacks, found by data: medical by how they are built (medical word parts)
    # and rare in general English (below ``rare_zipf`` on the Zipf scale of symspellpy's word
    # counts), reported at their first use unless explained there
    rare_medical: bool = False
    rare_zipf: float = 3.0
    rare_min_letters: int = 7
    # a term the post's front-matter title names is its topic: the reader chose the post by
    # that name ("Gingivitis and periodontitis: what happens to your gums"), so it is not flagged
    title_ok: bool = False

    def __post_init__(self) -> None:
        if not self.swap:
            raise ValueError("swap: needs at least one entry")
        missing = [k for k in [*self.known, *self.familiar] if k not in self.swap]
        if missing:
            raise ValueError(f"known: not in swap: {', '.join(missing)}")
        _ = self.regex

    @cached_property
    def entries(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """normalised form -> (entry key, suggestions)"""
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        for key, value in self.swap.items():
            suggestions = (value,) if isinstance(value, str) else tuple(value)
            for spelling in key.split("|"):
                words = spelling.strip().split()
                if not words:
                    continue
                lasts = word_forms(words[-1].lower()) if self.forms else (words[-1],)
                for last in lasts:
                    out[norm_key(" ".join([*words[:-1], last]))] = (key, suggestions)
        return out

    @cached_property
    def regex(self) -> re.Pattern[str]:
        spellings = [s for key in self.swap for s in key.split("|")]
        return terms_regex(spellings, self.forms, self.ignore_case)

    @cached_property
    def finder(self) -> TermFinder:
        """The regex, tried only where a term can begin (same matches, much faster)."""
        spellings = [s for key in self.swap for s in key.split("|")]
        return TermFinder(self.regex, first_words(spellings, self.forms))


# "crepitus (a crunching feeling)", "the fascia is a band of tissue", "an NSAID, like ibuprofen",
# a kind named by its example ("manual therapies like osteopathy"),
# apposition ("the bursa, a small cushion of fluid"), a label's definition ("Bursitis: a swollen
# cushion of fluid")
EXPLAINED_RE = re.compile(
    r"\s*\(|\s*[,\u2013\u2014]\s*(?:like|such as|for example|e\.g\.|which means|that is"
    r"|an?(?=\s)|also\s+(?:called|known\s+as))\b"
    r"|\s*:\s+(?:an?|the)\s"
    r"|\s+(?:means|is when|is what|is an?|are|is the name for|describes)\b"
    r"|\s+(?:like|such as)\s+(?=\w)"
    # apposition with "the" and a place or part: "the dentine, the layer under the enamel"
    r"|\s*,\s*the\s+(?:[\w-]+\s+){1,2}(?:of|under|in|on|inside|behind|between|around|that|which)\b"
    # an "or" gloss closed by a comma, bracket or dash: "the patella, or kneecap, sits ..."
    r"|\s*,\s*or\s+(?:the\s+|your\s+)?(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*(?:,|\)|\s[\u2013\u2014-]\s)"
    # or with a possessive: "endorphins, the body's own calming chemicals, ..."
    r"|\s*,\s*the\s+[\w-]+['’]s\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*[,.;)]"
)

LABEL_ARTICLE_RE = re.compile(r"^(?:the|an?)$", re.I)

# a sentence that opens on the term and says where it shows: "An inguinal hernia shows in the
# upper thigh or groin", "An epigastric hernia usually appears between your belly button and ..."
OPENS_SENTENCE_RE = re.compile(r"(?:^|[.!?:]\s+)(?:an?|the)\s+$", re.I)
SAYS_WHERE_RE = re.compile(
    r"(?:\s+[\w-]+)?(?:\s+(?:usually|often|also|mostly|sometimes|normally))?"
    r"\s+(?:shows?|appears?|develops?|forms?)\s+(?:in|on|as|between|near|around|under|below|above)\b",
    re.I,
)

# the description comes first: "small muscles called the rotator cuff", "this is known as X"
NAMED_BEFORE_RE = re.compile(
    r"\b(?:called|known as|named|termed)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$"
)

# the plain words come first and the formal name after them in brackets: "interrupted breathing
# while sleeping (sleep apnoea)", "jumper's knee (patellar tendonitis)"
BRACKETED_NAME_BEFORE_RE = re.compile(r"\(\s*(?:[\w'’-]+\s+){0,3}$")
BRACKET_CLOSES_RE = re.compile(r"(?:\s+[\w'’-]+){0,2}\s*\)")
# the formal name, then its plain name in brackets a word or two on: "patellar tendonitis
# (jumper's knee)"; a label's dash definition: "**Elevate** - keep it raised"; a definition in
# the next sentence: "faecal impaction. This is where poo has built up"
NAME_THEN_PLAIN_RE = re.compile(
    r"(?:\s+[\w'’-]+){1,2}\s*\("
    r"|(?:\*\*|__|\*|_)?\s*[-\u2013\u2014:]\s+(?=\w)"
    r"|(?:\s+[\w'’-]+){0,2}[.]\s+(?:this|that|it)\s+(?:is|means)\s+(?:where|when|what|how|an?|the)\b",
    re.I,
)


def check(doc: Document, rule: Rule, ctx: Context) -> Iterator[Hit]:
    opts: Options = rule.options
    explained: set[str] = set(_title_terms(doc, opts)) if opts.title_ok else set()
    seen: set[str] = set(explained)
    reported: set[str] = set()
    for block in blocks_in_scope(doc, opts.blocks):
        text = block.text
        bare = _bare_line(block)
        terms = ctx.derived.by_text_if_kept(
            ("substitution", rule.id, text), partial(_terms, opts, text)
        )
        for start, end, found in terms:
            entry = opts.entries.get(norm_key(found))
            if entry is None:
                continue
            key, suggestions = entry
            if key in opts.known:
                continue
            once = opts.first_use_only or key in opts.familiar
            if once and bare and key not in explained and key not in reported:
                # a line that is no sentence (a banner, a card title) may be page chrome that
                # goes: the term is reported there and again where a sentence first uses it
                yield _hit(doc, block, rule, opts, start, end, suggestions)
                continue
            if opts.explained_ok and key not in seen:
                seen.add(key)
                if (
                    _explained(text, start, end)
                    or _linked(doc, block, start)
                    or (
                        len(found) >= 7
                        and found.isalpha()
                        and _stem_explained_before(doc, block, start, found.lower())
                    )
                ):
                    explained.add(key)
            if key in explained or (key in reported and once):
                continue
            reported.add(key)
            yield _hit(doc, block, rule, opts, start, end, suggestions)
    if opts.rare_medical:
        taken = {norm_key(k) for k in reported | explained}
        yield from _rare_medical_hits(doc, rule, ctx, opts, taken)


def _hit(
    doc: Document,
    block: Block,
    rule: Rule,
    opts: Options,
    start: int,
    end: int,
    suggestions: tuple[str, ...],
) -> Hit:
    s, e = block.span(start, end)
    match = doc.text[s:e]
    fitted = tuple(_match_case(sug, match) for sug in suggestions)
    return Hit(s, e, rule.format(match=match, suggestion=" or ".join(fitted)), fitted, opts.safe)


_BARE_MAX_WORDS = 8


def _bare_line(block: Block) -> bool:
    """A paragraph of one short line with no sentence end: a banner, caption or card title."""
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and "\n" not in text
        and not text.endswith((".", "!", "?", ":", ";", ","))
        and len(text.split()) <= _BARE_MAX_WORDS
    )


def _title_terms(doc: Document, opts: Options) -> Iterator[str]:
    """The entries the front-matter title names."""
    title = doc.meta.get("title")
    if not isinstance(title, str):
        return
    for m in opts.finder.finditer(title):
        entry = opts.entries.get(norm_key(m.group()))
        if entry is not None:
            yield entry[0]


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")
_PROFESSION_ENDINGS = ("ist", "ists", "ian", "ians")
_VERB = 1 << lexicon.CLASSES.index("VERB")


def _rare_medical_hits(
    doc: Document, rule: Rule, ctx: Context, opts: Options, taken: set[str]
) -> Iterator[Hit]:
    """Words no lexicon lists that read as medical jargon by form and by frequency."""
    vocab = ctx.vocab
    if vocab is None or not vocab.morphology:
        return
    seen: set[str] = set(_topic_words(doc))
    for block in blocks_in_scope(doc, opts.blocks):
        text = block.text
        for m in _LOWER_WORD.finditer(text):
            low = m.group()
            if len(low) < opts.rare_min_letters or low in seen or norm_key(low) in taken:
                continue
            if norm_key(low) in opts.entries or low[:6] in seen or _singular(low) in seen:
                continue  # the lexicon's own entry (reported or known as such), or the topic
            if _listed(low, vocab) or not _rare_medical_word(low, vocab, opts.rare_zipf):
                continue
            seen.add(low)
            seen.add(_singular(low))
            if _explained(text, m.start(), m.end()) or _linked(doc, block, m.start()):
                continue
            if _stem_explained_before(doc, block, m.start(), low):
                continue
            if EXAMPLE_OF_RE.search(text, max(0, m.start() - 60), m.start()):
                continue  # an example of what the sentence describes: "a condition ..., such as X"
            s, e = block.span(*m.span())
            yield Hit(s, e, rule.format(match=doc.text[s:e], suggestion=""))


def _stem_explained_before(doc: Document, block: Block, at: int, low: str) -> bool:
    """A word of the same stem explained earlier in the post is the same term again:
    "pronation (rolling in)", then "the foot pronates"."""
    stem = _stem(low)
    if len(stem) < 4:
        return False
    same = re.compile(rf"\b{re.escape(stem)}[a-z]*", re.I)
    for earlier in blocks_in_scope(doc, list(PROSE_KINDS)):
        if earlier.start > block.start:
            return False
        limit = at if earlier is block else len(earlier.text)
        for m in same.finditer(earlier.text, 0, limit):
            if _stem(m.group().lower()) == stem and _explained(earlier.text, m.start(), m.end()):
                return True
    return False


_INFLECTIONS = (
    "ations",
    "ation",
    "ating",
    "ated",
    "ates",
    "ate",
    "ions",
    "ion",
    "ing",
    "ed",
    "es",
    "s",
)


def _stem(low: str) -> str:
    """A word without its inflection or -ation ending: pronation, pronates, pronated -> pron."""
    for ending in _INFLECTIONS:
        if low.endswith(ending) and len(low) - len(ending) >= 4:
            return low[: -len(ending)]
    return low


def _listed(low: str, vocab: Any) -> bool:
    """In plainpost's word lists (medical.txt, accept.txt): the lexicon rules, built from those
    lists by frequency and by section (bench/jargon_tiers.py), have judged it already."""
    return low in vocab.lower or (low.endswith("s") and low[:-1] in vocab.lower)


def _topic_words(doc: Document) -> Iterator[str]:
    """The words of the post's title and headings, and their first six letters: the condition
    a page is about is named, not explained, all through it ("Tonsillitis can feel like a bad
    cold"; "the tonsils at the back of your throat")."""
    title = doc.meta.get("title")
    texts = [title] if isinstance(title, str) else []
    texts += [b.text for b in doc.blocks if b.kind == "heading"]
    for text in texts:
        for word in _LOWER_WORD.findall(text.lower()):
            yield word
            yield word[:6]


def _singular(low: str) -> str:
    return low[:-1] if low.endswith("s") and len(low) > 4 else low


# an example in a list after what it is an example of: "a condition that means your blood
# cannot clot, such as haemophilia", "other causes, like a food allergy or appendicitis"
EXAMPLE_OF_RE = re.compile(
    r"\b(?:such as|like|including|for example|e\.g\.)\s+(?:[\w'’-]+(?:,\s*|\s+))*$", re.I
)


def _rare_medical_word(low: str, vocab: Any, bar: float) -> bool:
    """Rare in general English and built as a medical word: from medical word parts
    ("osteo|tendin|ous"), or a medical combining root before a medical word
    ("fibro|cartilaginous"). A plain prefix before an everyday word
    ("anti|histamine", "re|hydration"), a profession and a medicine's name (booked or bought
    by name) are not jargon."""
    if ngram.zipf(low) >= bar or lexicon.word_classes(low) & _VERB:
        return False  # everyday, or a verb's form ("hydrated"): a verb is no name to explain
    for prefix in WORD_PREFIXES:
        if low.startswith(prefix) and ngram.zipf(low[len(prefix) :]) >= bar:
            return False
    if low.endswith(_PROFESSION_ENDINGS):
        return False  # a profession: readers book a podiatrist or a physiotherapist by name
    morph = vocab.morphology[0]
    if any(low.endswith(stem) and len(low) - len(stem) >= 3 for stem in morph.drug_stems):
        return False
    combined = False
    for root in morph.roots:
        if len(root) < 4 or not low.startswith(root):
            continue
        rest = low[len(root) :]
        if rest[:1] in "oiae" and len(rest) > 5 and ngram.zipf(rest[1:]) >= bar:
            return False  # a root before an everyday word: "cortico|steroid", "osteo|arthritis"
        if (
            rest[:1] in "oiae"
            and len(rest) > 6
            and (rest[1:] in vocab.lower or vocab.medical(rest[1:]))
        ):
            combined = True
    return combined or vocab.medical(low)


def _terms(opts: Options, text: str) -> list[tuple[int, int, str]]:
    """The terms found in a block's text (the language server's memo keeps them by the text)."""
    return [(m.start(), m.end(), m.group()) for m in opts.finder.finditer(text)]


# a bracket after a term that points at a lost picture ("forefoot varus (left picture)", "(see
# figure 2)") or holds only its abbreviation ("the medial (MCL)") tells the reader nothing of
# what the word means
POINTER_BRACKET_RE = re.compile(
    r"\s*\(\s*(?:see\s+)?(?:the\s+)?(?:(?:left|right|top|bottom|above|below|next|first|second)\s+)?"
    r"(?:picture|photo|image|diagram|figure|fig\.?|video|illustration|pic)s?\b[^()]{0,20}\)"
    r"|\s*\(\s*(?:see\s+)?(?:left|right|above|below|pictured|opposite)\s*\)",
    re.I,
)
ABBREVIATION_BRACKET_RE = re.compile(r"\s*\(\s*[A-Z][A-Z0-9&]{1,5}s?\s*\)")


def _explained(text: str, start: int, end: int) -> bool:
    """Whether the words around a term at text[start:end] explain it where it first appears."""
    if POINTER_BRACKET_RE.match(text, end):
        return False
    if ABBREVIATION_BRACKET_RE.match(text, end) and " " not in text[start:end]:
        return False
    before = text[max(0, start - 60) : start]
    if before.endswith("(") or NAMED_BEFORE_RE.search(before):
        return True
    if EXPLAINED_RE.match(text, end):
        return True
    if SAYS_WHERE_RE.match(text, end) and OPENS_SENTENCE_RE.search(text, 0, start):
        return True
    if BRACKETED_NAME_BEFORE_RE.search(before) and BRACKET_CLOSES_RE.match(text, end):
        return True
    m = NAME_THEN_PLAIN_RE.match(text, end)
    if m is None:
        return False
    if m.group().rstrip().endswith(("-", "\u2013", "\u2014", ":")) or "*" in m.group():
        # a dash or colon defines a term that labels its block ("Elevate - keep it raised",
        # "The collateral ligaments - straps down each side of the knee")
        return not LABEL_ARTICLE_RE.sub("", text[:start].strip(" *_\t"))
    return True


def _linked(doc: Document, block: Block, at: int) -> bool:
    """Whether the term is (in) a link's text: the page it leads to explains it, as a
    condition page links "cellulitis" to the page about cellulitis."""
    if not block.links:
        return False
    s, _ = block.span(at, at + 1)
    return any(link.start <= s < link.end and link.href for link in block.links)


def _match_case(suggestion: str, original: str) -> str:
    if original[:1].isupper() and original[1:].islower() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
