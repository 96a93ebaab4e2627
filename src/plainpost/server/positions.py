"""Offsets <-> LSP positions.

plainpost's offsets index the post's newline-normalised text by code point (and its 1-based
columns count code points). LSP positions are a 0-based line and a 0-based character counted in
the negotiated encoding's code units: UTF-16 unless the client offers another. "😀" is one code
point and two UTF-16 units; "é" written as e + U+0301 is two code points and two units; a curly
quote is one of each. Lines are the same on both sides: the editor's line breaks (LF, CRLF, CR)
are exactly the ones Source.from_text normalises to LF.
"""

from __future__ import annotations

import bisect
from typing import Literal

from lsprotocol import types

Encoding = Literal["utf-8", "utf-16", "utf-32"]


def units(text: str, encoding: Encoding = "utf-16") -> int:
    """Length of `text` in the encoding's code units."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-16":
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def encoding_of(name: str | None) -> Encoding:
    if name in ("utf-8", "utf-32"):
        return name  # type: ignore[return-value]
    return "utf-16"


class Positions:
    """Converts between offsets into one (newline-normalised) text and LSP positions."""

    def __init__(self, text: str, encoding: Encoding = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        starts = [0]
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        self.starts = starts

    def _line_end(self, line: int) -> int:
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)

    def position(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=units(self.text[start:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The offset at an LSP position. A character past the end of its line means the end of
        the line (LSP's rule); one inside a surrogate pair or a UTF-8 sequence, the code point it
        falls in."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self._line_end(position.line)
        want = position.character
        if self.encoding == "utf-32":
            return min(start + max(want, 0), end)
        seen = 0
        for i in range(start, end):
            if seen >= want:
                return i
            seen += units(self.text[i], self.encoding)
            if seen > want:
                return i
        return end
