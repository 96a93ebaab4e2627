"""Building into a staging folder and swapping it in: an interrupted build (Ctrl-C, SIGTERM, a
crash, SIGKILL) leaves the previous site exactly as it was, and a finished one is there whole,
never a mix of the two (pages without their index or stylesheet, an index naming pages that are
not written yet).

* The staging folder, ``.<out>.plainpost-stage-<pid>.tmp``, sits beside the output folder (the
  same file system, so the swap is a rename). It starts as a copy of the previous site made of
  hard links (no data copied; a file the build leaves unchanged keeps its inode and timestamps;
  a changed one is replaced by an atomic write, which never touches the linked original).
* The swap exchanges the two folders in one ``renameat2(RENAME_EXCHANGE)`` where the system has
  it, else two renames; SIGINT, SIGTERM and SIGHUP are held for those microseconds (by the
  batch runner's ``held_signals``: held even when the kernel hands the signal to a thread of
  Harper's, which does not block it, as the main thread's mask alone did not). A build
  killed between the two renames leaves the previous site as ``.<out>.plainpost-old-<pid>.tmp``,
  and the next build puts it back first. Folders of builds whose process is gone are removed.
* Where a folder cannot be swapped (``--out .`` or a folder holding the current directory, a
  mount point, a parent folder that cannot be written), the build writes in place as before:
  every file atomically, the index after the pages, the manifest last.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
from pathlib import Path

from plainpost.fsutil import pid_alive
from plainpost.run.workers import held_signals

_KINDS = ("stage", "old")


def _name(out: Path, kind: str, pid: int) -> Path:
    return out.parent / f".{out.name}.plainpost-{kind}-{pid}.tmp"


def can_stage(out: Path) -> bool:
    """Whether a build of ``out`` can be staged beside it and swapped in."""
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return False
    target = out.resolve()
    if cwd == target or cwd.is_relative_to(target):
        return False  # renaming the folder the user is in would leave them in the old one
    if target.exists() and (not target.is_dir() or os.path.ismount(target)):
        return False
    return os.access(target.parent, os.W_OK | os.X_OK)


def recover(out: Path) -> None:
    """Put back a previous site a killed swap left aside; remove dead builds' folders."""
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.plainpost-(stage|old)-(\d+)\.tmp$")
    try:
        names = os.listdir(out.parent)
    except OSError:
        return
    for name in sorted(names, key=lambda n: not n.endswith(".tmp")):
        m = pattern.match(name)
        if not m or pid_alive(int(m.group(2))):
            continue
        path = out.parent / name
        if m.group(1) == "old" and not os.path.lexists(out):
            with contextlib.suppress(OSError):
                os.rename(path, out)
                continue
        shutil.rmtree(path, ignore_errors=True)


def _link_tree(src: Path, dst: Path) -> None:
    """``dst`` as a copy of ``src`` made of hard links (a copy where a link cannot be made)."""
    os.mkdir(dst)
    shutil.copystat(src, dst, follow_symlinks=False)
    for root, dirs, files in os.walk(src):
        here = dst / Path(root).relative_to(src)
        for name in list(dirs):
            s, d = Path(root) / name, here / name
            if s.is_symlink():
                os.symlink(os.readlink(s), d)
                dirs.remove(name)
            else:
                os.mkdir(d)
                shutil.copystat(s, d, follow_symlinks=False)
        for name in files:
            s, d = Path(root) / name, here / name
            if s.is_symlink():
                os.symlink(os.readlink(s), d)
                continue
            try:
                os.link(s, d)
            except OSError:
                shutil.copy2(s, d)


# held while the folders are swapped (SIGHUP too: a closed terminal must not cut the swap in two)
HELD = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def begin(out: Path) -> Path:
    """The staging folder for a build of ``out``: a hard-link copy of the site there now."""
    recover(out)
    stage = _name(out, "stage", os.getpid())
    shutil.rmtree(stage, ignore_errors=True)
    if out.is_dir():
        _link_tree(out, stage)
    else:
        os.mkdir(stage)
    return stage


def commit(stage: Path, out: Path) -> None:
    """Swap the finished build in; the previous site's folder is removed after."""
    aside = _name(out, "old", os.getpid())
    with held_signals(HELD):
        if not os.path.lexists(out):
            os.rename(stage, out)
            return
        if _exchange(stage, out):
            aside = stage
        else:
            os.rename(out, aside)
            os.rename(stage, out)
    shutil.rmtree(aside, ignore_errors=True)


def discard(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)
