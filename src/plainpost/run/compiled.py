"""The compiled rulebook: a run's rule set with everything derived from its rule files worked out
(word forms, term tries, literal gates, token-pattern word sets, compiled regular expressions),
kept on disk so that the next process loads it in milliseconds instead of building it.
:func:`plainpost.run.rules.load_or_build` decides between the two; this module keeps the files.

* **Where**: the user's cache folder (``~/.cache/plainpost/rulebook``, XDG_CACHE_HOME, ...;
  ``PLAINPOST_RULEBOOK_CACHE`` names another folder or switches it off), never the content repo:
  a cache file is a pickle, and a pull request must not be able to plant one.
* **Key**: the findings cache's run key (plainpost's version and source, the resolved config,
  ``--select``/``--ignore``, every rule file, every vocabulary and path the config names, the
  engines' versions, the ``PLAINPOST_*`` settings) plus the Python build. A changed input is a
  new key, so a stale file is never read; old files are pruned.
* **Safety**: written atomically (:func:`plainpost.fsutil.atomic_write`); a file that cannot be
  read, is corrupt, or holds something else is rebuilt without a word: the cache can only make a
  run faster, never make it fail or change what it finds.

Compiled regular expressions are what a pickle normally loses: ``re.Pattern`` pickles as its
source and is compiled again on load (8,000 of them, a third of the build). Here a pattern is
stored with the code ``re`` compiled it to, and loaded with ``_sre.compile`` (what
``re.compile`` itself ends with), after checking, when the file is written, that the loaded
pattern is equal to the original (CPython compares the code); one that is not is stored as
source. The key holds the Python version and ``_sre.MAGIC``, so the code is only ever loaded by
the interpreter that made it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import pickle
import re
import sys
import time
from functools import cached_property
from pathlib import Path
from typing import Any

from plainpost.fsutil import atomic_write
from plainpost.run.cache import run_key
from plainpost.settings import Settings

FORMAT = "rulebook-v2"  # bump when the file's layout changes
SUFFIX = ".pickle"
KEEP = 16  # files kept in the folder (one per config and plainpost version in use)
KEEP_DAYS = 14

try:  # the compiler behind `re` (CPython; named sre_compile before 3.11)
    import _sre
    from re import _compiler as _re_compiler  # type: ignore[attr-defined]
    from re import _parser as _re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: patterns are stored as source
    _sre = None


def rulebook_key(settings: Settings) -> str:
    h = hashlib.sha256(FORMAT.encode())
    h.update(run_key(settings).encode())
    h.update(sys.version.encode())
    h.update(str(getattr(_sre, "MAGIC", "")).encode())
    return h.hexdigest()[:32]


def cache_file(settings: Settings, key: str | None = None) -> Path | None:
    """The file of the run's compiled rulebook (``key``: its :func:`rulebook_key`, when worked
    out already); None when the rulebook cache is off."""
    if not settings.rulebook_cache:
        return None
    return Path(settings.rulebook_cache) / f"{key or rulebook_key(settings)}{SUFFIX}"


def read(path: Path) -> bytes | None:
    """A kept rulebook's bytes (None when there is none or it cannot be read); a file read is
    marked used, so the pruning keeps it."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return data


def store(path: Path, obj: Any) -> bytes | None:
    """Write ``obj`` (a compiled rule set) to ``path``, atomically, and prune the folder; the
    bytes, or None when it could not be kept (a read-only home, ...)."""
    try:
        data = dumps(obj)
        atomic_write(path, data)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    _prune(path.parent, keep=path)
    return data


def dumps(obj: Any) -> bytes:
    """``obj`` pickled with its regular expressions as compiled code (:func:`warm` it first
    for its derived data to be in the bytes)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def _prune(folder: Path, keep: Path) -> None:
    try:
        files = [p for p in folder.iterdir() if p.suffix == SUFFIX and p != keep]
        files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    cutoff = time.time() - KEEP_DAYS * 86400
    for i, p in enumerate(files):
        with contextlib.suppress(OSError):
            if i >= KEEP - 1 or p.stat().st_mtime < cutoff:
                p.unlink()


# --- working out what is derived --------------------------------------------------------------


def warm(obj: Any) -> None:
    """Compute every ``cached_property`` of the rule set's dataclasses (options, patterns, token
    tests, matchers), recursively, so that the pickle holds their values."""
    seen: set[int] = set()
    todo = [obj]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, str | bytes | int | float | re.Pattern):
            continue
        seen.add(id(item))
        if isinstance(item, list | tuple | set | frozenset):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for klass in type(item).__mro__:
                for name, attr in vars(klass).items():
                    if isinstance(attr, cached_property):
                        getattr(item, name)
            todo.extend(getattr(item, f.name) for f in dataclasses.fields(item))
            todo.extend(getattr(item, "__dict__", {}).values())
        elif hasattr(item, "__dict__") and type(item).__module__.startswith("plainpost."):
            todo.extend(vars(item).values())  # a matcher's tables


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, re.Pattern):
            args = _compiled_args(obj)
            if args is not None:
                return _sre.compile, args
        return NotImplemented


def _compiled_args(pattern: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """The arguments ``re`` passed to ``_sre.compile`` for ``pattern``, or None when they
    cannot be had or do not give back an equal pattern."""
    if _sre is None:  # pragma: no cover
        return None
    try:
        parsed = _re_parser.parse(pattern.pattern, pattern.flags)
        code = [int(op) for op in _re_compiler._code(parsed, pattern.flags)]
        names = dict(parsed.state.groupdict)
        index: list[str | None] = [None] * parsed.state.groups
        for name, i in names.items():
            index[i] = name
        args = (
            pattern.pattern,
            pattern.flags | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            names,
            tuple(index),
        )
        if _sre.compile(*args) != pattern:
            return None
    except Exception:  # pragma: no cover - an internal of `re` that moved
        return None
    return args
