"""Agreement, verb forms, missing and stray words, clause boundaries: from tags in context.

Each sentence is tagged by :mod:`plainpost.language.tagger` (the tag a word has *here*), and
:mod:`plainpost.language.lexicon` says which forms a word *can* be (so "it help" is a base form
where the tagger expects a verb ending in -s). On these, small noun-phrase chunks give a verb's
subject head: the first noun of "the range of exercises", both nouns of "rest and gentle
movement", the noun a relative clause hangs on ("a muscle that attach"), an indefinite pronoun
("everyone have"). A subject is only trusted where it starts a clause (the sentence start, a
comma, a conjunction), so an object is never read as a subject.

Each detector is a pure function from one tagged sentence to :class:`Issue` s, in the block's
offsets. They are written for precision: when the analysis is unsure it says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from plainpost.language import lexicon
from plainpost.language.tagger import tagger
from plainpost.language.tokens import Token


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    low: str
    tag: str  # in context (Penn Treebank)
    start: int  # block offsets
    end: int

    @property
    def forms(self) -> frozenset[str]:
        """The tags the word can have (lexicon), whatever its tag here."""
        return lexicon.tags(self.text)


@dataclass(frozen=True, slots=True)
class Issue:
    start: int
    end: int
    suggestion: str  # the replacement for text[start:end]; "" when there is none to offer
    why: str


# --- tagging ------------------------------------------------------------------------------

_CONTRACTIONS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")


def _pieces(tok: Token) -> list[tuple[str, int, int]]:
    """A token as the treebank writes it: "don't" -> "do" "n't", "it's" -> "it" "'s"."""
    if tok.kind == "code":
        return [("X", tok.start, tok.end)]
    text = lexicon.fold(tok.text)
    low = text.lower()
    if low == "cannot":  # the treebank's "can" "not" (else the tagger reads it as a noun)
        return [(text[:3], tok.start, tok.start + 3), (text[3:], tok.start + 3, tok.end)]
    for c in _CONTRACTIONS:
        if low.endswith(c) and len(low) > len(c):
            cut = len(text) - len(c)
            if low in ("can't", "won't"):
                cut = 2  # the treebank's "ca" "n't", "wo" "n't"
            return [
                (text[:cut], tok.start, tok.start + cut),
                (text[cut:], tok.start + cut, tok.end),
            ]
    return [(text, tok.start, tok.end)]


def tag_sentence(tokens: Sequence[Token]) -> list[Word]:
    pieces = [p for t in tokens for p in _pieces(t)]
    if not pieces:
        return []
    tags = tagger().tag([p[0] for p in pieces])
    return [Word(t, t.lower(), tag, s, e) for (t, s, e), tag in zip(pieces, tags, strict=True)]


# --- word classes -------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
VERB = frozenset({"VB", "VBZ", "VBP", "VBD", "VBN", "VBG"})
SINGULAR_PRONOUNS = _words("he she it this that")
PLURAL_PRONOUNS = _words("they we these those both people")
# demonstratives and "both" as subjects on their own: "these help", "those two are", "both work"
PLURAL_DEMONSTRATIVES = _words("these those both")
INDEFINITE = _words(
    "everyone everybody anyone anybody someone somebody nobody everything something anything "
    "nothing each either neither"
)
# heads whose number comes from what follows them ("a lot of people are"), or either number
QUANTITY = _words(
    "lot lots alot plenty number majority minority half rest most some all none any percent cent "
    "bit couple variety kind kinds sort sorts type types total part proportion series "
    "percentage fraction handful quarter third "
    "staff team family group couple crew class public police data media "
    # collective nouns: British English gives them either number ("the committee are")
    "committee council board government jury audience panel management workforce company "
    "firm union party army"
)
# adjectives that hang a phrase on a noun with "of": "a diet full of whole foods"
FULL_OF = _words("full rich high low packed free short")
# adverbs that may open a clause before its subject: "but now the front of your legs feel"
OPENING_ADVERBS = _words("now often usually sometimes today soon still")
# words for a share of what follows "of": "most of the patients are", "some of it is"; with a
# plural after "of", the verb is plural ("one", "each", "either", "none" are not here)
PARTITIVE = _words("most many some all several few both half lot lots plenty majority")
# nouns plural in form, singular in use: conditions, subjects, games ("hives occurs", "measles
# is"); a head among them has no number the rule can trust
SINGULAR_IN_S = _words(
    "hives measles mumps rickets shingles scabies herpes rabies diabetes piles news physics "
    "athletics gymnastics aerobics pilates mathematics maths economics politics genetics "
    "ethics statistics logistics mechanics darts billiards"
)
SUBORDINATORS = _words(
    "if when whenever because although though while whilst as since unless until till once "
    "after before whether where wherever so than that which who whom whose what how why"
)
# subordinators that are never prepositions: a subject may follow them ("after" may not:
# "after these exercises is" has no subject after "after")
CLAUSE_SUBORDINATORS = _words(
    "if when whenever because although though while whilst unless whether that which who so"
)
BE_SG, BE_PL = _words("is was has does"), _words("are were have do")
SWAP = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
        "does": "do", "do": "does", "isn't": "aren't", "aren't": "isn't", "wasn't": "weren't",
        "weren't": "wasn't", "hasn't": "haven't", "haven't": "hasn't", "doesn't": "don't",
        "don't": "doesn't"}  # fmt: skip
DETERMINERS = _words("the a an")
POSSESSIVE_OR_DT = _words("the a an this that these those my your his her its our their")
DOUBLE_DT_OK = _words("all both half such what many quite rather")
NEED_TO = _words(
    "need needs needed want wants wanted try tries tried able going ought hope hopes hoped "
    "plan plans planned decide decides decided tend tends tended aim aims aimed remember "
    "forget manage manages managed refuse refuses agree agrees expect expects intend intends "
    "seem seems seemed"
)
CAUSE_OBJ_TO = _words(
    "cause causes caused allow allows allowed enable enables enabled force forces forced ask "
    "asks asked tell tells told encourage encourages encouraged advise advises advised want "
    "wants wanted remind reminds reminded urge urges urged teach teaches taught require "
    "requires required get gets got"
)
OBJECT_PRONOUNS = _words("you him her them us me it")
# verbs of telling, whose object pronoun may open a clause of its own: "told you have"
TELL_THAT = _words(
    "tell tells told remind reminds reminded advise advises advised teach teaches taught warn "
    "warns warned"
)
# verbs after whose object the next verb has no "to": "let it heal", "makes the joint ache"
BARE_AFTER_OBJECT = _words("let lets letting make makes made making")
SUBJECT_PRONOUNS = _words("i you he she it we they")
WH = _words("what why how when where who which whose whom")
AUX_Q = _words(
    "do does did is are was were can could should would will shall may might must have has"
)


def _singular(w: Word) -> bool | None:
    """The number of a subject head: True singular, False plural, None unsure."""
    low = w.low
    if low in SINGULAR_PRONOUNS or low in INDEFINITE:
        return True
    if low in PLURAL_PRONOUNS:
        return False
    if re.fullmatch(r"[A-Z]{2,}s", w.text):
        return False  # "HAPIs", "GPs", "NSAIDs": an initialism's plural
    if low in QUANTITY or low in SINGULAR_IN_S or w.tag not in NOUN or not low.isalpha():
        return None
    if w.tag in ("NNP", "NNPS") and ("NN" not in w.forms or "JJ" in w.forms):
        return None  # a name, or an adjective the tagger took for one ("Poor sleep")
    # the tagger's number, where the word's spelling bears it out
    if "NNS" in w.forms and "NN" not in w.forms:
        return False  # men, feet, children: plural whatever the tag
    if _foreign_plural(w):
        return False  # bacteria, criteria: a plural whose singular is another word
    if w.tag in ("NN", "NNP"):
        if not low.endswith("s") or low.endswith(("ss", "us", "is", "sis")):
            return True
        return None  # "news", "diabetes": singular words ending in -s
    if w.tag in ("NNS", "NNPS"):
        forms = w.forms
        if (
            "NN" in forms
            and "NNS" not in forms
            and not low.endswith("s")
            and lexicon.inflect(low, "NNS") not in (low, "")
        ):
            return True  # "the knee take": a singular the tagger took for a plural
        if "NN" in forms and lexicon.inflect(low, "NN") == low:
            return None  # "diabetes", "series": the singular is spelt the same
        return False
    return None


def _foreign_plural(w: Word) -> bool:
    """A plural not in -s whose singular is another word, though writers also use it as a
    singular: "bacteria" (bacterium), "criteria". As a subject that opens its clause it is
    plural ("the bacteria in your gut feed"); after "or" or as what a clause hangs on ("the
    bacteria that causes impetigo") the rule leaves it alone."""
    low = w.low
    return (
        "NNS" in w.forms
        and "NN" in w.forms
        and not low.endswith("s")
        and lexicon.inflect(low, "NN") not in (low, "")
    )


def _verb_number(w: Word) -> bool | None:
    """The number a present-tense verb shows: True (helps, is, has), False (help, are, have)."""
    low = w.low
    if low in BE_SG or low in ("isn't", "wasn't", "hasn't", "doesn't", "'s"):
        return True
    if low in BE_PL or low in ("aren't", "weren't", "haven't", "don't", "'re", "am"):
        return False
    if w.tag not in ("VBZ", "VBP"):
        return None
    forms = w.forms
    if "VBZ" in forms and "VBP" not in forms and "VB" not in forms:
        return True
    if ("VBP" in forms or "VB" in forms) and "VBZ" not in forms:
        return False
    return None


def _compound_issue(verb: Word) -> Issue:
    """A singular verb after two subjects joined by "and"."""
    return Issue(
        verb.start, verb.end, _agree(verb, False), "two subjects joined by “and” take a plural verb"
    )


def _agree(verb: Word, singular: bool) -> str:
    if verb.low in SWAP:
        return _case(SWAP[verb.low], verb.text)
    return _case(lexicon.inflect(verb.low, "VBZ" if singular else "VBP"), verb.text)


def _case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _noun_phrase_start(ws: Sequence[Word], end: int) -> int:
    """The first index of the noun phrase that ends at ``end`` (its head)."""
    i = end
    while i > 0 and (
        ws[i - 1].tag in ("DT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "POS", "VBN")
        or (ws[i - 1].tag == "VBG" and ws[i].tag in NOUN)  # "warning signs", "running shoes"
    ):
        i -= 1
    return i


def _second_object(ws: Sequence[Word], verb: Word, v: int) -> bool:
    """Whether the noun at ``v`` (after "and") can be a second object of ``verb``: the words
    between are the verb's object, a noun phrase with no preposition ("improves knee stability
    and gait"), so the noun is more likely coordinated with it than a second verb."""
    k = next(i for i, w in enumerate(ws) if w is verb)
    between = ws[k + 1 : v - 1]
    return bool(between) and between[-1].tag in NOUN and all(w.tag != "IN" for w in between)


# prepositions that hang a noun phrase on the noun before it: "bands of tissue", "marks on
# the skin", "pain in the joints"
PHRASE_PREPOSITIONS = _words("of on in with from at for around near under behind between")


def _of_head(ws: Sequence[Word], i: int) -> Word | None:
    """The noun that ``ws[i]`` hangs on through "of" or another preposition ("bands" for
    "tissue" in "bands of tissue", "marks" in "marks on the skin", "one" in "one of our
    doctors"), or None."""
    start = _noun_phrase_start(ws, i)
    if start >= 2 and ws[start - 1].low in PHRASE_PREPOSITIONS:
        outer = ws[start - 2]
        if outer.tag in NOUN:
            return outer
        if (
            outer.tag == "VBZ"
            and "NNS" in outer.forms
            and ws[max(start - 3, 0)].tag in ("JJ", "NN", "DT")
        ):
            # "leaves round marks on the skin": the tagger took the plural noun for a verb
            return Word(outer.text, outer.low, "NNS", outer.start, outer.end)
        if outer.low == "one":
            return Word(outer.text, outer.low, "NN", outer.start, outer.end)
    return None


# words after which a "that" clause may take the plain form of its verb: "it is important
# that each patient bring", "we recommend that she rest"
MANDATIVE = _words(
    "recommend recommends recommended suggest suggests suggested insist insists insisted ask "
    "asks asked require requires required request requested propose proposed advise advised "
    "urge urged demand demanded important essential vital crucial necessary encouraged "
    "advisable best"
)


def _subjunctive(ws: Sequence[Word], v: int) -> bool:
    """Whether the verb at ``v`` may be a subjunctive: "were" after "if" or "wish" ("if the
    disease were to"), or a plain form in a "that" clause after "recommend", "important"
    ("important that each facility undergo")."""
    verb = ws[v]
    before = [w.low for w in ws[:v]]
    if verb.low == "were":
        return any(w in ("if", "wish", "though", "suppose") for w in before)
    if verb.tag not in ("VBP", "VB") or "VB" not in verb.forms:
        return False
    for k in range(v - 1, 0, -1):
        if ws[k].low == "that" and ws[k - 1].low in MANDATIVE:
            return True
        if ws[k].tag in (",", ":", ".") or ws[k].low in ("because", "if", "when", "and", "but"):
            return False
    return False


def _inverted_question(ws: Sequence[Word], v: int) -> bool:
    """Whether the verb at ``v`` is an auxiliary put before its subject in a question: "At what
    age do most children", "What colour are the spots", "Whom are we"."""
    verb = ws[v]
    if verb.low not in AUX_Q or v + 1 >= len(ws):
        return False
    if ws[v + 1].tag not in ("DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "JJS", "CD"):
        return False
    opener = [w.low for w in ws[: min(v, 4)]]
    return any(w in WH or w == "whom" for w in opener) and ws[-1].text == "?"


def _clause_start(ws: Sequence[Word], i: int) -> bool:
    """Whether a subject may start at ``i``: the sentence start, after a comma, a conjunction,
    a subordinator or a relative pronoun."""
    if i == 0:
        return True
    before = ws[i - 1]
    return before.tag in (",", ":", "CC", "WDT", "WP", "(", "``") or (
        before.low in CLAUSE_SUBORDINATORS
    )


def _opens_clause(ws: Sequence[Word], i: int) -> bool:
    """As :func:`_clause_start`, or after an adverb that opens the clause: "but now the front
    of your legs", "and often the knee"."""
    return _clause_start(ws, i) or (
        i > 1 and ws[i - 1].low in OPENING_ADVERBS and _clause_start(ws, i - 1)
    )


VERB_LIKE = VERB | {"MD"}
# what makes the next word a verb whatever it is: a modal or "to" (adverbs between: "will most
# likely hear"), a relative pronoun ("feet that roll in"), a subject pronoun ("we walk")
_VERB_LICENCE = frozenset({"MD", "TO", "WDT"})


def verb_slot(ws: Sequence[Word], i: int) -> bool:
    """Whether the word at ``i`` stands where the sentence needs a verb and can be one: after a
    modal or "to" (adverbs between: "will most likely hear"), or after a relative pronoun that
    follows a noun ("feet that roll in"). The lexicon decides what the word can be, as the
    tagger often reads such a word as a noun. A word there is no slip for one that cannot be a
    verb ("here" for "hear", "role" for "roll")."""
    forms = ws[i].forms
    j = i - 1
    while (
        j >= 0 and ws[j].low != "not" and (ws[j].tag in ("RB", "RBR", "RBS") or "RB" in ws[j].forms)
    ):
        j -= 1
    if j < 0:
        return False
    before = ws[j]
    if before.tag == "MD" or before.low == "to":
        return "VB" in forms
    if before.low in ("that", "which", "who") and j > 0 and ws[j - 1].tag in NOUN:
        return bool(forms & {"VBP", "VBZ", "VBD"})
    return False


# --- detectors ----------------------------------------------------------------------------


def _retag_verbs(ws: Sequence[Word]) -> list[Word]:
    """A plural noun before an object pronoun or a possessive is a verb: "swimming keeps your
    heart strong" (the tagger reads "keeps" as a noun after another noun)."""
    out = list(ws)
    verbless = not any(w.tag in FINITE for w in ws) and ws[0].tag in (
        "DT", "PRP$", "JJ", "NN", "NNS", "NNP"
    )  # fmt: skip
    for i in range(1, len(ws) - 1):
        w = ws[i]
        if (
            (
                # "the bacteria in your gut feeds on fibre", "your feet needs support": a sentence
                # that opens with a noun phrase and has no verb; a word in -s after a noun that
                # can be a verb is it
                verbless
                and w.tag in ("NNS", "JJ")
                and "VBZ" in w.forms
                and w.low.endswith("s")
                and ws[i - 1].tag in NOUN
                and ws[i + 1].tag not in NOUN | {"POS"}
            )
            or (
                w.tag == "NNS"
                and "VBZ" in w.forms
                and ws[i - 1].tag in NOUN | {"VBG"}
                and (
                    ws[i + 1].tag in ("PRP$",)
                    or ws[i + 1].low in ("you", "him", "them", "us", "me")
                )
            )
            or (
                # "most of our patients feels better": after a plural noun, a word ending in -s
                # that can be a verb, before an adverb, an adjective or an object, is the verb
                w.tag == "NNS"
                and "VBZ" in w.forms
                and ws[i - 1].tag == "NNS"
                and ws[i - 1].low.endswith("s")
                and ws[i + 1].tag in ("RB", "RBR", "JJ", "JJR", "DT", "PRP$")
                and ws[i + 1].low not in ("of", "each", "all", "both")
                and _used_as_verb(lexicon.inflect(w.low, "VB") or w.low)
            )
        ):
            out[i] = Word(w.text, w.low, "VBZ", w.start, w.end)
        elif (
            w.tag == "VB" or (w.tag == "VBD" and "VBD" not in w.forms)
        ) and _present_after_subject(ws, i):
            out[i] = Word(w.text, w.low, "VBP", w.start, w.end)
    return out


def _present_after_subject(ws: Sequence[Word], i: int) -> bool:
    """Whether a plain verb form (which the tagger reads as an infinitive, "it join", "a band
    that tie") stands right after a subject, so it is a present-tense verb: after "he", "she"
    or "it", after a noun with its determiner ("the knee take"), or after a relative pronoun
    that hangs on a noun. The subject rule still asks that the subject open its clause ("let
    it rest", "help the body heal": objects, and the verb bare)."""
    w = ws[i]
    if "VBP" not in w.forms or lexicon.inflect(w.low, "VBZ") in (w.low, ""):
        return False
    if w.low == "do":
        return False  # "he don't": Harper's grammar check reports it, with its own advice
    k = i - 1
    while k >= 0 and ws[k].tag in ("RB", "RBR") and ws[k].low not in ("not", "n't", "then"):
        k -= 1
    if k < 0:
        return False
    subject = ws[k]
    if subject.low in ("he", "she", "it"):
        return True
    if (
        k == 0
        and subject.tag in ("NN", "NNP")
        and "NN" in subject.forms
        and not subject.forms & {"VB", "VBP", "JJ"}
        and not subject.low.endswith("s")
        and i + 1 < len(ws)
        and ws[i + 1].tag in ("DT", "PRP$")
    ):
        return True  # "Magnesium play a part": a noun that cannot be a verb, then its verb
    if subject.low in ("that", "who", "which"):
        return k > 0 and ws[k - 1].tag in NOUN
    if subject.tag not in NOUN or not subject.low.isalpha():
        return False
    start = _noun_phrase_start(ws, k)
    return ws[start].tag in ("DT", "PRP$") and ws[start].low not in ("no", "all", "both")


def _inverted_do(ws: Sequence[Word]) -> Iterator[Issue]:
    """ "Does" before a subject that takes "do", in a question: "Does you have", "why does they"."""
    for i, w in enumerate(ws[:-1]):
        if w.low not in ("does", "doesn't") or ws[i + 1].low not in ("you", "i", "we", "they"):
            continue
        opener = i == 0 or (ws[i - 1].low in WH | {"but", "so"} and i == 1)
        if opener:
            right = "do" if w.low == "does" else "don't"
            yield Issue(w.start, w.end, _case(right, w.text), f"“{ws[i + 1].text}” takes “{right}”")


def _simple_noun_phrase(ws: Sequence[Word], i: int) -> int | None:
    """The index of the head of a plain noun phrase that starts at ``i`` (a determiner or
    possessive, adjectives and numbers, then nouns: "your parents", "the new knee brace"), or
    None when no such phrase starts there, or it goes on ("of", "and", a possessive, a comma):
    then its head is not plain to see."""
    k = i
    if k < len(ws) and ws[k].tag in ("DT", "PRP$") and ws[k].low not in ("all", "both", "that"):
        k += 1
    while k < len(ws) and ws[k].tag in ("JJ", "JJR", "JJS", "CD"):
        k += 1
    head = None
    while k < len(ws) and ws[k].tag in NOUN and ws[k].low.isalpha():
        head = k
        k += 1
    if head is None or (
        k < len(ws) and (ws[k].tag in ("POS", ",", "CC") or ws[k].low == "of" or ws[k].text in "/-")
    ):
        return None
    return head


# auxiliaries put before the subject of a question, with the verb form each wants after it
INVERTED_AUX = {"is": None, "are": None, "was": None, "were": None, "does": "VB", "do": "VB",
                "has": "VBN", "have": "VBN"}  # fmt: skip


def _inverted_aux(ws: Sequence[Word]) -> Iterator[Issue]:
    """An auxiliary before a subject it does not agree with, in a question: "Does your knees
    hurt?", "Has your parents told you?", "Where is your glasses?", "Is she ready?" The
    question must end in a question mark, the auxiliary open it (or follow its question word),
    and for "do" and "have" the verb after the subject must be the form they take."""
    if len(ws) < 4 or ws[-1].text != "?":
        return
    for i, aux in enumerate(ws[:3]):
        if aux.low not in INVERTED_AUX:
            continue
        if i and not (all(w.tag in ("WRB", "WP", "WDT", "RB") for w in ws[:i])):
            return
        nxt = ws[i + 1]
        if nxt.low in ("you", "i", "we", "they") and aux.low in ("does",):
            return  # "Does you": the rule's first check
        if nxt.low in ("he", "she", "it", "you", "we", "they"):
            head_i: int | None = i + 1
        else:
            head_i = _simple_noun_phrase(ws, i + 1)
        if head_i is None or head_i + 1 >= len(ws):
            return
        after = ws[head_i + 1]
        wants = INVERTED_AUX[aux.low]
        if wants == "VB" and "VB" not in after.forms:
            return
        if wants == "VBN" and not (after.tag in ("VBN", "VBD") and "VBN" in after.forms):
            return
        head = ws[head_i]
        if head.low in ("you", "we", "they"):
            head_sg: bool | None = False
        else:
            head_sg = _singular(head)
        verb_sg = aux.low in ("is", "was", "does", "has")
        if head_sg is None or head_sg == verb_sg:
            return
        yield Issue(
            aux.start,
            aux.end,
            _agree(aux, head_sg),
            f"the question's subject, “{head.text}”, is {'singular' if head_sg else 'plural'}",
        )
        return


# the forms "I" and "you" never take, with what they take instead
# ("I has" is left to Harper's grammar check, which reports it with its own advice)
FIRST_PERSON = {"is": "am", "does": "do", "doesn't": "don't"}
SECOND_PERSON = {"is": "are", "was": "were", "has": "have", "does": "do", "am": "are",
                 "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
                 "doesn't": "don't"}  # fmt: skip


def _past_adverbs(ws: Sequence[Word], k: int) -> int:
    """The first index from ``k`` on that is not an adverb ("I really needs", "it also calms"),
    a negation kept: "not" belongs to the verb phrase."""
    while k < len(ws) and ws[k].tag in ("RB", "RBR") and ws[k].low not in ("not", "n't"):
        k += 1
    return k


def _first_second_person(ws: Sequence[Word]) -> Iterator[Issue]:
    """ "I" or "you" as a subject with a verb form neither takes: "I is", "I does", "you is",
    "you was", "you needs" ("I needs" is subject-verb-agreement's pattern). The pronoun must
    open its clause, so an object ("the exercises suit you is") is never read as one."""
    for i, w in enumerate(ws[:-1]):
        if w.low not in ("i", "you"):
            continue
        if not (
            _clause_start(ws, i) or ws[i - 1].low in SUBORDINATORS or ws[i - 1].tag == "WRB"
        ) or (i > 0 and ws[i - 1].low in ("and", "or", "nor")):
            continue  # "my partner and I are": two subjects
        k = _past_adverbs(ws, i + 1)
        if k >= len(ws):
            continue
        verb = ws[k]
        table = FIRST_PERSON if w.low == "i" else SECOND_PERSON
        right = table.get(verb.low)
        if right is None and w.low == "you" and verb.tag == "VBZ":
            forms = verb.forms
            # a word that is also a plural noun ("needs", "feels") is the verb after an
            # adverb ("you also needs") or before its object or "to" ("you needs to")
            noun_too = "NNS" in forms and not (
                k > i + 1 or (k + 1 < len(ws) and ws[k + 1].tag in ("TO", "DT", "PRP$"))
            )
            if "VBZ" in forms and not noun_too and not forms & {"VBP", "VB"} and verb.low != "'s":
                right = lexicon.inflect(verb.low, "VBP")
        if not right or right == verb.low:
            continue
        yield Issue(verb.start, verb.end, _case(right, verb.text), f"“{w.text}” takes “{right}”")


def _existential(ws: Sequence[Word]) -> Iterator[Issue]:
    """ "There is" before a plural, "there are" before one thing: "there is many reasons",
    "there was no updates", "there are a smooth layer". The verb agrees with the noun phrase
    after it; one whose number varies ("a lot of", "a range of") is left alone, and so is a
    list after a plural verb ("there are swelling and bruising")."""
    for k, w in enumerate(ws[:-2]):
        if w.tag != "EX" or w.low != "there":
            continue
        if not (_clause_start(ws, k) or ws[k - 1].low in SUBORDINATORS):
            continue  # "the main worry there is": "there" is where, not "there is"
        verb = ws[k + 1]
        if verb.low == "were" and any(x.low in ("if", "wish", "though") for x in ws[:k]):
            continue  # "if only there were": a subjunctive
        sg_verb = verb.low in ("is", "was", "'s", "isn't", "wasn't")
        pl_verb = verb.low in ("are", "were", "'re", "aren't", "weren't")
        if not (sg_verb or pl_verb):
            continue
        first = k + 2
        if ws[first].low in ("not", "n't", "also", "still", "often", "usually", "always"):
            first += 1
        if first >= len(ws):
            continue
        head_i = _simple_noun_phrase(ws, first)
        if head_i is None:
            continue
        head, det = ws[head_i], ws[first]
        head_sg = _singular(head)
        if sg_verb and head_sg is False and det.low not in ("a", "an", "each", "every", "one"):
            why = f"the noun after it, “{head.text}”, is plural"
            if verb.low == "'s":  # "there's": the whole word is replaced
                yield Issue(w.start, verb.end, w.text + " are", why)
            else:
                yield Issue(verb.start, verb.end, _agree(verb, False), why)
        elif pl_verb and head_sg is True and det.low in ("a", "an", "one", "each", "every"):
            why = f"the noun after it, “{head.text}”, is singular"
            if verb.low == "'re":
                yield Issue(w.start, verb.end, w.text + " is", why)
            else:
                yield Issue(verb.start, verb.end, _agree(verb, True), why)


# words that hang a phrase on a subject without joining a second subject to it: "shoes without
# support or cushioning are", "things like rest and ice help"
TRAILING = _words("without with like including unlike besides")


def _trailing_phrase_head(ws: Sequence[Word]) -> Iterator[Issue]:
    """A verb that agrees with the words of a phrase hung on the subject rather than with the
    subject: "shoes without enough support or cushioning is", "things like rest and ice is".
    Only a subject that opens the sentence (or follows a colon) is read, up to the sentence's
    first finite verb, with no comma or clause between."""
    begin = next((i + 1 for i, w in enumerate(ws) if w.tag == ":"), 0)
    i = begin
    while (
        i < len(ws)
        and ws[i].tag in ("DT", "PRP$", "JJ", "JJR", "CD", "NN", "NNS")
        and ws[i].low != "such"  # "such as", which the tagger reads as an adjective
    ):
        i += 1
    if i == begin or i >= len(ws) or ws[i - 1].tag not in NOUN:
        return
    head, link = ws[i - 1], ws[i]
    such_as = link.low == "such" and i + 1 < len(ws) and ws[i + 1].low == "as"
    # "along with", "together with", "as well as": a phrase added to the subject, not a
    # second subject ("the muscle along with its tendon is")
    added = [w.low for w in ws[i : i + 3]]
    along = added[:2] in (["along", "with"], ["together", "with"]) or added == ["as", "well", "as"]
    if link.low not in TRAILING and not such_as and not along:
        return
    v = next((k for k in range(i + 1, len(ws)) if ws[k].tag in FINITE), None)
    if v is None or v - i < 2:
        return
    between = ws[i + 1 : v]
    if any(w.tag in (",", ":", "WDT", "WP", "WRB", "PRP", "EX") for w in between):
        return  # a clause or an aside inside: the verb may be its
    verb = ws[v]
    if verb.low not in BE_SG | BE_PL | _words("was were"):
        return  # only "is", "are", "has", "have": a verb the tagger never takes for a noun
    head_sg, verb_sg = _singular(head), _verb_number(verb)
    if verb.low in ("was", "were"):
        verb_sg = verb.low == "was"
    if head_sg is None or verb_sg is None or head_sg == verb_sg:
        return
    if head_sg and any(w.low in ("and", "or") for w in between):
        return  # "the patient with her husband are": a second subject in all but name
    yield Issue(
        verb.start,
        verb.end,
        _agree(verb, head_sg),
        f"the verb agrees with “{head.text}”, not the words after “{link.text}”",
    )


def _phrase_nouns(ws: Sequence[Word], k: int) -> list[Word]:
    """The nouns of the phrase that ends at ``k`` (an aside in brackets skipped), back to its
    verb: "a build-up of calcium in your blood (hypercalcemia)" gives blood, calcium,
    build-up. Empty when the phrase has a name, a pronoun or no noun."""
    if k >= 0 and ws[k].text == ")":
        while k >= 0 and ws[k].text != "(":
            k -= 1
        k -= 1
    nouns: list[Word] = []
    while k >= 0 and ws[k].tag in ("DT", "PRP$", "JJ", "JJR", "CD", "NN", "NNS", "NNP", "IN"):
        if ws[k].tag == "NNP" or ws[k].low in ("and", "or"):
            return []
        if ws[k].tag in NOUN:
            nouns.append(ws[k])
        k -= 1
    if k >= 0 and ws[k].tag == "CC":
        return []  # "hydrogen peroxide or carbamide peroxide, which": two things
    return nouns


# nouns of a set phrase that opens a clause ("in most cases", "in that case", "at times", "in
# the end"): a "that" after one is the clause's subject, not a relative pronoun
ADVERBIAL_NOUNS = _words("case cases instance instances times time end fact general short practice")


def _adverbial_phrase_end(ws: Sequence[Word], j: int) -> bool:
    """Whether ``ws[j]`` follows a set adverbial phrase that opens its clause: "in most cases",
    "at times", "in the end"."""
    if j < 2 or ws[j - 1].low not in ADVERBIAL_NOUNS:
        return False
    start = _noun_phrase_start(ws, j - 1)
    if start < 1 or ws[start - 1].low not in ("in", "at", "for", "on"):
        return False
    return _clause_start(ws, start - 1)


def _compound_before(ws: Sequence[Word], first: int, k: int, v: int) -> bool:
    """Whether the noun phrase ``first``..``k`` (a subject's head, a phrase after it, then the
    verb at ``v``) is the second of two subjects joined by "and" that open the clause:
    "tingling and numbness in the hands is". Not "hip and knee pain" (two modifiers of one
    head), a list's last item, or "each", "every", "no"."""
    if first < 2 or ws[first - 1].low != "and" or ws[first - 2].tag not in NOUN | {"VBG"}:
        return False
    if first < k and ws[first].tag in NOUN:
        return False  # "hip and knee pain": "hip" may share the head
    other = _noun_phrase_start(ws, first - 2)
    if not _clause_start(ws, other) or (other > 0 and ws[other - 1].tag == ","):
        return False
    if (
        other > 0
        and ws[other - 1].low in ("and", "or", "nor")
        and (other < 2 or ws[other - 2].tag != ",")
    ):
        return False  # "pain and stiffness and swelling": a list, or an object's nouns
    if k + 1 < len(ws) and ws[k + 1].low in ("with", "for", "like", "without", "plus"):
        return False  # "bread and butter with tea": what goes with it, not a place or part
    if ws[k].tag != "VBG" and _singular(ws[k]) is not True:
        return False
    if ws[first - 2].tag != "VBG" and _singular(ws[first - 2]) is False:
        return False
    if ws[first - 2].tag == "VBG" and other < first - 2:
        return False  # "using ice and rest in the first days is": one gerund's objects
    words = {w.low for w in ws[other:v]}
    return not words & {"each", "every", "no", "or", "nor", "of"}


def _gerund_subject(ws: Sequence[Word]) -> Iterator[Issue]:
    """A gerund's phrase as the subject, with a plural verb: "walking longer distances are
    good", "going up and down stairs are a great way". One activity takes a singular verb
    whatever the number of its object. The gerund must open the sentence (or follow a colon),
    and be followed by its object's determiner, an adverb or a particle, not a noun it
    describes ("running shoes are", "rising prices are")."""
    begin = next((i + 1 for i, w in enumerate(ws) if w.tag == ":"), 0)
    if begin + 2 >= len(ws) or ws[begin].tag != "VBG" or not ws[begin].low.endswith("ing"):
        return
    gerund = ws[begin]
    if ws[begin + 1].low == "or" and ws[begin + 2].tag == "VBG":
        begin += 2  # "sitting or standing in one place": one activity or the other
        if begin + 2 >= len(ws):
            return
    nxt = ws[begin + 1]
    if nxt.tag not in ("DT", "PRP$", "RB", "RBR", "RP", "IN", "JJR") or nxt.low in ("and", "of"):
        return
    for v in range(begin + 2, len(ws)):
        w = ws[v]
        if w.tag == "CC" and v + 1 < len(ws) and ws[v + 1].tag not in ("VBG", "DT", "PRP$"):
            continue  # "going up and down stairs", "eating fruit and greens": one activity
        if w.tag in (",", ":", "WDT", "WP", "CC", "MD") or w.low in SUBORDINATORS:
            return  # "walking and swimming are": two subjects; a clause of its own inside
        if w.tag in FINITE:
            k = v - 1
            while k > begin and ws[k].tag in ("RB", "RBR") and ws[k].low not in ("not", "then"):
                k -= 1  # "for a long time often make": an adverb before the verb
            plain = (
                w.low not in ("are", "were")
                and w.tag == "VBP"
                and _verb_number(w) is False
                and lexicon.inflect(w.low, "VBZ") not in (w.low, "")
                and not _subjunctive(ws, v)
            )
            if (w.low in ("are", "were") and ws[v - 1].tag in NOUN) or (
                plain and ws[k].tag in NOUN
            ):
                yield Issue(
                    w.start,
                    w.end,
                    _agree(w, True),
                    f"the subject is one activity, “{gerund.text} …”",
                )
            return


# words that end the stretch in which a verb's clause can have its own verb
_CLAUSE_END = frozenset({",", ":", ".", "CC", "WDT", "WP", "WRB", "(", ")"})


def _later_verb(ws: Sequence[Word], v: int, nouns: bool = True) -> bool:
    """Whether the clause of the word at ``v`` has a finite verb after it, before a comma, a
    conjunction or a clause of its own: then a word in -s at ``v`` may be a noun ("fascia
    stretches bring relief", "heel pain many people feel"); without one it is the verb. With
    ``nouns`` False, a word the tagger read as a verb that can be a noun ("needs rest") does
    not count."""
    for k in range(v + 1, len(ws)):
        w = ws[k]
        if w.tag in _CLAUSE_END or w.low in SUBORDINATORS:
            return False
        # a plain form the tagger reads as an infinitive counts, unless "to" or a modal
        # stands before it ("stretches bring back flexibility")
        finite = w.tag in FINITE or (w.tag == "VB" and ws[k - 1].tag not in ("TO", "MD"))
        if finite and (nouns or not w.forms & {"NN", "NNS"}):
            return True
    return False


def _relative_clause_subject(ws: Sequence[Word]) -> Iterator[Issue]:
    """A verb after a relative clause that hangs on its subject, agreeing with a word inside
    the clause rather than the subject: "people who sit all day finds", "the exercises that
    your physio gives you helps". The clause ("who"/"that", no comma) must have a finite verb
    of its own, the subject must open the sentence's clause, and only one such clause may stand
    between them."""
    for v, verb in enumerate(ws):
        if verb.tag == "NNS" and "VBZ" in verb.forms and not _later_verb(ws, v, nouns=False):
            # "children who skip breakfast feels tired": the tagger reads the verb as a noun,
            # but the subject has no other verb to wait for (not after a determiner, a number
            # or an adjective: "pads that sit between the two bones")
            if ws[v - 1].tag in VERB_LIKE | {"DT", "PRP$", "CD", "JJ", "JJR", "JJS", "POS"}:
                continue  # ("who use poles fall": the word right after a verb is its object)
            verb = Word(verb.text, verb.low, "VBZ", verb.start, verb.end)
        if verb.tag not in ("VBZ", "VBP") or v < 3:
            continue
        verb_sg = _verb_number(verb)
        if verb_sg is None or _inverted_question(ws, v) or _subjunctive(ws, v):
            continue
        j = v - 1
        while j >= 0 and ws[j].tag in ("RB", "RBR") and ws[j].low not in ("not", "n't", "then"):
            j -= 1
        if j < 2 or ws[j].tag in ("WDT", "WP"):
            continue  # "who sits": the clause's own verb, the subject rule's
        r = next(
            (
                k
                for k in range(j, 0, -1)
                if ws[k].tag in ("WDT", "WP")
                or ws[k].tag in _CLAUSE_END
                or ws[k].low in WH | SUBORDINATORS
            ),
            None,
        )
        if r is None or ws[r].low not in ("who", "that"):
            continue  # ("that" the tagger may read as a preposition: "the tablets that the")
        inner = ws[r + 1 : j + 1]
        if sum(w.tag in FINITE for w in inner) != 1 or sum(w.tag == "VB" for w in inner):
            continue  # no verb of its own (the verb is the clause's), or a second verb
        if _foreign_plural(ws[r - 1]):
            continue
        noun = ws[r - 1]
        if noun.tag not in NOUN:
            continue
        first = _noun_phrase_start(ws, r - 1)
        if (
            verb_sg
            and first >= 2
            and ws[first - 1].low == "and"
            and ws[first - 2].tag in ("NNS", "NN")
            and _singular(ws[first - 2]) is not None
        ):
            # "swimmers and people who go barefoot is": two subjects, a clause on the second
            other = _noun_phrase_start(ws, first - 2)
            if _opens_clause(ws, other) and not any(
                w.tag in (",", "CC") or w.low in ("each", "every", "no", "of")
                for w in ws[other : first - 1]
            ):
                yield _compound_issue(verb)
            continue
        if not _opens_clause(ws, first) or (first > 0 and ws[first - 1].low in ("and", "or")):
            continue
        if any(w.low in ("and", "or", "nor", "of") for w in ws[first : r - 1]):
            continue  # "the pain and stiffness that", "one of the nurses who": whose head?
        head_sg = _singular(noun)
        if head_sg is None or head_sg == verb_sg:
            continue
        yield Issue(
            verb.start,
            verb.end,
            _agree(verb, head_sg),
            f"the subject is “{noun.text}”; “{ws[r].text} …” is a clause of its own",
        )


def subject_agreement(ws: Sequence[Word]) -> Iterator[Issue]:
    """A present-tense verb that does not agree with its subject's head."""
    seen: set[tuple[int, int]] = set()
    for issue in _subject_agreement(ws):
        if (issue.start, issue.end) not in seen:
            seen.add((issue.start, issue.end))
            yield issue


def _subject_agreement(ws: Sequence[Word]) -> Iterator[Issue]:
    yield from _gerund_subject(ws)
    yield from _inverted_do(ws)
    yield from _inverted_aux(ws)
    yield from _existential(ws)
    yield from _first_second_person(ws)
    yield from _trailing_phrase_head(ws)
    ws = _retag_verbs(ws)
    yield from _relative_clause_subject(ws)
    for v, verb in enumerate(ws):
        if verb.tag not in ("VBZ", "VBP", "VBD") or v == 0:
            continue
        verb_sg = _verb_number(verb)
        if verb_sg is None or _inverted_question(ws, v) or _subjunctive(ws, v):
            continue
        after = ws[v + 1] if v + 1 < len(ws) else None
        # a word in -s that can be a noun is still the verb when its clause has no other:
        # "the muscles around the knee needs work", "rest and ice helps in the first days"
        only_verb = (
            verb.low.endswith("s")
            and verb_sg
            and verb.low != "means"  # "complex carbs means": a term defined
            and ws[-1].text in (".", "!", "?")  # a sentence, not a title or a link's words
            and not _later_verb(ws, v)
        )
        compound_noun = (
            ws[v - 1].tag in NOUN
            and "NNS" in verb.forms
            and verb.low.endswith("s")
            and (
                after is None
                or after.low in ("that", "which", "who", "for", "with", "in", "on", "at")
                or after.tag in ("WDT", "WP", "VBZ", "VBP", "VBD", "MD", ".", ",", ":", "CC")
            )
        )
        if compound_noun and not (only_verb and after is not None and after.tag in ("IN", ".")):
            continue  # "strength exercises that suit you": a compound noun, not a verb
        noun_like = (
            ws[v - 1].tag in NOUN
            and verb.forms & {"NN", "NNS"}
            and (after is None or after.tag not in ("DT", "PRP$", "PRP", "RB", "TO", "VBN"))
        ) or (
            "NN" in verb.forms
            and after is not None
            and after.tag in NOUN
            and ws[v - 1].tag not in ("WDT", "WP")  # "which cause swelling": a verb
        )
        rescued = only_verb and (compound_noun or bool(noun_like))
        if noun_like and not only_verb:
            continue  # "heel pain many people feel", "fascia stretches bring": nouns
        j = v - 1
        while j >= 0 and ws[j].tag == "RB" and ws[j].low not in ("not", "n't", "then"):
            j -= 1
        if j < 0 or ws[j].low == "then":
            continue  # "boil the water then leave it": a new clause, its subject unsaid
        head: Word | None = None
        why = ""
        if ws[j].low == "which" and j > 1 and ws[j - 1].tag == "," and verb_sg is False:
            # ", which cause": a plural verb where every noun the clause can hang on is
            # singular (and ", which" can also stand for the whole clause before: singular)
            nouns = _phrase_nouns(ws, j - 2)
            if (
                nouns
                and _singular(nouns[0]) is True
                and all(_singular(n) is not False for n in nouns)
            ):
                yield Issue(
                    verb.start,
                    verb.end,
                    _agree(verb, True),
                    f"“which” stands for “{nouns[0].text}” or for what comes before it",
                )
            continue
        if ws[j].tag in ("WDT", "WP") and ws[j].low == "that" and _adverbial_phrase_end(ws, j):
            continue  # "in most cases that does not help": "that" is the clause's subject
        if ws[j].tag in ("WDT", "WP") and ws[j].low in ("that", "who") and j > 0:
            # a relative clause: the verb agrees with the noun the clause hangs on
            if ws[j - 1].tag in NOUN or (ws[j].low == "who" and ws[j - 1].low == "those"):
                # "patients who has", and "those who has" (people: "those" stands alone)
                if _foreign_plural(ws[j - 1]):
                    continue  # "the bacteria that causes impetigo": either number in use
                head, why = ws[j - 1], "the verb agrees with “{head}”, which “{rel}” stands for"
                why = why.replace("{rel}", ws[j].text)
                outer = _of_head(ws, j - 1)
                if outer is not None and _singular(outer) == verb_sg:
                    continue  # "bands of tissue that hold": the clause may hang on "bands"
        elif ws[j].low in PLURAL_DEMONSTRATIVES or (
            ws[j].tag == "CD" and j > 0 and ws[j - 1].low in PLURAL_DEMONSTRATIVES
        ):
            # "these includes", "those two is": a demonstrative (and a number) as the subject
            first = j - 1 if ws[j].tag == "CD" else j
            if not _clause_start(ws, first) or (first > 0 and ws[first - 1].low in ("of", "and")):
                continue
            head, why = ws[first], "the subject, “{head}”, is plural"
        elif (
            ws[j].tag in NOUN
            or ws[j].tag == "PRP"
            or ws[j].low in INDEFINITE
            or (ws[j].tag == "VBG" and j > 0 and ws[j - 1].low == "and")  # "... and swimming"
        ):
            start = _noun_phrase_start(ws, j) if ws[j].tag in NOUN else j
            head, why = ws[j], "the verb agrees with “{head}”"
            if ws[start].low in PLURAL_DETERMINERS - {"some"} and _singular(ws[j]) is True:
                continue  # "both element are": the noun is the slip (determiner-number's)
            if (
                start < j
                and ws[start].tag == "VBG"
                and (_clause_start(ws, start) or ws[start - 1].low in ("or", "nor"))
            ):
                continue  # "using probiotics reduces": a gerund's phrase, or "running shoes"
            if start > 1 and ws[start - 1].low in ("or", "nor"):
                left = _noun_phrase_start(ws, start - 2)
                if ws[left].tag == "VBG" or (left > 0 and ws[left - 1].tag == "VBG"):
                    continue  # "Avoiding hot showers or hot baths is": the gerund's phrase
            if start > 0 and ws[start - 1].low in ("or", "nor"):
                # "X or Y": the verb agrees with the nearer subject; a plural verb after a
                # singular one is common and accepted ("you or your child are")
                if _singular(ws[j]) is False and verb_sg and not _foreign_plural(ws[j]):
                    yield Issue(
                        verb.start,
                        verb.end,
                        _agree(verb, False),
                        f"the nearer subject, “{ws[j].text}”, is plural",
                    )
                elif (
                    verb_sg is False
                    and _singular(ws[j]) is True
                    and ws[start].low in ("a", "an", "the", "this", "that")
                    and ws[start - 2].tag in ("NN", "NNP")
                    and _singular(ws[start - 2]) is True
                    and _clause_start(ws, _noun_phrase_start(ws, start - 2))
                ):
                    # "a bike or an exercise bike build": one thing or the other, so singular
                    yield Issue(
                        verb.start,
                        verb.end,
                        _agree(verb, True),
                        f"“{ws[start - 2].text}” or “{ws[j].text}”: one of them, singular",
                    )
                continue
            # X of Y / X in Y: the head is X
            if (
                start >= 2
                and ws[start - 1].tag == "IN"
                and ws[start - 1].low
                in ("of", "in", "with", "from", "for", "on", "at", "near", "behind", "around")
            ):
                k = start - 2
                if (
                    ws[start - 1].low == "of"
                    and ws[k].low in PARTITIVE
                    and _singular(ws[j]) is False
                    and verb_sg
                    and ws[start].tag in ("DT", "PRP$")
                    and (
                        _clause_start(ws, k)
                        or (k > 0 and ws[k - 1].tag in ("RB", "DT") and _clause_start(ws, k - 1))
                    )
                    and not any(w.low in ("and", "or", "nor") for w in ws[start:v])
                ):
                    # "most of our patients feels": a share of a plural takes a plural verb
                    yield Issue(
                        verb.start,
                        verb.end,
                        _agree(verb, False),
                        f"“{' '.join(w.text for w in ws[k : j + 1])}” is plural",
                    )
                    continue
                if ws[k].tag == "VBG" and verb_sg and _compound_before(ws, k, k, v):
                    yield _compound_issue(verb)
                    continue
                if (
                    ws[start - 1].low == "of"
                    and ws[k].low in FULL_OF
                    and k > 0
                    and ws[k - 1].tag in ("NN", "NNS")
                ):
                    k -= 1  # "a diet full of whole foods is": the noun before "full of" heads
                if ws[k].tag in NOUN or ws[k].low in INDEFINITE or ws[k].low == "both":
                    first = _noun_phrase_start(ws, k) if ws[k].tag in NOUN else k
                    link = ws[start - 1]
                    while (
                        ws[k].tag in NOUN
                        and first >= 2
                        and ws[first - 1].low in PHRASE_PREPOSITIONS
                        and ws[first - 2].tag in NOUN
                    ):
                        # "a pair of trainers with a cushioned heel": the first noun heads
                        link, k = ws[first - 1], first - 2
                        first = _noun_phrase_start(ws, k)
                    if (
                        _opens_clause(ws, first)
                        and not (first > 0 and ws[first - 1].low in ("and", "or", "nor"))
                        and not any(w.low in ("and", "or", "nor") for w in ws[first:v])
                    ):
                        head = ws[k]
                        why = "the subject is “{head}”, not the words after “" + link.text + "”"
                        start = first
                    else:
                        if verb_sg and _compound_before(ws, first, k, v):
                            # "tingling and numbness in the hands is": two subjects, and a
                            # phrase hung on the second
                            yield _compound_issue(verb)
                        continue
                else:
                    continue
            # compound subject: X and Y
            elif (
                start >= 2
                and ws[start - 1].low == "and"
                and (ws[start - 2].tag in NOUN or ws[start - 2].tag == "VBG")
            ):
                first = _noun_phrase_start(ws, start - 2)
                if not _clause_start(ws, first) or (first > 0 and ws[first - 1].tag == ","):
                    continue  # "hand, foot and mouth disease": a list inside one name
                prior = ws[start - 2]
                if (
                    "VBZ" in prior.forms
                    and prior.low.endswith("s")
                    and start >= 3
                    and ws[start - 3].tag in NOUN
                ):
                    continue  # "the pain builds and movement gets": two clauses, two verbs
                words = {w.low for w in ws[first:v]}
                if words & {"each", "every", "no"}:
                    continue
                if first == start - 2 and ws[start].tag in ("NN", "NNP") and start < j:
                    continue  # "hip and knee pain is": two modifiers of one head
                if rescued and start < j:
                    continue  # "deep tissue and myofascial work breaks": one head, maybe
                if verb_sg:
                    yield _compound_issue(verb)
                continue
            if start >= 2 and ws[start - 1].low == "and":
                # "Back and neck pain are" (two modifiers of one head), "pressure, cholesterol,
                # and smoking are" (a list's last item): the subject is more than this noun
                continue
            if (
                not _opens_clause(ws, start)
                and not (
                    ws[j].low in SUBJECT_PRONOUNS
                    and start > 0
                    and (ws[start - 1].low in SUBORDINATORS or ws[start - 1].tag == "WRB")
                )
                and not (
                    # "how the body work", "where the tendon join": a noun phrase with its
                    # determiner after "how" or "where" is the clause's subject
                    start > 0
                    and ws[start - 1].low in ("how", "where")
                    and ws[start].tag in ("DT", "PRP$")
                    and ws[start].low not in ("all", "both", "no", "that", "this")
                )
            ):
                continue  # "until it settle", "where it join": a subject after a subordinator
            if ws[j].low in ("i", "you"):
                continue
        if head is None:
            continue
        if ws[j].low in ("i", "you") or head.low in ("i", "you"):
            continue
        head_sg = _singular(head)
        if (
            head.tag in ("NNP", "NNPS")
            and head is ws[0]
            and head_sg is None
            and ("JJ" not in head.forms)
            and not ("VB" in head.forms and v == 1)  # "Come visit us": an instruction
        ):
            plural = "NNS" in head.forms and "NN" not in head.forms  # "Men are"
            head_sg = _singular(
                Word(head.text, head.low, "NNS" if plural else "NN", head.start, head.end)
            )
        if head_sg is None or head_sg == verb_sg:
            continue
        if verb.tag == "VBD" and verb.low not in ("was", "were"):
            continue
        if (
            not head_sg
            and head.tag in ("NNS", "NNPS")
            and verb.low in ("is", "was")
            and v + 1 < len(ws)
            and ws[v + 1].low in ("a", "an", "the")
        ):
            continue  # "Shin splints is the name for...": a condition named in the plural
        if j > 0 and ws[j - 1].tag == "EX":
            continue
        yield Issue(verb.start, verb.end, _agree(verb, head_sg), why.replace("{head}", head.text))


def coordinated_verb(ws: Sequence[Word]) -> Iterator[Issue]:
    """A second verb that does not match the first it is joined to by "and": "it starts at
    the back and move forwards"."""
    last: Word | None = None
    for v, verb in enumerate(ws):
        joined = last is not None and v > 0 and ws[v - 1].low == "and"
        if not joined and (
            verb.tag in (",", ":", "TO", "MD", "VB", "VBP", "WDT", "WP")
            or verb.low in SUBORDINATORS
        ):
            last = None  # "is to calm it and protect it": the second verb is the infinitive's
        if last is not None and v > 0 and ws[v - 1] is last and verb.low in OBJECT_PRONOUNS:
            last = None  # "helps you absorb it and build": the verbs after "you" are bare
        if verb.tag == "VBZ" and _verb_number(verb) is True and verb.low not in BE_SG | {"'s"}:
            # "these exercises strengthens ... and take": the first verb is the one that does
            # not agree (the subject rule's), so the second is not measured against it
            plural_subject = v > 0 and ws[v - 1].tag == "NNS" and _singular(ws[v - 1]) is False
            last = None if plural_subject else verb
            continue
        if last is None or v == 0 or ws[v - 1].low != "and":
            continue
        after = ws[v + 1] if v + 1 < len(ws) else None
        verb_like = verb.tag in ("VBP", "VB") or (
            verb.tag == "NN"
            and after is not None
            and after.tag in ("RB", "DT", "PRP$", "TO", "IN")
            and after.low != "of"
        )
        if not verb_like or ("NN" in verb.forms and _second_object(ws, last, v)):
            # "improves knee stability and gait by": a second object, not a second verb
            continue
        if _verb_number(Word(verb.text, verb.low, "VBP", verb.start, verb.end)) is False and (
            not verb.forms & {"VBZ", "VBG", "JJ"}
        ):
            third = lexicon.inflect(verb.low, "VBZ")
            if third != verb.low:
                yield Issue(
                    verb.start,
                    verb.end,
                    _case(third, verb.text),
                    "it shares its subject with “" + last.text + "”",
                )
        last = None


# verbs after which "how" takes an adjective: "how quick it is", "how good you feel"
LINKING = _words(
    "be is are was were am been being 's 're seem seems seemed feel feels felt look looks "
    "looked get gets got become becomes became sound sounds taste tastes smell smells stay "
    "stays keep keeps remain remains grow grows turn turns"
)


# adjectives that are adverbs as they stand: "how fast you run", "how hard you push"
FLAT_ADVERBS = _words(
    "fast hard long late early high low close far straight right wrong deep near tight loud "
    "little much more less enough well ill daily weekly monthly only kindly likely"
)


def _how_adjective(ws: Sequence[Word]) -> Iterator[Issue]:
    """ "How" + an adjective + a subject pronoun + a verb that is not a linking verb: "how
    quick you recover" (quickly), "how slow it heals". An adjective that is also an adverb
    ("how fast you run", "how hard you push") is left alone."""
    for i in range(len(ws) - 3):
        if ws[i].low != "how":
            continue
        adj, subj, verb = ws[i + 1], ws[i + 2], ws[i + 3]
        if adj.tag != "JJ" or adj.low in FLAT_ADVERBS or not adj.low.isalpha():
            continue
        if subj.low not in SUBJECT_PRONOUNS or verb.low in LINKING:
            continue
        if verb.tag not in ("VBP", "VBZ", "VBD", "MD") or lexicon.lemmas(verb.low) & LINKING:
            continue
        after = ws[i + 4] if i + 4 < len(ws) else None
        if after is not None and (after.tag in ("PRP", "DT", "PRP$") or after.tag in NOUN):
            continue  # "how sweet you want it": the adjective describes the object
        adverb = adj.low[:-1] + "ily" if adj.low.endswith("y") else adj.low + "ly"
        if "RB" not in lexicon.tags(adverb):
            continue
        yield Issue(
            adj.start,
            adj.end,
            _case(adverb, adj.text),
            "after “how”, the way a thing is done takes an adverb",
        )


def _noun_will(ws: Sequence[Word], i: int) -> bool:
    """ "will" as a noun ("the will states", "free will to choose"), not the modal."""
    return ws[i].low == "will" and i > 0 and ws[i - 1].tag in ("DT", "PRP$", "JJ", "POS")


def verb_form(ws: Sequence[Word]) -> Iterator[Issue]:
    """A verb form that does not fit the word before it: "has increase", "can helps",
    "does hurts", "to reduced" ("it help" is the subject rule's); an adjective where "how"
    asks for an adverb ("how quick you recover")."""
    yield from _how_adjective(ws)
    n = len(ws)
    for i, w in enumerate(ws):
        j = i + 1
        while j < n and ws[j].tag == "RB" and ws[j].low not in ("to",):
            j += 1
        if j >= n:
            continue
        nxt = ws[j]
        if not nxt.low.isalpha():
            continue
        forms = nxt.forms
        if w.low in ("has", "have", "had", "'ve") and w.tag in ("VBZ", "VBP", "VBD"):
            # a perfect needs the participle: "has increased"
            base_only = "VBN" not in forms and "VB" in forms
            if (
                base_only and (nxt.tag in ("VB", "VBP") or (nxt.tag == "VBN" and "NN" not in forms))
            ) or nxt.tag == "VBD":
                part = lexicon.inflect(nxt.low, "VBN")
                if part != nxt.low:
                    yield Issue(
                        nxt.start,
                        nxt.end,
                        _case(part, nxt.text),
                        "after “" + w.text + "” the verb takes its past participle",
                    )
        elif (
            (w.tag == "MD" and not _noun_will(ws, i))
            or (
                w.low in ("does", "did", "do", "doesn't", "didn't", "don't")
                or (w.low == "n't" and i > 0 and ws[i - 1].low in ("do", "does", "did"))
            )
            or (w.tag == "TO" and i > 0 and ws[i - 1].tag not in ("IN",))
        ):
            if w.low == "do" and (i == 0 or ws[i - 1].tag not in ("PRP", "NNS", "WRB", "WP")):
                continue  # "do" as the verb itself: "do squats", "things to do"
            wrong_form = "VB" not in forms and bool(forms & {"VBZ", "VBD", "VBN"})
            if nxt.tag in ("VBZ", "VBD") or (nxt.tag in ("VBN", "VB") and wrong_form):
                if nxt.tag == "VBZ" and ("NNS" in forms) and w.tag == "TO":
                    continue  # "to knees": a noun after the preposition
                if (
                    nxt.tag in ("VBD", "VBN")
                    and ("JJ" in forms or "VBN" in forms)
                    and (w.tag == "TO")
                ):
                    continue
                base = lexicon.inflect(nxt.low, "VB")
                if base != nxt.low and "VB" not in forms:
                    yield Issue(
                        nxt.start,
                        nxt.end,
                        _case(base, nxt.text),
                        "after “" + w.text + "” the verb takes its plain form",
                    )


def infinitive(ws: Sequence[Word]) -> Iterator[Issue]:
    """A verb that needs "to" before the next verb ("you need do", "cause you stop"), or a
    "to" where none belongs ("you should to rest", "let them to heal")."""
    n = len(ws)
    for i, w in enumerate(ws[:-1]):
        nxt = ws[i + 1]
        after = ws[i + 2] if i + 2 < n else None
        verb_next = (nxt.tag in ("VB", "VBP") and "VB" in nxt.forms) or (
            nxt.tag == "NN"
            and "VB" in nxt.forms
            and after is not None
            and after.tag in ("DT", "PRP$", "PRP", "RB", "WRB")
        )
        if w.low in NEED_TO and w.tag in VERB | {"JJ"} and verb_next:
            if w.low in ("need", "needs") and nxt.low in ("not",):
                continue
            if "NN" in nxt.forms and i + 2 < n and ws[i + 2].tag in ("IN", ".", ","):
                continue  # "need help with": a noun
            if w.low == "going" and nxt.forms & {"IN", "RP", "RB"}:
                continue  # "whatever bug is going round", "going back": a place, not a verb
            yield Issue(
                nxt.start,
                nxt.end,
                f"to {nxt.text}",
                "“" + w.text + "” takes “to” before the next verb",
            )
        elif (
            w.low in CAUSE_OBJ_TO
            and w.tag in VERB
            and nxt.low in OBJECT_PRONOUNS
            and i + 2 < n
            and ws[i + 2].tag in ("VB", "VBP")
            and "VB" in ws[i + 2].forms
        ):
            after = ws[i + 2]
            if w.low in ("get", "gets", "got") or after.low in ("to",):
                continue
            if (
                w.low in TELL_THAT
                and nxt.low in ("you", "we", "they")
                and after.low in ("have", "are", "need", "do", "were", "had", "can", "should")
            ):
                continue  # "been told you have arthritis": "told (that) you have"
            if not _used_as_verb(after.low):
                continue  # "cause you pain": a noun, the thing caused
            yield Issue(
                after.start,
                after.end,
                f"to {after.text}",
                "“" + w.text + " " + nxt.text + "” takes “to” before the next verb",
            )
        elif w.tag == "MD" and nxt.tag == "TO" and i + 2 < n and ws[i + 2].tag == "VB":
            if w.low == "ought" or _noun_will(ws, i):
                continue
            yield Issue(
                nxt.start,
                ws[i + 2].end,
                ws[i + 2].text,
                "after “" + w.text + "” the verb follows without “to”",
            )
        elif w.low in BARE_AFTER_OBJECT and w.tag in VERB | {"NN"}:
            # "let them to heal", "makes the cartilage to thin out": after "let" or "make"
            # and its object, the verb follows without "to"
            k = _object_end(ws, i + 1, w.low in ("let", "lets", "letting"))
            if k is None or k + 1 >= n or ws[k].tag != "TO" or ws[k + 1].tag != "VB":
                continue
            yield Issue(
                ws[k].start,
                ws[k + 1].end,
                ws[k + 1].text,
                "after “" + w.text + "” and its object the verb follows without “to”",
            )


def _object_end(ws: Sequence[Word], j: int, any_noun: bool) -> int | None:
    """The index after the object that starts at ``j``: a pronoun ("them"), or a determiner and
    up to three adjectives and nouns ending in a noun ("the cartilage", "your sore knee"). A
    noun that takes an infinitive of its own ("make the effort to walk", "make a plan to
    rest") or a purpose ("made the trip to visit") is only read as an object when
    ``any_noun`` (after "let", which takes neither); after "make" only a pronoun is."""
    n = len(ws)
    if j >= n:
        return None
    if ws[j].low in OBJECT_PRONOUNS:
        return j + 1
    if not any_noun or ws[j].low not in POSSESSIVE_OR_DT:
        return None
    k = j + 1
    while k < n and k - j <= 3 and ws[k].tag in ("NN", "NNS", "JJ"):
        k += 1
    if k == j + 1 or ws[k - 1].tag not in ("NN", "NNS"):
        return None
    return k


def _used_as_verb(word: str) -> bool:
    """Whether English uses the word after "to" more than after "the" (stop: yes, pain: no)."""
    from plainpost.language.ngram import model

    lm = model()
    return lm.pair("to", word) > lm.pair("the", word)


def _used_as_noun(word: str) -> bool:
    """Whether English uses the word after "the" more than after "to" (pain: yes, sip: no;
    a word the model has not seen either way is not)."""
    from plainpost.language.ngram import model

    lm = model()
    return lm.pair("the", word) > lm.pair("to", word)


# prepositions a relative clause may open with and end with, one of the two a slip: "the
# side from which the blow came from"
RELATIVE_PREPOSITIONS = _words("from in on to with at for about into of")


def _doubled_preposition(ws: Sequence[Word]) -> Iterator[Issue]:
    """A preposition before "which" or "whom" said again at the end of its clause: "the side
    from which the blow came from", "the friend with whom she walks with"."""
    for i, w in enumerate(ws[:-3]):
        if w.low not in RELATIVE_PREPOSITIONS or ws[i + 1].low not in ("which", "whom"):
            continue
        for m in range(i + 3, len(ws)):
            x = ws[m]
            if x.tag in (",", ":", ".") or x.low in ("which", "whom", "and", "but", "or"):
                break
            if x.low != w.low:
                continue
            after = ws[m + 1] if m + 1 < len(ws) else None
            if after is None or after.tag in (",", ":", ".") or after.low in ("and", "but", "or"):
                yield Issue(
                    ws[m - 1].start,
                    x.end,
                    ws[m - 1].text,
                    f"“{w.text}” is already said before “{ws[i + 1].text}”",
                )
            break


def stray_word(ws: Sequence[Word]) -> Iterator[Issue]:
    """A word left over from an edit: "is can be", "can could", "the a", "whether if", "from
    which it came from"."""
    yield from _doubled_preposition(ws)
    for i, w in enumerate(ws[:-1]):
        nxt = ws[i + 1]
        if w.low in ("whether", "if") and nxt.low in ("whether", "if") and w.low != nxt.low:
            yield Issue(w.start, nxt.end, w.text, "two words for “if” where one belongs")
        elif (
            w.low in ("is", "are", "was", "were", "has", "have")
            and nxt.tag == "MD"
            and (nxt.low not in ("need", "dare"))
        ) or (w.tag == "MD" and nxt.tag == "MD" and w.low != nxt.low):
            yield Issue(w.start, nxt.end, nxt.text, "two verbs where one belongs")
        elif (
            w.low in DETERMINERS
            and nxt.low != w.low  # "the the" is the doubled-word rule's
            and nxt.low in POSSESSIVE_OR_DT
            and (i == 0 or ws[i - 1].low not in DOUBLE_DT_OK)
        ):
            if w.low == "a" and nxt.low == "the" and i > 0 and ws[i - 1].low == "of":
                continue
            if nxt.text in ("A", "An"):
                continue  # "an A in biology", "a grade A": the letter, not the article
            yield Issue(w.start, nxt.end, nxt.text, "two determiners where one belongs")
        elif (
            w.low == "how"
            and nxt.low.endswith("ly")
            and nxt.tag in ("RB", "RBR")
            and i + 3 < len(ws)
            and ws[i + 2].low == "of"
            and ws[i + 3].tag in ("DT", "PRP$")
        ):
            # "how badly of the nail has grown": "how much of" and "how many of" are right
            yield Issue(nxt.start, ws[i + 2].end, nxt.text, "“of” has no place after “how”")


# verbs of a short comment after a comma: "..., I think." "..., she said."
REPORTING = _words("think believe guess suppose reckon hope expect fear imagine say tell find")
# nouns that open a clause of time like a subordinator: "Every time you run, you ..."
TIME_NOUNS = _words("time times moment minute second day week instant")


def _adverbial_opening(first: Sequence[Word]) -> bool:
    """A sentence's opening that a comma closes without ending a sentence: "Each time you
    stretch", "The moment it swells", "Not only is it sore"."""
    lows = [w.low for w in first[:3]]
    if lows[:2] == ["not", "only"]:
        return True
    return (
        len(lows) >= 2
        and lows[0] in ("each", "every", "any", "the", "next", "by")
        and (lows[1] in TIME_NOUNS or (len(lows) > 2 and lows[2] in TIME_NOUNS))
    )


# openings a reader takes as set phrases, not an instruction: "Believe it or not", "Thank you"
SET_OPENINGS = _words("believe thank thanks like mind say suppose imagine")
# words after which a comma-led clause is a continuation, not a new sentence ("so", "than")
RELATIVES = _words("that which who whom whose")
# determiners that open a second clause's subject: "the vaccine is", "any athlete can"
SPLICE_DETERMINERS = _words("the a an any every each no most many some all")


def _subject_before(first: Sequence[Word], v: int) -> bool:
    """Whether the finite verb at ``v`` has its own subject just before it (adverbs between):
    a noun, a pronoun, "there", a demonstrative, a relative pronoun ("patients who are")."""
    j = v - 1
    while j >= 0 and first[j].tag in ("RB", "RBR", "RBS") and first[j].low != "not":
        j -= 1
    if j < 0:
        return False
    before = first[j]
    if not before.text[:1].isalnum():
        return False  # a quotation mark, which the tagger often takes for a name
    return before.tag in NOUN | {"PRP", "EX", "CD", "WDT", "WP"} or before.low in (
        "this",
        "that",
        "these",
        "those",
    )


def _instruction(first: Sequence[Word], after_opening: bool = False) -> bool:
    """Whether the part before the comma is an instruction: a plain verb first, then its object
    or an adverb ("Rest the ankle", "Sip water through the day", "Book a review in spring").
    The tagger often reads a sentence's first verb as a noun or name, so the lexicon decides
    what the word can be, and English usage whether it is more a verb than a noun."""
    if not after_opening and not first[0].text[:1].isupper():
        return False  # a fragment ("arrive on Wed, I mean it"), not a sentence's start
    if first[0].low == "please" and len(first) > 2:
        first = first[1:]  # "Please wear short sleeves"
    if len(first) < 2:
        return False
    verb, nxt = first[0], first[1]
    if verb.low in ("do", "don't") and nxt.low in ("n't", "not"):
        return True  # "Don't panic", "Do not worry"
    if "VB" not in verb.forms or verb.tag in ("IN", "DT", "RB", "RBR", "CD", "PRP", "CC"):
        return False
    if verb.low in SET_OPENINGS or any(
        w.low == "or" and x.low == "not" for w, x in pairwise(first)
    ):
        return False  # "Believe it or not", "Thank you for reading", "Like it or not"
    if nxt.tag in ("DT", "PRP$", "PRP") or nxt.low in ("your", "up", "off", "out", "down"):
        return True
    if nxt.tag not in NOUN | {"JJ", "IN"} or verb.forms & {"JJ", "JJR", "RB", "RBR", "IN"}:
        return False  # "Long time ago", "Back in May", "Better still"
    return verb.tag == "VB" or not _used_as_noun(verb.low)


# subordinators that can follow a whole clause ("... because the kidneys clear it"); not "so",
# "as", "than" ("so much", "as well as"), nor question words ("what you eat")
TRAILING_SUBORDINATORS = _words(
    "because although though while whilst unless until till once whenever if when"
)


def _main_clause(first: Sequence[Word], after_opening: bool = False) -> bool:
    """Whether the part before the comma could stand as a sentence: an instruction, or a
    finite verb with its own subject, and no opening phrase ("Without rest", "In time") or
    subordinate clause ("If it swells", "It hurts so much") that the comma closes."""
    if first[0].tag in ("IN", "TO", "WRB", "WP", "WDT", "VBN", "VBG") or first[0].low in (
        SUBORDINATORS
    ):
        return False
    if len(first) > 1 and first[0].tag == "RB" and first[1].tag in ("IN", "TO"):
        return False  # "instead of ...", "apart from ...", "away from ...": a phrase
    for i, x in enumerate(first[1:], 1):
        if x.low in TRAILING_SUBORDINATORS and first[i - 1].tag not in ("CC", "IN", "WDT", "RB"):
            # "Magnesium is safe because the kidneys clear it": a whole clause, then one
            # that hangs on it; the comma after them may still join a second sentence. Not
            # "and if it swells" or "that when you run": the comma closes that inner clause
            return first[i - 1].low not in SUBORDINATORS and _main_clause(first[:i], after_opening)
        if x.tag in ("WRB", "WP") and x.low in ("how", "what") and _main_clause(first[:i]):
            # "Magnesium is involved in how the body works": a whole clause, then what it is
            # about; the comma after them may still join a second sentence
            return True
        if x.tag in ("WRB", "WP", "WDT") and x.low not in RELATIVES:
            return False  # "what you eat", "how it feels", "whatever you do"
        if x.low in SUBORDINATORS and x.low not in RELATIVES:
            return False
        if (
            x.low == "that"
            and first[i - 1].tag not in NOUN
            and not any(w.tag in FINITE for w in first[i + 1 :])
        ):
            return False  # "Note that in a world like ours, you": the comma closes a phrase
    if _instruction(first, after_opening):
        return True
    return any(w.tag in FINITE and _subject_before(first, v) for v, w in enumerate(first) if v)


# prepositions of a short adverbial phrase that may open a clause after a comma: "in most
# cases", "at night", "for most people", "after a week"
OPENING_PREPOSITIONS = _words("in at for after within by")
# nouns of a bare phrase that links the clause to the one before: "for example", "in case"
LINKING_NOUNS = _words(
    "example examples instance case fact particular general short addition order turn contrast "
    "comparison return response"
)


# times that open a clause without a preposition: "some mornings I", "most days it"
TIME_PLURALS = _words("mornings evenings nights days weeks weekends times")


def _opening_phrase(rest: Sequence[Word]) -> int:
    """The length of a short adverbial phrase that opens ``rest`` ("in most cases", "at
    night", "after a week or two" is not: "or"), a comma after it included; 0 when there is
    none."""
    if len(rest) >= 3 and rest[0].low == "then" and rest[1].tag != ",":
        return 1  # "..., then your liver releases": "then" opens a sentence of its own
    if (
        len(rest) >= 4
        and rest[0].low in ("some", "most", "many", "other", "on")
        and rest[1].low in TIME_PLURALS
        and rest[2].low in SUBJECT_PRONOUNS
    ):
        return 2  # "..., some mornings I can hardly stand": a time, then the clause
    if len(rest) < 4 or rest[0].low not in OPENING_PREPOSITIONS:
        return 0
    k = 1
    while k < len(rest) and k <= 3 and rest[k].tag in ("DT", "PRP$", "JJ", "JJS", "CD"):
        k += 1
    if k >= len(rest) or rest[k].tag not in ("NN", "NNS") or k > 3:
        return 0
    if k == 1 and rest[k].low in LINKING_NOUNS:
        return 0  # "for example you", "in case there is": a link to what came before
    k += 1
    if k < len(rest) and rest[k].tag == ",":
        k += 1
    return k


def _clause_after(rest: Sequence[Word]) -> int | None:
    """The index of the finite verb of a clause that opens ``rest`` with its own subject (a
    pronoun, "there", a demonstrative, "our nurses"), or None."""
    lead = _opening_phrase(rest)
    if lead:
        # "..., in most cases that does not help": a short adverbial phrase, then the clause
        inner = _clause_after(rest[lead:]) if len(rest) > lead + 1 else None
        return None if inner is None else lead + inner
    s = rest[0]
    k = 1
    strong = True  # a subject that cannot be an object or a list's next item
    if (
        s.low in PARTITIVE
        and len(rest) > 4
        and rest[1].low == "of"
        and rest[2].tag in ("DT", "PRP$")
        and rest[2].low not in ("that", "this")
    ):
        # "most of our patients feel", "some of the swelling is": a share of a noun phrase
        inner = _clause_after(rest[2:])
        return None if inner is None else 2 + inner
    if s.low in SUBJECT_PRONOUNS or s.low in ("this", "that", "these", "those", "there"):
        pass
    elif (s.tag == "PRP$" or s.low in SPLICE_DETERMINERS or s.tag in NOUN or s.tag == "JJ") and len(
        rest
    ) > 2:
        # "our nurses will", "the vaccine is", "any athlete can", "massage therapists are",
        # "flat shoes do not"; two joined ("the calf muscles and the fascia are")
        strong = s.tag not in ("NNS", "NN", "JJ")
        k = 0 if s.tag in NOUN | {"JJ"} else 1
        while True:
            while k < len(rest) and rest[k].tag in ("JJ", "JJR", "JJS", "NN", "NNS", "NNP", "CD"):
                if rest[k].tag not in NOUN and k > 0 and rest[k - 1].tag in NOUN:
                    return None  # "the heel pain many people feel": a second phrase
                k += 1
            if k == 0 or rest[k - 1].tag not in NOUN:
                return None
            if k + 2 < len(rest) and rest[k].low in ("and", "or") and rest[k + 1].tag != ",":
                strong = False  # a verb after two nouns must be one no noun can be
                k += 2 if rest[k + 1].tag in ("DT", "PRP$") else 1
                continue
            if (
                k + 2 < len(rest)
                and rest[k].low in ("you", "we", "they", "i")
                and rest[k + 1].tag in ("VBP", "VBD")
                and (rest[k + 2].tag == "MD" or rest[k + 2].low in BE_SG | BE_PL | {"was", "were"})
            ):
                # "the way you run is", "the shoes they wear are": a clause hung on the subject
                strong = False
                k += 2
                break
            if (
                k + 2 < len(rest)
                and rest[k].low in ("on", "in", "at", "around", "under", "behind")
                and rest[k + 1].tag in ("DT", "PRP$")
            ):
                # "a warm wheat bag on the neck can": a place hung on the subject; the verb
                # must be one no noun can be
                strong = False
                k += 2
                continue
            break
    else:
        return None
    while k < len(rest) and rest[k].tag in ("RB", "RBR"):
        k += 1
    if k >= len(rest) or rest[k].tag not in FINITE:
        return None
    verb = rest[k]
    if not strong and verb.tag != "MD" and verb.low not in BE_SG | BE_PL | _words("was were"):
        return None  # a bare noun's verb must be one the tagger cannot take for a noun
    if verb.tag in ("VBP", "VBZ") and verb.forms & {"NN", "NNS"} and s.low not in SUBJECT_PRONOUNS:
        # (after a subject pronoun the word is a verb: "I wake", "they rest")
        base = lexicon.inflect(verb.low, "VB") or verb.low
        if verb.low not in BE_SG | BE_PL and _used_as_noun(base):
            return None  # "the sharp heel pain many people feel": "pain" is a noun
    return k


def comma_splice(ws: Sequence[Word]) -> Iterator[Issue]:
    """Two sentences joined by a comma: "Rest for two days, this lets the swelling settle".
    The clause before the comma must stand on its own (an instruction, or a subject with its
    finite verb, not an opening phrase or subordinate clause), and a subject with its own
    finite verb must open the part after it. Each comma is judged, the part before it read
    from the comma before (so "If it swells, it hurts, you should rest" is caught at its
    second comma); one issue a sentence."""
    n = len(ws)
    commas = [i for i, w in enumerate(ws) if w.tag == ","]
    if any(ws[c + 1].low in ("and", "or") for c in commas if c + 1 < n):
        return  # "We rest, we ice, and we lift the foot": a list of clauses
    for at, c in enumerate(commas):
        begin = commas[at - 1] + 1 if at else 0
        # a semicolon ends the clause before it too: "...; however, the itch lasted"
        begin = max([begin] + [i + 1 for i in range(begin, c) if ws[i].text == ";"])
        first, rest = ws[begin:c], ws[c + 1 :]
        if c + 2 >= n or len(first) < (3 if begin == 0 else 2):
            continue
        # after an opening clause ("If the wrist swells, ice it"), the next part may be an
        # instruction though it does not start the sentence
        after_opening = at == 1 and (
            ws[0].low in CLAUSE_SUBORDINATORS | {"once", "until", "till", "after", "before"}
            or (ws[0].tag == "IN" and ws[0].text[:1].isupper())  # "Untill it settles, rest"
        )
        if _adverbial_opening(first) or not _main_clause(first, after_opening):
            continue
        k = _clause_after(rest)
        if k is None:
            continue
        s = rest[0]
        trailing = [i for i, x in enumerate(first) if x.low in TRAILING_SUBORDINATORS]
        if trailing and trailing[-1] + 1 < len(first) and first[trailing[-1] + 1].low == s.low:
            continue  # "if they ache, they swell or they throb": the conditions go on
        if s.low == "it" and rest[k].low in ("'s",) and len(first) < 4:
            continue
        if (
            s.tag == "PRP"
            and lexicon.lemmas(rest[k].low) & REPORTING
            and (k + 1 >= len(rest) or rest[k + 1].tag in (",", ".", ":", "!", "?"))
        ):
            continue  # "It settles in a week, I think.": a comment on the sentence
        yield Issue(
            ws[c].start, s.end, ". " + _case(s.text, "X"), "two sentences joined by a comma"
        )
        return


# determiners that want a plural noun, and those that want a singular one
PLURAL_DETERMINERS = _words("these those both several many various few some")
SINGULAR_DETERMINERS = _words("each every another")


def determiner_number(ws: Sequence[Word]) -> Iterator[Issue]:
    """A noun whose number does not fit its determiner: "these bone", "both knee", "in some
    case", "every patients", "each times". English usage decides, not a list: the written pair
    must be rare in the bigram model beside the other form ("some time", "these fish" and
    "many a" are common, so they pass), and a noun that goes on into a compound ("these bone
    spurs") or an "of" phrase ("some form of") is left alone."""
    from plainpost.language.ngram import model

    lm = model()
    for i, det in enumerate(ws[:-1]):
        plural = det.low in PLURAL_DETERMINERS
        if not plural and det.low not in SINGULAR_DETERMINERS:
            continue
        if det.tag not in ("DT", "JJ", "PDT", "RB") or (
            i > 0 and ws[i - 1].low in ("a", "the") and (det.low, ws[i - 1].low) != ("few", "a")
        ):
            continue  # "the few", "the many", "of some"; but "a few" counts more than one
        noun = ws[i + 1]
        after = ws[i + 2] if i + 2 < len(ws) else None
        if after is not None and (
            after.tag in NOUN | {"POS", "CD", "VBG"} or after.low in ("of", "and", "or", "-")
        ):
            continue
        low = noun.low
        if not low.isalpha() or low in QUANTITY or low in SINGULAR_IN_S:
            continue
        if plural:
            as_noun = noun.tag == "NN" or (noun.tag in VERB | {"JJ"} and noun.tag not in noun.forms)
            if not as_noun or low.endswith("s") or "NN" not in noun.forms:
                continue  # (the tagger's "both/DT knee/VBD": no verb form, so a noun)
            other = lexicon.inflect(low, "NNS")
        else:
            if noun.tag != "NNS" or not low.endswith("s") or "NN" in noun.forms:
                continue
            other = lexicon.inflect(low, "NN")
        if other in ("", low):
            continue
        written, wanted = lm.pair(det.low, low), lm.pair(det.low, other)
        if written == wanted == 0:
            # neither pair is common enough to be listed: a plural determiner before a
            # singular noun whose plural English uses ("these bone", "both knee"), not "some"
            # (which takes mass nouns); "every" before a plural ("every parents")
            if det.low == "some" or lm.count(other) == 0:
                continue
        elif wanted == 0 or written * 20 > wanted:
            continue
        yield Issue(
            noun.start,
            noun.end,
            _case(other, noun.text),
            f"after “{det.text}” the noun is {'plural' if plural else 'singular'}",
        )


# verbs whose object is never the subject of a bare verb after it ("makes it hurt", "lets
# it heal", "helps it settle"): a finite verb after their object is another slip
OBJECT_THEN_VERB = _words(
    "make makes made let lets help helps helped have has had see sees saw hear hears heard "
    "watch watches watched feel feels felt get gets got"
)


# verbs after "however you": "however you like", "however you can" (in whatever way)
HOWEVER_WAY = _words(
    "like likes want wants wish choose prefer please can could may might feel see look think"
)


def _however_joins(ws: Sequence[Word]) -> Iterator[Issue]:
    """ "However" between two sentences with no full stop or semicolon before it: "the load
    went up however the way you run matters too", "it rolls in, however it does so fast". The
    part before must stand as a sentence, and a subject with its finite verb must follow;
    not "however much", "however long" (no subject follows) nor "however you like"."""
    for h in range(2, len(ws) - 2):
        w = ws[h]
        if w.low != "however" or ws[h + 1].tag in (",", ":", "."):
            continue
        comma = ws[h - 1].tag == ","
        end = h - 1 if comma else h
        if ws[end - 1].tag == ":" or ws[end - 1].text in (";", "(", "-", "–", "—"):
            continue
        begin = next((i + 1 for i in range(end - 1, -1, -1) if ws[i].tag in (",", ":")), 0)
        first = ws[begin:end]
        if len(first) < 3 or not _main_clause(first, after_opening=begin > 0):
            continue
        k = _clause_after(ws[h + 1 :])
        if k is None:
            continue
        verb = ws[h + 1 + k]
        if ws[h + 1].low in SUBJECT_PRONOUNS and (
            verb.low in HOWEVER_WAY
            or not (verb.tag == "MD" or verb.low in BE_SG | BE_PL | _words("was were am"))
        ):
            continue  # "do it however you like", "wrap it however you find comfortable"
        start = ws[h - 1].start if comma else w.start
        yield Issue(start, w.end, "; " + w.text.lower() + ",", "two sentences joined by “however”")
        return


def fused_sentence(ws: Sequence[Word]) -> Iterator[Issue]:
    """Two sentences run together with no stop, where the first one's object is the second
    one's subject: "Ice helps it also calms the pain", "Cycling strengthens it protects the
    joint". The first verb must have its own subject and be one English does not follow with a
    clause ("think", "found", "hope", "means" take "that" or a clause with "that" left out, so
    "I think it helps" passes: the bigram model says how often "that" follows the verb), and a
    finite verb must follow "it" (or a modal or past verb "you"). Two sentences joined by a
    bare "however" are one too ("the load went up however the way you run matters")."""
    from plainpost.language.ngram import model

    joined = list(_however_joins(ws))
    if joined:
        yield from joined
        return

    lm = model()
    for p in range(2, len(ws) - 1):
        pron = ws[p]
        if pron.low not in ("it", "you"):
            continue
        verb1 = ws[p - 1]
        if verb1.tag not in ("VBZ", "VBD", "VBP") or not verb1.low.isalpha():
            continue
        if verb1.low in BE_SG | BE_PL or verb1.low in ("was", "were", "am"):
            continue
        if not (_subject_before(ws, p - 1) or (p == 2 and ws[0].tag == "VBG")):
            continue  # its own subject: a noun, a pronoun, a gerund ("Cycling strengthens it")
        if any(w.low in SUBORDINATORS or w.tag == "WRB" for w in ws[: p - 1]):
            continue  # "how long it lasts you can": an opening clause without its comma
        count = lm.count(verb1.low)
        if count == 0 or lm.pair(verb1.low, "that") * 100 >= count:
            continue  # "think it", "found it", "means it": a clause may follow
        k = _past_adverbs(ws, p + 1)
        if k >= len(ws):
            continue
        verb2 = ws[k]
        if verb1.low in OBJECT_THEN_VERB and k == p + 1:
            continue  # "makes it hurts": the verb form is the slip (verb-form's), not a stop
        wanted = ("MD", "VBD") if pron.low == "you" else ("MD", "VBD", "VBZ")
        if verb2.tag not in wanted or not verb2.low.isalpha():
            continue
        if verb2.tag == "VBD" and "VBN" in verb2.forms and k == p + 1:
            continue  # "keeps it covered", "wants it done": the object's participle
        if (
            verb2.tag == "VBZ"
            and verb2.forms & {"NNS"}
            and _used_as_noun(lexicon.inflect(verb2.low, "VB") or verb2.low)
        ):
            continue  # "eases it aches and pains": a noun, as the tagger may misread
        yield Issue(
            verb1.start,
            pron.end,
            verb1.text + ". " + _case(pron.text, "X"),
            "two sentences run together with no full stop",
        )
        return


def question_mark(ws: Sequence[Word]) -> Iterator[Issue]:
    """A question that ends in a full stop: "How long will it take."."""
    if len(ws) < 3 or ws[-1].text != ".":
        return
    first = ws[0]
    second = ws[1]
    question = False
    if first.low in WH:
        k = 1
        while k < len(ws) - 1 and ws[k].tag in ("RB", "JJ", "NN", "NNS") and k < 3:
            k += 1
        aux = ws[k]
        question = (
            aux.low in AUX_Q
            and aux.tag in FINITE | {"VB"}
            and k + 1 < len(ws) - 1
            and (ws[k + 1].tag in ("PRP", "DT", "PRP$", "NN", "NNS", "NNP", "EX"))
        )
    elif first.low in AUX_Q and first.tag in FINITE | {"VB", "NNP"}:
        if first.low in ("do", "does", "did"):
            question = second.low in ("you", "he", "she", "they", "we", "i") or (
                first.low != "do" and second.tag in ("PRP", "DT", "PRP$", "NNP")
            )
        else:
            question = second.tag in ("PRP", "EX") and second.low not in ("me", "us", "them")
    if question:
        yield Issue(ws[-1].start, ws[-1].end, "?", "the sentence asks a question")


# what may close a sentence: a stop, or a bracket or quotation mark after one
_CLOSERS = frozenset(".!?:;…)]”\"'’»")
# marks of page furniture, whose lines are no sentences: "Home >> Blog", "Share · Email"
_FURNITURE = frozenset("|·»«>→©@•")


def unfinished_sentence(text: str, sentences: Sequence[Sequence[Word]]) -> Iterator[Issue]:
    """A paragraph whose last sentence never ends: "..., the ankle has to regain its strength
    and stability" with no full stop. The sentence must be one (a finite verb with its own
    subject, or an instruction), not a title, a byline or a line of page furniture, and it
    must follow another sentence of the paragraph: a line on its own without a stop is often
    a caption, a label, a strapline or a quoted fragment. Lines broken inside the
    sentence, or words set apart by runs of spaces, are a list typed as text, not a sentence."""
    if not sentences or not sentences[-1]:
        return
    ws = sentences[-1]
    last = ws[-1]
    if last.text in _CLOSERS or not last.text[:1].isalnum():
        return
    if re.search(r"\n|\S {2,}\S|\t", text[ws[0].start : last.end]):
        return  # "Added sugars\nPasteurised dairy": lines of a list, not a sentence
    words = [w for w in ws if w.text[:1].isalnum()]
    if len(words) < 6 or any(w.text in _FURNITURE for w in ws):
        return
    if sum(1 for w in words if w.text[:1].isupper()) * 2 > len(words):
        return  # "Heel Pain Is Not Something You Have to Live With": a title
    # another sentence before it (of three words or more: not "Hi!"), or a stop inside it that
    # the splitter passed over ("... on your feet. see the photo above", a new sentence
    # without its capital; not the dot of "index.js" or ".ts")
    earlier = any(sum(1 for w in s if w.text[:1].isalnum()) >= 3 for s in sentences[:-1]) or any(
        w.text in (".", "!", "?")
        and w.start > 0
        and not text[w.start - 1].isspace()
        and text[w.end : w.end + 1] == " "
        for w in ws[:-1]
    )
    if not earlier:
        return  # one line on its own: a caption, a label, a quoted fragment, a strapline
    if not (
        _instruction(ws, after_opening=earlier)
        or any(w.tag in FINITE and _subject_before(ws, v) for v, w in enumerate(ws) if v)
    ):
        return
    yield Issue(last.start, last.end, last.text + ".", "the sentence has no full stop")


# detectors that read a whole block (its tagged sentences in order)
BLOCK_DETECTORS: dict[str, Callable[[str, Sequence[Sequence[Word]]], Iterator[Issue]]] = {
    "unfinished-sentence": unfinished_sentence,
}

DETECTORS: dict[str, Callable[[Sequence[Word]], Iterator[Issue]]] = {
    "subject-agreement": subject_agreement,
    "coordinated-verb": coordinated_verb,
    "verb-form": verb_form,
    "infinitive": infinitive,
    "stray-word": stray_word,
    "comma-splice": comma_splice,
    "fused-sentence": fused_sentence,
    "determiner-number": determiner_number,
    "question-mark": question_mark,
}
