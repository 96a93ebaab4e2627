"""The offset <-> LSP position converter: code points inside plainpost, UTF-16 code units
(or the encoding the client chose) on the wire."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position

from plainpost.server.positions import Positions, units

TEXT = "Caf\u00e9 e\u0301 “quote” 😀 👍🏽 end\nsecond 🧑‍🦱 line\n\nlast"


@pytest.mark.parametrize(
    ("needle", "line", "utf16", "utf8", "utf32"),
    [
        ("Caf", 0, 0, 0, 0),
        ("e\u0301", 0, 5, 6, 5),  # é (1 unit) and a space before the combining pair
        ("“quote”", 0, 8, 10, 8),  # the combining mark is a unit of its own
        ("😀", 0, 16, 22, 16),  # curly quotes: 1 UTF-16 unit, 3 UTF-8 bytes each
        ("👍🏽", 0, 19, 27, 18),  # after 😀: 2 UTF-16 units, 1 code point
        ("end", 0, 24, 36, 21),  # 👍🏽 is two astral code points
        ("line", 1, 13, 19, 11),  # 🧑‍🦱: astral + ZWJ + astral
        ("last", 3, 0, 0, 0),
    ],
)
def test_columns_in_each_encoding(needle, line, utf16, utf8, utf32):
    offset = TEXT.index(needle)
    for encoding, want in (("utf-16", utf16), ("utf-8", utf8), ("utf-32", utf32)):
        positions = Positions(TEXT, encoding)
        assert positions.position(offset) == Position(line=line, character=want), encoding
        assert positions.offset(Position(line=line, character=want)) == offset, encoding


def test_utf16_columns_agree_with_pythons_codec():
    positions = Positions(TEXT)
    for offset in range(len(TEXT) + 1):
        pos = positions.position(offset)
        line_start = TEXT.rfind("\n", 0, offset) + 1
        assert pos.line == TEXT.count("\n", 0, offset)
        assert pos.character == len(TEXT[line_start:offset].encode("utf-16-le")) // 2


def test_positions_between_units_and_past_the_line_end():
    positions = Positions(TEXT)
    emoji = TEXT.index("😀")
    # inside the surrogate pair: the code point it falls in
    assert positions.offset(Position(line=0, character=17)) == emoji
    # past the end of a line: the end of that line (LSP's rule), not the next line
    assert positions.offset(Position(line=0, character=999)) == TEXT.index("\n")
    assert positions.offset(Position(line=99, character=0)) == len(TEXT)
    assert positions.position(len(TEXT) + 5) == Position(line=3, character=4)


def test_ranges_and_empty_spans():
    positions = Positions("ab\ncd")
    r = positions.range(1, 4)
    assert (r.start, r.end) == (Position(line=0, character=1), Position(line=1, character=1))
    insertion = positions.range(3, 3)
    assert insertion.start == insertion.end == Position(line=1, character=0)


def test_units():
    assert units("😀") == 2 and units("😀", "utf-8") == 4 and units("😀", "utf-32") == 1
    assert units("e\u0301") == 2 and units("’") == 1 and units("’", "utf-8") == 3


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_round_trip(text):
    positions = Positions(text)
    for offset in range(len(text) + 1):
        assert positions.offset(positions.position(offset)) == offset
