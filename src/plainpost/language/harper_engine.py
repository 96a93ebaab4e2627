"""Harper, the embedded engine (harper-py: Harper's Rust core, offline, in process).

The first ``harper.Linter`` of a process builds Harper's curated dictionary (about half a
second); :func:`warm_up` starts that on a background thread as soon as a run knows it will need
Harper (Harper releases the GIL while it builds), and each dialect's linter is then made once,
lazily. A linter is not thread-safe, so each process (the parallel runner's workers included)
makes its own: the engine drops its linters when it is pickled.
"""

from __future__ import annotations

import os
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from plainpost.document import Document
from plainpost.document.derived import Derived
from plainpost.language import lexicon
from plainpost.language.engine import SEPARATOR, EngineError, EngineHit, ProseText

SPELLING_KINDS = frozenset({"Spelling", "Typo"})
SPELL_RULES = ("SpellCheck",)

DIALECTS = {
    "us": "AMERICAN",
    "gb": "BRITISH",
    "uk": "BRITISH",
    "au": "AUSTRALIAN",
    "nz": "AUSTRALIAN",
    "ca": "CANADIAN",
    "in": "INDIAN",
}


DIALECT_LANG = {
    "AMERICAN": "en-US",
    "BRITISH": "en-GB",
    "AUSTRALIAN": "en-AU",
    "CANADIAN": "en-CA",
    "INDIAN": "en-IN",
}


def dialect_name(lang: str, default: str = "en-GB") -> str | None:
    """Harper's dialect for a language tag; None for a language Harper does not check."""
    tag = (lang or default).replace("_", "-").lower()
    base, _, region = tag.partition("-")
    if base != "en":
        return None
    if not region:
        region = default.replace("_", "-").lower().partition("-")[2] or "gb"
    return DIALECTS.get(region, "BRITISH")


# Harper linters made in this process, by thread, dialect, switches and words (HarperEngine._build):
# a linter's first check costs far more than the next ones, so a run that makes a new engine with
# the same configuration reuses the linter instead. What a linter keeps between checks is a cache
# of what it worked out (HarperEngine.forget drops it), never something that changes a finding.
_MADE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
MADE_KEEP = 4  # two dialects, each with its current and previous words (a linter's cache grows)


class HarperEngine:
    name = "harper"

    def __init__(
        self,
        off: Mapping[str, str] | Iterable[str] = (),
        words: Iterable[str] = (),
        spelling: bool = True,
        default_lang: str = "en-GB",
        where: str = "",
        vocab: Any = None,
    ) -> None:
        self.off = tuple(off)
        self.words = tuple(words)
        self.vocab = vocab  # its words go into Harper's dictionary, by dialect
        self.spelling = spelling
        self.default_lang = default_lang
        self.where = where  # the rule file that lists the switched-off rules, for errors
        self._linters: dict[str, Any] = {}

    # -- pickling: a worker process builds its own linters ---------------------------------
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_linters"] = {}
        return state

    # -- building ------------------------------------------------------------------------
    def prewarm(self, lang: str | None = None) -> None:
        """Start building Harper's dictionary on a background thread (see :func:`warm_up`)."""
        if dialect_name(lang or self.default_lang, self.default_lang) is not None:
            warm_up()

    def _build(self, dialect: str) -> Any:
        """This engine's linter for ``dialect``: one made already in this thread for the same
        switches and words (a second run in one process, such as the language server after a
        config reload, or a test suite's in-process commands), else a new one."""
        words = set(self.words)
        if self.vocab is not None:
            words.update(self.vocab.harper_words(DIALECT_LANG[dialect]))
        key = (
            os.getpid(),  # a forked worker makes its own (Harper's threads stay in the parent)
            threading.get_ident(),  # a linter is not thread-safe: one per thread
            dialect,
            self.off,
            self.spelling,
            hash(frozenset(words)),
            len(words),
        )
        linter = _MADE.get(key)
        if linter is None:
            linter = _MADE[key] = self._new_linter(dialect, sorted(words))
            while len(_MADE) > MADE_KEEP:
                _MADE.popitem(last=False)
        else:
            _MADE.move_to_end(key)
        return linter

    def _new_linter(self, dialect: str, words: list[str]) -> Any:
        import harper

        wait_for_warm_up()
        linter = harper.Linter(getattr(harper.Dialect, dialect))
        config = linter.get_lint_config()
        unknown = [name for name in self.off if name not in config]
        if unknown:
            raise EngineError(
                f"{self.where or 'rules'}: options.harper_off: Harper has no rule "
                f"{unknown[0]!r} (harper-py {_version()})"
            )
        wanted: dict[str, bool | None] = {name: False for name in self.off}
        if not self.spelling:
            wanted.update({name: False for name in SPELL_RULES})
        config.update(wanted)
        linter.set_lint_config(config)
        if words:
            linter.import_words(words)
        return linter

    def forget(self) -> None:
        """Drop the Harper linters built so far (the next post builds them again, in about
        35 ms of CPU: the dictionary is the process's). A Harper linter keeps what it worked
        out from the texts it checked, up to about 120 MB after a hundred different posts; a
        worker that checks many posts calls this now and then (run/workers.py). They are
        dropped from the process's kept linters too, or the next build would return them."""
        dropped = {id(linter) for linter in self._linters.values()}
        for key in [k for k, made in _MADE.items() if id(made) in dropped]:
            del _MADE[key]
        self._linters.clear()

    def linter(self, lang: str) -> Any | None:
        dialect = dialect_name(lang, self.default_lang)
        if dialect is None:
            return None
        linter = self._linters.get(dialect)
        if linter is None:
            linter = self._linters[dialect] = self._build(dialect)
        return linter

    # -- checking ------------------------------------------------------------------------
    def check(
        self, prose: ProseText, doc: Document, derived: Derived | None = None
    ) -> list[EngineHit]:
        """Harper's lints of the post's prose, a few blocks at a time (:func:`pieces`), each
        piece's lints kept in the lint's memo by its text, so an edited post is sent again
        only in the pieces that changed; fixed up by :func:`correct` reading the whole prose
        around each."""
        if not prose.text.strip():
            return []
        dialect = dialect_name(prose.lang, self.default_lang)
        linter = self.linter(prose.lang)
        if dialect is None or linter is None:
            return []
        text = prose.text
        derived = derived if derived is not None else Derived()
        out: list[EngineHit] = []
        for at, end_at in pieces(prose):
            piece = text[at:end_at]
            lints = derived.by_text(("harper", dialect, piece), partial(_lints, linter, piece))
            for rule_name, start, end, message, kind, suggestions in lints:
                start, end = start + at, end + at
                corrected = correct(rule_name, text, start, end, suggestions, self.vocab)
                if corrected is None or _lower_case_item(rule_name, prose, start):
                    continue
                start, end, suggestions = corrected
                span = prose.span(start, end)
                if span is None:
                    continue
                category = "spelling" if kind in SPELLING_KINDS else "grammar"
                out.append(
                    EngineHit(
                        span[0],
                        span[1],
                        message,
                        suggestions,
                        "harper",
                        rule_name,
                        category,
                        text[start:end],
                    )
                )
        return out


# a piece ends after a block whose text hashes to 0 modulo this: 8 blocks a piece on average.
# Each call of Harper costs about a millisecond whatever the text (its 900 rules set up), so
# one call per block took 1.2-1.5x the CPU of one call for the whole post; one per 8 blocks
# takes about the same as the whole post, and an edit re-sends about 150 words.
PIECE_BLOCKS = 8


def pieces(prose: ProseText) -> list[tuple[int, int]]:
    """Where the prose is cut for Harper: spans of consecutive blocks, each ending after a
    block whose text's CRC-32 is a multiple of :data:`PIECE_BLOCKS`. A cut depends on that
    block's text alone, so an edit moves no cut but in the blocks it changed, and a cold lint
    cuts where a warm one does."""
    text = prose.text
    out: list[tuple[int, int]] = []
    start: int | None = None
    ends = [s - len(SEPARATOR) for s in prose.block_starts[1:]] + [len(text)]
    for at, end in zip(prose.block_starts, ends, strict=True):
        if start is None:
            start = at
        if zlib.crc32(text[at:end].encode("utf-8")) % PIECE_BLOCKS == 0:
            out.append((start, end))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return out


# a lint as plain data: Harper's rule, its span in the text checked, message, kind, suggestions
Lint = tuple[str, int, int, str, str, tuple[str, ...]]


def _lints(linter: Any, text: str) -> tuple[Lint, ...]:
    """Harper's lints of one block of prose, in its offsets."""
    import harper

    out: list[Lint] = []
    found = linter.organized_lints(text, language=harper.Language.PLAINTEXT)
    for rule_name, lints in found.items():
        for lint in lints:
            start, end = lint.span.start, lint.span.end
            problem = text[start:end]
            suggestions = tuple(_replacement(s, problem) for s in lint.suggestions)
            out.append(
                (rule_name, start, end, _message(lint.message), str(lint.lint_kind), suggestions)
            )
    return tuple(out)


# -- warming up: Harper's curated dictionary is built once per process, by the first Linter --

_WARM_UP: list[threading.Thread] = []


def warm_up() -> None:
    """Build Harper's dictionary on a background thread, once per process.

    The dictionary (about half a second to build) is shared by every ``harper.Linter`` of the
    process, and harper-py releases the GIL while it builds; started before the rules load, the
    build overlaps the rest of start-up. Linters made later take a few milliseconds.
    """
    if _WARM_UP:
        return
    thread = threading.Thread(target=_warm, name="harper-warm-up", daemon=True)
    _WARM_UP.append(thread)
    thread.start()


def _warm() -> None:
    try:
        import harper

        harper.Linter(harper.Dialect.BRITISH)
    except Exception:  # the real build reports any problem, in the main thread
        pass


def wait_for_warm_up() -> None:
    for thread in _WARM_UP:
        thread.join()


# a file name or web address, which is written in lower case ("header-photo.jpg", "www.nhs.uk")
_FILE_OR_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|[\w-]+\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|mp4|html?|com|org|net)\b",
    re.IGNORECASE,
)


def _lower_case_item(rule_name: str, prose: ProseText, start: int) -> bool:
    """A list item, table cell or alt text that starts in lower case: a normal style, not a
    sentence missing its capital ("- stretch after every run"); nor is a file name or web
    address at the start of a sentence."""
    if rule_name != "SentenceCapitalization":
        return False
    if _FILE_OR_ADDRESS.match(prose.text, start):
        return True
    index = prose.block_at(start)
    block = prose.blocks[index] if index < len(prose.blocks) else None
    if block is None or block.kind not in ("list_item", "table_cell", "alt"):
        return False
    first_word = prose.block_starts[index] + len(block.text) - len(block.text.lstrip(" *_\"'(["))
    return start <= first_word


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("harper-py")
    except PackageNotFoundError:  # pragma: no cover
        return "?"


def _replacement(suggestion: Any, problem: str) -> str:
    import harper

    kind = suggestion.kind
    if kind == harper.SuggestionKind.REMOVE:
        return ""
    if kind == harper.SuggestionKind.INSERT_AFTER:
        return problem + str(suggestion.replacement_text)
    return str(suggestion.replacement_text)


_CODE_RE = re.compile(r"`([^`]*)`")


def _message(message: str) -> str:
    """Harper writes words in Markdown code quotes; plainpost's messages use “quotes”."""
    return _CODE_RE.sub(r"“\1”", message).strip()


def _word_before(text: str, start: int) -> str:
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’-"):
        j -= 1
    return text[j:i]


def _at_sentence_start(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t\"'([":
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n"


def correct(
    rule_name: str,
    text: str,
    start: int,
    end: int,
    suggestions: tuple[str, ...],
    vocab: Any = None,
) -> tuple[int, int, tuple[str, ...]] | None:
    """Fix up or drop what Harper gets wrong (None drops the lint). Each case has a test.

    * ItTimeAuxiliary flags "give it time" as needing "it's": "it" is the object of a verb
      there, not a subject missing its verb.
    * AnA flags the letter "A" in "vitamin A is" or "A&E" as an article.
    * PronounVerbAgreement reads "you" + a plural noun as pronoun + verb: it suggests "muscle"
      for "keep you muscles supple" (the slip is a missing "r") and flags "show you
      stretches" (which is right). plainpost's you-before-noun rule decides those.
    * PronounInflectionBe reads an object pronoun as the subject of the verb after it: "the
      infections that cause it are" (the subject is "infections").
    * ThereToTheir wants "their" in "Are there side effects?"; ToAdverb reads "as to how to"
      as a repeated "to"; ThereIsAgreement flags "there is lots of time".
    * Damages reads the verb in "whitening damages your enamel" as the legal noun.
    * ItsPossessive flags "I think it's time"; it is kept only before a word that cannot
      follow the contraction ("it's ability").
    * ThenThan flags conditionals: "If it gets worse then stop".
    * RepeatedWords flags "had had" and "that that", which are right.
    * OrthographicConsistency and RegularIrregulars "correct" a word the vocabulary or an
      initialism spells that way: "GPs" -> "GPS", "DOMS" -> "DOMs", "styes" -> "sties".
    * DoToDueTo reads "things you can do to help" as "due to".
    * ToTwoToo wants "too" in "back to normal" and "go to bed" (a noun or verb follows).
    * NounVerbConfusion wants "advise" in "give you advice", and "effects" for the verb in
      "is common and affects between 10 and 40%" (an object follows: the verb is right).
    * TheirToTheyre wants "they're" in "hurt their back" and "their back has gone".
    * Everyone joins "every one of these"; MissingDeterminer asks for an article before a
      plural noun ("than GP practices").
    """
    problem = text[start:end]
    if rule_name == "ItTimeAuxiliary":
        before = _word_before(text, start)
        if (
            before
            and lexicon.has(before, "VB", "VBD", "VBZ", "VBP", "VBG", "VBN")
            and not (lexicon.has(before, "MD", "AUX"))
        ):
            return None
    if rule_name == "AnA" and problem in ("A", "AN"):
        following = text[end : end + 1]
        if following in "&." or not _at_sentence_start(text, start):
            return None
    if rule_name == "PronounInflectionBe":
        pronoun = _word_before(text, start)
        at = text.rfind(pronoun, 0, start) if pronoun else -1
        governor = _word_before(text, at) if at > 0 else ""
        if (
            governor
            and lexicon.has(governor, "VB", "VBP", "VBZ", "VBD", "VBG", "IN")
            and not lexicon.has(governor, "MD", "AUX")
            and not lexicon.lemmas(governor.lower()) & _CLAUSE_VERBS
        ):
            return None  # "the infections that cause it are": "it" is an object there
    if rule_name == "ThereToTheir" and problem.lower() == "there":
        before = _word_before(text, start).lower()
        if before in _BE_OR_MODAL:
            return None  # "Are there side effects?", "will there be": "there" is the subject
    if rule_name == "ToAdverb" and _WH_RE.search(problem):
        return None  # "as to how to rest it": two infinitive markers, not one repeated
    if rule_name == "ThereIsAgreement" and problem.split()[-1].lower() in _QUANTITY_NOUNS:
        return None  # "there is lots of time": the quantity takes the number of what follows
    if rule_name == "Damages":
        after = _word_after(text, end)
        if after and lexicon.has(after, "PRP$", "DT", "PRP"):
            return None  # "whitening damages your enamel": the verb, not a court's award
    if rule_name == "PronounVerbAgreement":
        before = _word_before(text, start)
        if before.lower() == "you" and lexicon.has(problem, "NNS", "NN"):
            return None
        at = text.rfind(before, 0, start) if before else -1
        governor = _word_before(text, at).lower() if at > 0 else ""
        if lexicon.lemmas(governor) & _MANDATIVE and lexicon.has(problem, "VB"):
            return None  # "we recommend she rest": after such verbs the plain form is right
        if (
            before.lower() in ("you", "it")
            and lexicon.has(governor, "VB", "VBP", "VBZ", "VBD")
            and not lexicon.has(governor, "MD", "AUX")
            and not lexicon.lemmas(governor) & _CLAUSE_VERBS
        ):
            return None  # "the exercise your physio gives you is": "you" is the object
    if rule_name == "ItsPossessive":
        after = _word_after(text, end)
        if after and lexicon.has(after, *_CONTRACTION_FOLLOWERS):
            return None
        if lexicon.lemmas(_word_before(text, start).lower()) & _CLAUSE_VERBS:
            return None  # "confirm it's thrush": a clause follows the verb, "it is thrush"
    if rule_name == "ThenThan":
        after = _word_after(text, end)
        if after and (
            lexicon.has(after, "PRP", "MD")
            or (lexicon.has(after, "VB") and not lexicon.has(after, "VBG"))
        ):
            return None
        if _sentence_opener(text, start) in _CONDITIONALS:
            return None
    if rule_name == "RepeatedWords" and problem.split()[0].lower() in _RIGHT_DOUBLES:
        return None
    if rule_name in ("OrthographicConsistency", "RegularIrregulars") and _own_spelling(
        problem, vocab
    ):
        return None
    if rule_name == "DoToDueTo":
        before = _word_before(text, start)
        if before and lexicon.has(before, "MD", "TO", "PRP", "VB_NEG", "WDT", "WP"):
            return None  # "things you can do to help": the verb do, then an infinitive
    if rule_name == "ToTwoToo" and problem.lower() == "to":
        after = _word_after(text, end)
        if after and lexicon.has(after, "NN", "NNS", "VB", "DT", "PRP$", "CD"):
            return None  # "back to normal", "to bed": the preposition or infinitive
        if lexicon.adjective_range(_word_before(text, start), after) or _from_before(text, start):
            return None  # "mild to severe", "from a twinge to sharp pain": a range
    if rule_name == "NounVerbConfusion" and problem.lower() in ("affect", "affects"):
        after = _word_after(text, end)
        if after and (
            lexicon.has(after, "DT", "PRP$", "PRP", "CD", "WRB", "WDT")
            or after.lower() in _AFFECT_OBJECT_STARTS
        ):
            return None  # "and affects between 10 and 40%", "affects how you sleep": the verb
    if rule_name == "NounVerbConfusion" and problem.lower() in ("advice", "advices"):
        before = _word_before(text, start)
        if before.lower() in _OBJECT_PRONOUNS:
            return None  # "give you advice": "you" is the object, advice the thing given
    if rule_name == "TheirToTheyre":
        before = _word_before(text, start)
        if before and lexicon.has(before, "VB", "VBD", "VBZ", "VBP", "IN", "CC"):
            return None  # "hurt their back", "and their back": the possessive
        if _two_after_is_verb(text, end):
            return None  # "their back has gone": a noun then its verb
    if rule_name == "Everyone" and _word_after(text, end).lower() == "of":
        return None  # "every one of these": each single one, not everybody
    if rule_name == "MissingDeterminer" and _plural_follows(text, end):
        return None  # "than GP practices": a plural noun needs no determiner
    return start, end, suggestions


_OBJECT_PRONOUNS = frozenset(["you", "me", "him", "her", "us", "them"])
# words that open the object of the verb "affect" ("affects between 10 and 40%", "affects
# roughly one in five"), where the noun "effects" could not stand
_AFFECT_OBJECT_STARTS = frozenset(
    [
        *("between", "how", "whether", "about", "around", "roughly", "nearly", "almost"),
        *("up", "over", "more", "most", "many", "millions", "thousands", "people", "women"),
        *("men", "children", "adults", "everyone", "anyone"),
    ]
)
# verbs after which a clause takes the plain form of its verb: "we recommend she rest"
_MANDATIVE = frozenset(
    ["recommend", "suggest", "insist", "ask", "demand", "require", "propose", "advise", "urge"]
)


def _from_before(text: str, start: int) -> bool:
    """Whether "from" comes earlier in the sentence, within a few words ("from mild to")."""
    cut = max(text.rfind(c, 0, start) for c in ".!?\n;:")
    return bool(re.search(r"(?i)\bfrom\b(?:\W+\w+){1,4}\W*$", text[cut + 1 : start]))


_BE_OR_MODAL = frozenset(
    [
        *("is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "will", "would"),
        *("can", "could", "may", "might", "must", "should", "shall", "won't", "wouldn't"),
    ]
)
_WH_RE = re.compile(r"(?i)\b(?:how|what|when|where|whether|which|who|why)\b")
_QUANTITY_NOUNS = frozenset(["lots", "loads", "heaps", "tons", "plenty"])
# verbs a clause follows, so a pronoun after them is a subject: "I think it are" stays a slip
_CLAUSE_VERBS = frozenset(
    [
        *("think", "know", "believe", "say", "tell", "hope", "feel", "guess", "mean"),
        *("suppose", "reckon", "find", "hear", "read", "show", "notice", "realise", "realize"),
        *("confirm", "check", "ensure", "suspect", "suggest", "explain", "agree", "decide"),
        *("worry", "sure", "clear", "likely", "possible"),
    ]
)


def _own_spelling(word: str, vocab: Any) -> bool:
    """A word written as the vocabulary or an initialism writes it (GPs, DOMS, styes): Harper's
    "canonical spelling" is another word (GPS, the satellite system)."""
    stem = word[:-1] if word.endswith("s") else word
    if len(stem) >= 2 and stem.isupper():
        return True  # an initialism or its plural: GPs, NSAIDs, DOMS
    if word[1:].islower() and "UNK" not in lexicon.tags(word.lower()):
        return True  # "latex", a dictionary word, not the typesetting system "LaTeX"
    return vocab is not None and vocab.accepts(word)


def _two_after_is_verb(text: str, end: int) -> bool:
    m = _TWO_AFTER_RE.match(text, end)
    if m is None:
        return False
    return lexicon.has(m.group(2), "VBZ", "VBD", "MD") and not lexicon.has(m.group(2), "NNS")


def _plural_follows(text: str, end: int) -> bool:
    m = _TWO_AFTER_RE.match(text, end)
    if not m:
        return False
    return any(w.endswith("s") and lexicon.has(w, "NNS") for w in m.groups())


_TWO_AFTER_RE = re.compile(r"[\s\"'(\[]*([^\W\d_][\w'’-]*)\s+([^\W\d_][\w'’-]*)")


# after "it's" these make the contraction the likely reading ("it's time", "it's swollen")
_CONTRACTION_FOLLOWERS = ("VB", "VBP", "JJ", "RB", "VBN", "VBG", "DT", "PRP", "IN", "CD")
_CONDITIONALS = frozenset(
    ["if", "when", "once", "whenever", "unless", "until", "after", "as", "before"]
)
_RIGHT_DOUBLES = frozenset(["had", "that", "is", "do"])


def _word_after(text: str, end: int) -> str:
    m = _WORD_AFTER_RE.match(text, end)
    return m.group(1) if m else ""


def _sentence_opener(text: str, start: int) -> str:
    """The first word of the sentence that contains ``start``, lower case."""
    cut = max(text.rfind(c, 0, start) for c in ".!?\n")
    m = _WORD_AFTER_RE.match(text, cut + 1)
    return m.group(1).lower() if m else ""


_WORD_AFTER_RE = re.compile(r"[\s\"'(\[]*([^\W\d_][\w'’-]*)")
