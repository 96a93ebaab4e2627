"""Reading a post from disk safely and mapping offsets to line:column."""

from __future__ import annotations

import bisect
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from plainpost.errors import PlainpostError

MAX_BYTES = 5 * 1024 * 1024  # a health post is a few kB; 5 MB is surely not a post
# A long health post has a few hundred lines. Each line can be a block (a heading, an item),
# and checks cost per block: 100,000 one-line headings (1.8 MB) took 80 s of CPU. A post over
# this is one line naming it (exit 2), as a file over MAX_BYTES is, and the run goes on.
MAX_LINES = 20_000


class InputError(PlainpostError):
    """A post that cannot be read. The message is one line and names the path."""


@dataclass(frozen=True)
class Source:
    path: str  # as shown to the user (relative where possible)
    text: str  # newlines normalised to "\n"; offsets everywhere refer to this text
    crlf: bool = False

    @classmethod
    def from_text(cls, text: str, path: str = "<text>") -> Source:
        crlf = "\r\n" in text
        return cls(path=path, text=text.replace("\r\n", "\n").replace("\r", "\n"), crlf=crlf)


def read_source(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a post, refusing what is not a UTF-8 text post with a one-line reason."""
    shown = display or str(path)
    return Source.from_text(decode_post(read_post_bytes(path, shown, max_bytes), shown), shown)


def read_post_bytes(path: Path, shown: str, max_bytes: int = MAX_BYTES) -> bytes:
    """A post's bytes, or an InputError naming it (missing, a folder, a FIFO, too big...)."""
    try:
        st = path.stat()
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISSOCK(st.st_mode) or stat.S_ISCHR(st.st_mode):
            raise InputError(f"{shown}: not a regular file (a pipe, socket or device); skipped")
        size = st.st_size
        if size > max_bytes:
            raise _too_large(shown, size, max_bytes)
        with open(path, "rb") as fh:  # never more than the limit, whatever stat said
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"{shown}: larger than the {max_bytes / 1048576:.0f} MB limit")
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{shown}: broken symbolic link") from None
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{shown}: symbolic link loop") from None
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    return data


def decode_post(data: bytes, shown: str) -> str:
    """The text of a post's bytes (BOM removed, line endings as written), or an InputError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{shown}: saved as UTF-16; save the file as UTF-8")
    if b"\x00" in data[:8192]:
        raise _binary(shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{shown}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); "
            "save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{shown}: empty file, nothing to check")
    _check_lines(text, shown)
    return text


def _check_lines(text: str, shown: str) -> None:
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if lines > MAX_LINES:
        raise InputError(
            f"{shown}: {lines:,} lines, more than the {MAX_LINES:,} a post may have "
            "(checks cost per line); split it into several posts"
        )


def buffer_source(text: str, shown: str, max_bytes: int = MAX_BYTES) -> Source:
    """An editor's buffer as a Source, refused on read_source's grounds that still apply to
    text already decoded: a binary file, or one over the size limit."""
    if "\x00" in text[:8192]:
        raise _binary(shown)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _too_large(shown, size, max_bytes)
    _check_lines(text, shown)
    return Source.from_text(text, shown)


def _binary(shown: str) -> InputError:
    return InputError(f"{shown}: binary file, not a Markdown post")


def _too_large(shown: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{shown}: file is {size / 1048576:.1f} MB, larger than the "
        f"{max_bytes / 1048576:.0f} MB limit for a post"
    )


@dataclass(frozen=True)
class LineIndex:
    """Offset <-> 1-based (line, column); columns count Unicode code points."""

    text: str
    starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        object.__setattr__(self, "starts", tuple(starts))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based line and column (clamped to the text)."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self.starts)
