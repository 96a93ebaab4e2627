"""Atomic file writes: a crash never leaves half a file behind, and never a file mixed.

Temporary files are named ``.<name>.<pid>.plainpost.tmp`` beside the file they replace: hidden
(posts are collected without dot files), and a later write of the same file removes those whose
process is gone (a run killed with SIGKILL cannot clean up after itself).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

TMP_SUFFIX = ".plainpost.tmp"


class ChangedOnDisk(OSError):
    """The file is not what was read: someone saved it meanwhile. It was not overwritten."""


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(path: Path) -> None:
    """Remove temporary files of earlier writes of ``path`` whose process is gone."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[^.]*{re.escape(TMP_SUFFIX)}$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        m = pattern.match(name)
        if m and not pid_alive(int(m.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def _temp_for(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=path.parent
    )


def atomic_write(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # a file name that is not UTF-8 (held as surrogates) is written as its escaped bytes, \udce9
    raw = data.encode(encoding, "backslashreplace") if isinstance(data, str) else data
    if path.exists() and not path.is_file():
        # /dev/null, /dev/stdout, a pipe: write through it. Renaming over it would replace the
        # device with a regular file (`-o /dev/null` once turned /dev/null into a JSON file).
        with open(path, "wb") as fh:
            fh.write(raw)
        return
    clean_stale_temps(path)
    fd, tmp = _temp_for(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def replace_file(path: Path, data: bytes, expected: bytes) -> str:
    """Replace a post's bytes with ``data`` if it still holds ``expected``; keep its shape.

    * a symlink: its target is written and the link is kept;
    * mode and (where permitted) owner and group are kept;
    * a file with several hard links is written in place (renaming would split it from its
      other names), after the same check;
    * a read-only file is refused (PermissionError), as the editor would;
    * an edit saved while the fix ran raises :class:`ChangedOnDisk` instead of being lost.

    Returns how it was written: "replaced" or "in place".
    """
    target = Path(os.path.realpath(path))  # raises nothing for a loop; open() below does
    st = os.stat(target)
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(13, "file is read-only, not changed")
    if st.st_nlink > 1:
        with open(target, "r+b") as fh:
            if fh.read() != expected:
                raise ChangedOnDisk("changed on disk while fix ran; not overwritten")
            fh.seek(0)
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
        return "in place"
    clean_stale_temps(target)
    fd, tmp = _temp_for(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        with contextlib.suppress(OSError):
            os.chown(tmp, st.st_uid, st.st_gid)
        if target.read_bytes() != expected:
            raise ChangedOnDisk("changed on disk while fix ran; not overwritten")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return "replaced"
