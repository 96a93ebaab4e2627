"""A project as the server sees it: one config, found as the CLI finds it, and its warm linter.

This module is the server's only door into the lint layers (config discovery, building a linter,
linting a buffer, file selection, rule docs, fixes, vocabulary): the other server modules work
on what it returns. Every method that runs plainpost's checks is called on the server's one lint
thread (Harper's linters are not thread-safe), so a project needs no locks.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plainpost.api import (
    RULE_DOC_URL,
    Config,
    Document,
    Finding,
    InputError,
    Linter,
    Memo,
    Rule,
    SetupError,
    Source,
    atomic_write,
    buffer_source,
    build_linter_keeping_going,
    find_config,
    fix_with,
    load_config,
    rule_folders,
    selects,
    shipped_rules_dir,
)

CONFIG_NAMES = ("plainpost.toml", "pyproject.toml")
# linting a short post once builds Harper's linter for the config's dialect (posts default to
# it), so the first real post does not pay for that
_WARM_TEXT = "---\ntitle: Warm up\n---\n\n# Warm up\n\nA short note about knees and ice.\n"


@dataclass(frozen=True)
class Problem:
    """Why a project has no linter: one line, shown on the file it names."""

    message: str
    path: Path | None  # the config or rule file at fault; None: no file to show it on


@dataclass(frozen=True)
class Outcome:
    """One lint of one buffer: its findings, or why it could not be checked."""

    findings: tuple[Finding, ...] = ()
    problem: str = ""  # one line naming the post
    code: str = ""  # "unreadable-input" (binary, huge) or "check-failed" (a crash in a check)


def discover(folder: Path) -> Path | None:
    """The config file that governs posts in `folder`, as `plainpost lint` run there finds it.
    A pyproject.toml on the way up that cannot be read is returned too: loading it then fails
    with the error, which is shown on that file."""
    try:
        found = find_config(folder)
    except SetupError as exc:
        return _named_file(str(exc), folder)
    return found.resolve() if found else None


def _named_file(message: str, folder: Path) -> Path | None:
    """The file an error message starts with (plainpost's messages name it first)."""
    head = message.split(": ", 1)[0]
    if head and Path(head).is_file():
        return Path(head).resolve()
    for parent in [folder, *folder.parents]:
        for name in CONFIG_NAMES:
            candidate = parent / name
            if str(candidate) in message:
                return candidate
    return None


class Project:
    """A config (or none: the defaults, rooted at the workspace folder) and its warm linter."""

    def __init__(self, root: Path, config_path: Path | None) -> None:
        self.root = root.resolve()
        self.config_path = config_path.resolve() if config_path else None
        self.config: Config = Config(root=self.root)
        self.linter: Linter | None = None
        # what the checks worked out from each block's text, kept from one lint of the
        # project's posts to the next: an edit re-reads only the blocks it changed
        self.memo = Memo()
        self.rules: dict[str, Rule] = {}
        self.problem: Problem | None = None
        self.stamp: tuple[tuple[str, int, int], ...] = ()
        self.generation = 0  # loads so far
        self.check_stale = False  # set when a watched file changed: reload if it really did

    # -- loading ----------------------------------------------------------------------------
    def ensure_loaded(self) -> bool:
        """Load the project if it never was, or if a watched file has changed; True if it did."""
        load = self.generation == 0 or (self.check_stale and self.stale())
        self.check_stale = False
        if load:
            self.load()
        return load

    def load(self) -> None:
        """(Re)build the config and the linter; a broken config becomes :attr:`problem`."""
        self.generation += 1
        self.linter, self.rules, self.problem = None, {}, None
        self.memo = Memo()  # values of the old rules are of no use to the new
        try:
            if self.config_path is not None:
                self.config = load_config(self.config_path)
            linter, dropped = build_linter_keeping_going(self.config)
            linter.lint_source(Source.from_text(_WARM_TEXT, "<warm-up>"), self.memo)
        except (SetupError, InputError) as exc:
            message = str(exc)
            self.problem = Problem(message, _named_file(message, self.root) or self.config_path)
        except Exception as exc:  # a bug while loading: say so, keep serving the others
            message = f"cannot load plainpost's rules ({type(exc).__name__}: {exc})"
            self.problem = Problem(message, self.config_path)
        else:
            # a broken rule file of the content repo is shown on that file; the posts are
            # still checked by every other rule, as `plainpost lint` checks them
            self.linter = linter
            self.rules = {r.id: r for r in linter.rules}
            if dropped:
                self.problem = Problem(dropped[0], _named_file(dropped[0], self.root))
        self.stamp = self._stamp()

    def stale(self) -> bool:
        """True when a file the project was loaded from has changed since."""
        return self._stamp() != self.stamp

    def watched(self) -> list[Path]:
        """Files and folders whose change means a reload: the config, rule folders, vocabularies."""
        out: list[Path] = [self.config_path] if self.config_path else []
        out += rule_folders(self.config)
        out += [self.config.resolve(p) for p in [*self.config.accept, *self.config.reject]]
        return out

    def concerns(self, path: Path) -> bool:
        """Whether a changed file can change this project's findings."""
        path = path.resolve()
        if path.name in CONFIG_NAMES:
            return True
        return any(path == w or w in path.parents for w in self.watched())

    def _stamp(self) -> tuple[tuple[str, int, int], ...]:
        out = []
        for path in _files(self.watched()):
            try:
                st = path.stat()
            except OSError:
                out.append((str(path), -1, -1))
                continue
            out.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(out)

    # -- posts --------------------------------------------------------------------------------
    def selects(self, path: Path) -> bool:
        """Whether the config's file selection takes this post."""
        return selects(path, self.root, self.config)

    def shown(self, path: Path) -> str:
        """A post's path as the CLI would print it from the project's root."""
        try:
            return Path(os.path.relpath(path.resolve(), self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def lint_fresh(self, text: str, shown: str) -> Outcome:
        """Lint with the project loaded and up to date."""
        self.ensure_loaded()
        return self.lint(text, shown)

    def lint(self, text: str, shown: str) -> Outcome:
        if self.linter is None:
            return Outcome()
        if not text.strip():
            return Outcome()  # a new, empty post: nothing to say yet
        try:
            source = buffer_source(text, shown)
        except InputError as exc:  # binary, or too large to be a post
            return Outcome(problem=str(exc), code="unreadable-input")
        try:
            return Outcome(findings=tuple(self.linter.lint_source(source, self.memo)))
        except InputError as exc:  # a check crashed, or the post is nested too deeply
            return Outcome(problem=str(exc), code="check-failed")
        except SetupError as exc:  # an engine gone away mid-run (LanguageTool)
            return Outcome(problem=f"{shown}: {exc}", code="check-failed")

    def parse(self, text: str, shown: str) -> Document:
        linter = self.linter or Linter(rules=(), default_lang=self.config.lang)
        return linter.parse(Source.from_text(text, shown))

    def fix_all(self, text: str, shown: str) -> str:
        """The buffer with every safe fix applied, as `plainpost fix` would write it (LF)."""
        source = Source.from_text(text, shown)
        return fix_with(self.linter, source)[0] if self.linter else source.text

    # -- rules and vocabulary -----------------------------------------------------------------
    def doc_href(self, rule_id: str) -> str | None:
        """Where a rule's documentation lives: docs/rules.md (SARIF's helpUri) for the shipped
        rules, the rule file itself for a house rule."""
        rule = self.rules.get(rule_id)
        if rule is None:
            return None
        path = Path(rule.path)
        if path.is_absolute() and shipped_rules_dir().resolve() not in path.resolve().parents:
            return path.resolve().as_uri()
        return RULE_DOC_URL.format(id=rule_id)

    def kind(self, rule_id: str) -> str:
        rule = self.rules.get(rule_id)
        return rule.kind if rule else ""

    def accept_file(self) -> Path | None:
        """The vocabulary file that "add to the vocabulary" writes: the config's first accept
        list (None when the config names none)."""
        return self.config.resolve(self.config.accept[0]) if self.config.accept else None

    def accept_word(self, word: str) -> Path:
        """Add a word to the accept list (atomic write, one word a line); returns the file."""
        target = self.accept_file()
        if target is None:
            raise ValueError("the config names no accept file (accept = [...])")
        try:
            text = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        lines = [ln.strip() for ln in text.splitlines()]
        if word not in lines:
            if text and not text.endswith("\n"):
                text += "\n"
            atomic_write(target, f"{text}{word}\n")
        return target

    def accept_and_reload(self, word: str) -> Path:
        path = self.accept_word(word)
        self.load()
        return path


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path
