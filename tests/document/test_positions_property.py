"""The inline-to-source map, property-tested on generated posts.

Every word of every prose block slices back to exactly the same word in the source (via
``block.offsets``); the map is total, strictly increasing and lands on the character it names;
code, URLs, link labels, comments, HTML and front matter never appear as prose.
"""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainpost.document import Document, Source, parse_document
from plainpost.document.model import WORD_RE
from plainpost.document.parse import DROP, ENTITY_RE, FOLD
from plainpost.findings import Hit
from plainpost.lint.linter import to_finding
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files
from tests.helpers.mdgen import MARK, WORDS, Generated, documents

RULE = load_rule_files([shipped_rules_dir()])[0]


def fold(text: str) -> str:
    return "".join(FOLD.get(c, c) for c in text if c not in DROP)


def check_block_map(doc: Document) -> None:
    src = doc.text
    for block in doc.blocks:
        assert len(block.offsets) == len(block.text), block
        assert all(a < b for a, b in zip(block.offsets, block.offsets[1:], strict=False)), (
            f"offsets not increasing in {block.kind} {block.text!r}: {block.offsets}"
        )
        for i, ch in enumerate(block.text):
            off = block.offsets[i]
            assert 0 <= off < len(src), (block.text, i, off)
            got = src[off]
            if ch == "\ufffc":  # the stand-in for a code span points at its opening backtick
                assert got == "`", (block.text, i, src[off : off + 10])
            elif fold(got) == ch:
                continue
            elif got == "&":
                m = ENTITY_RE.match(src, off)
                assert m and fold(html.unescape(m.group()))[:1] == ch, (block.text, i)
            else:
                raise AssertionError(
                    f"{block.kind} text[{i}]={ch!r} maps to {got!r} at {off}: "
                    f"{src[max(0, off - 15) : off + 15]!r} (text {block.text!r})"
                )


def prose_words(doc: Document) -> set[tuple[int, str]]:
    out = set()
    for block in doc.blocks:
        for m in WORD_RE.finditer(block.text):
            s, e = block.span(m.start(), m.end())
            written = doc.text[s:e]
            assert fold(written) == m.group(), (
                f"word {m.group()!r} of {block.kind} slices back to {written!r}"
            )
            out.add((s, written))
    return out


def check_generated(gen: Generated) -> Document:
    doc = parse_document(Source.from_text(gen.source_text, "gen.md"))
    assert doc.text == gen.text
    check_block_map(doc)
    found = prose_words(doc)
    missing = sorted(gen.words - found)
    extra = sorted(found - gen.words)
    assert not missing and not extra, f"missing {missing[:5]}, unexpected {extra[:5]}"
    for block in doc.blocks:
        assert MARK not in block.text.lower(), f"non-prose leaked into {block.kind}: {block.text!r}"
        for i, off in enumerate(block.offsets):
            if block.text[i] == "\ufffc":
                continue
            for a, b in gen.hidden:
                assert not a <= off < b, (
                    f"{block.kind} text[{i}]={block.text[i]!r} maps into non-prose "
                    f"{gen.text[a:b]!r}"
                )
    return doc


@settings(
    max_examples=int(__import__("os").environ.get("PP_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_every_prose_word_maps_back_to_the_source(gen: Generated) -> None:
    check_generated(gen)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["\n", "\r\n"]))
def test_finding_spans_slice_back_to_their_text(gen: Generated, newline: str) -> None:
    """A finding of a word rule covers exactly that word, at the line and column shown."""
    doc = parse_document(Source.from_text(gen.text.replace("\n", newline), "gen.md"))
    lines = gen.text.split("\n")
    for block in doc.blocks:
        for m in WORD_RE.finditer(block.text):
            s, e = block.span(m.start(), m.end())
            f = to_finding(doc, RULE, Hit(s, e, "x"))
            assert f.line == f.end_line
            assert fold(lines[f.line - 1][f.column - 1 : f.end_column - 1]) == m.group()


def test_marker_is_not_a_vocabulary_word() -> None:
    assert not re.search(MARK, " ".join(WORDS), re.I)
