"""Tokens of a prose block for pattern rules: words, numbers and punctuation, by sentence.

Block text is already typography-folded by the document layer (curly apostrophes are straight),
so "it’s" and "it's" are the same token. A code span (U+FFFC) is a token of kind "code" that no
word pattern matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from plainpost.document import Block, Document
from plainpost.document.sentences import sentence_spans
from plainpost.language import lexicon

# words with inner apostrophes, hyphens, ampersands or dots between letters (it's, well-known,
# A&E, e.g); numbers with separators; one punctuation character; the code-span placeholder
TOKEN_RE = re.compile(
    r"(?P<word>[^\W\d_](?:[\w]|['’&](?=[^\W_])|-(?=[^\W_]))*)"
    r"|(?P<num>\d(?:[\d,.:]*\d)?(?:[a-zA-Z%]+)?)"
    r"|(?P<code>\ufffc)"
    r"|(?P<punct>[^\s\w])"
)
SENTENCE_END = frozenset(".!?…")


@dataclass(eq=False, slots=True)
class Token:
    text: str
    start: int  # offsets into block.text
    end: int
    kind: str  # word | num | code | punct
    sentence: int  # index of the sentence in the block
    first: bool = False  # the first token of its sentence

    low: str = ""  # folded, lower case; set by the tokenizer

    @property
    def tags(self) -> frozenset[str]:
        if self.kind == "num":
            return frozenset({"CD"})
        if self.kind != "word":
            return frozenset()
        return lexicon.tags(self.text)


@dataclass(eq=False)
class BlockTokens:
    """A block's tokens, by sentence: in the block's offsets, the same for any block of that
    text (so a lint's memo keeps them by text, :func:`text_tokens`)."""

    text: str
    tokens: list[Token] = field(default_factory=list)

    @cached_property
    def sentences(self) -> list[list[Token]]:
        out: list[list[Token]] = []
        for tok in self.tokens:
            while len(out) <= tok.sentence:
                out.append([])
            out[tok.sentence].append(tok)
        return [s for s in out if s]

    @cached_property
    def sentence_words(self) -> list[tuple[list[Token], frozenset[str]]]:
        return [(s, frozenset(t.low for t in s if t.kind == "word")) for s in self.sentences]

    @cached_property
    def sentence_index(self) -> list[tuple[list[Token], frozenset[str], dict[str, list[int]]]]:
        """Each sentence with its words and where each word or number is (by folded lower-case
        text): what the pattern matcher looks anchors up in."""
        out = []
        for sentence, words in self.sentence_words:
            positions: dict[str, list[int]] = {}
            for i, tok in enumerate(sentence):
                if tok.kind in ("word", "num"):
                    positions.setdefault(tok.low, []).append(i)
            out.append((sentence, words, positions))
        return out


def tokenize(block: Block, sentence_bounds: list[tuple[int, int]]) -> BlockTokens:
    return tokenize_text(block.text, sentence_bounds)


def text_tokens(text: str) -> BlockTokens:
    """The tokens of a block of this text, split into its sentences as the document is."""
    return tokenize_text(text, list(sentence_spans(text)))


def tokenize_text(text: str, sentence_bounds: list[tuple[int, int]]) -> BlockTokens:
    result = BlockTokens(text)
    bounds = sentence_bounds or [(0, len(text))]
    index = 0
    last_sentence = -1
    for m in TOKEN_RE.finditer(text):
        start = m.start()
        while index < len(bounds) - 1 and start >= bounds[index][1]:
            index += 1
        kind = m.lastgroup or "punct"
        word = m.group()
        tok = Token(
            word, start, m.end(), kind, index, index != last_sentence, lexicon.fold(word).lower()
        )
        last_sentence = index
        result.tokens.append(tok)
    return result


def document_tokens(doc: Document, blocks: list[Block]) -> list[BlockTokens]:
    by_block: dict[int, list[tuple[int, int]]] = {}
    for sentence in doc.sentences:
        by_block.setdefault(id(sentence.block), []).append((sentence.start, sentence.end))
    return [tokenize(b, by_block.get(id(b), [])) for b in blocks]
