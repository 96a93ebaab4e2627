"""Which files are posts: the one place that decides, for the CLI and the language server.

Patterns are gitignore's (pathspec): ``*`` stays inside one folder, ``**`` crosses folders, a
pattern without a slash matches at any depth, one with a slash is anchored to the folder of the
config file that holds it. ``include`` and ``exclude`` are matched against the path from that
config file's folder, never from the argument, so ``plainpost lint posts/`` and ``plainpost lint
.`` pick the same posts. Files named on the command line (as pre-commit and editors name them)
are filtered the same way unless ``force_exclude`` is off (``--no-force-exclude``), and
``.gitignore`` files inside a git work tree are respected (``respect_gitignore``). Paths are
shown relative to the working folder, with forward slashes.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pathspec

from plainpost.config import Config, ConfigError, ConfigSet, Scope


@lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec[Any]:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, folder: Path) -> str | None:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return None


def _scope_excludes(scope: Scope, path: Path, is_dir: bool) -> bool:
    rel = _relative(path, scope.folder)
    if rel is None or not scope.exclude:
        return False
    return _spec(scope.exclude).match_file(rel + "/" if is_dir else rel)


def _included(scopes: tuple[Scope, ...], path: Path) -> bool:
    nearest = scopes[-1]
    rel = _relative(path, nearest.folder)
    if rel is None:
        rel = path.name
    return _spec(nearest.include).match_file(rel)


class _GitIgnore:
    """``.gitignore`` files inside git work trees, read once per folder."""

    def __init__(self) -> None:
        self._tops: dict[Path, Path | None] = {}
        self._specs: dict[Path, pathspec.PathSpec[Any] | None] = {}

    def top(self, folder: Path) -> Path | None:
        if folder not in self._tops:
            if (folder / ".git").exists():
                self._tops[folder] = folder
            elif folder.parent == folder:
                self._tops[folder] = None
            else:
                self._tops[folder] = self.top(folder.parent)
        return self._tops[folder]

    def spec(self, folder: Path) -> pathspec.PathSpec[Any] | None:
        if folder not in self._specs:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
                self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines.splitlines())
            except OSError:
                self._specs[folder] = None
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        top = self.top(path.parent)
        if top is None:
            return False
        if ".git" in path.relative_to(top).parts:
            return True
        verdict = False
        folders = [top, *(top / step for step in _steps(path.parent.relative_to(top)))]
        for folder in folders:
            spec = self.spec(folder)
            if spec is None:
                continue
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = result.include
        return verdict


def _steps(rel: Path) -> list[Path]:
    """a/b/c -> [a, a/b, a/b/c]"""
    parts = rel.parts
    return [Path(*parts[: i + 1]) for i in range(len(parts))]


@dataclass
class Selection:
    """The posts of a run, the config of each, and one line per path that could not be used."""

    files: list[Path] = field(default_factory=list)
    configs: list[Config] = field(default_factory=list)  # parallel to files
    errors: list[str] = field(default_factory=list)
    skipped: int = 0  # files named on the command line that the config or .gitignore exclude

    def groups(self) -> list[tuple[Config, list[Path]]]:
        """Files grouped by equal settings (one linter each), in first-seen order."""
        out: list[tuple[Config, list[Path]]] = []
        for config, path in zip(self.configs, self.files, strict=True):
            for seen, members in out:
                if seen == config:
                    members.append(path)
                    break
            else:
                out.append((config, [path]))
        return out


class Selector:
    """Decides, for one run, whether a file is a post (see the module's doc)."""

    def __init__(self, configs: ConfigSet, force_exclude: bool | None = None) -> None:
        self.configs = configs
        base = configs.base
        self.force_exclude = base.force_exclude if force_exclude is None else force_exclude
        self.gitignore = _GitIgnore()
        self.broken: dict[str, str] = {}  # config file -> its error, reported once

    def config_of(self, path: Path) -> Config:
        """The config of a post (the folder's); raises ConfigError for an unreadable one."""
        return self.configs.for_folder(path.parent)

    def excluded(self, path: Path, config: Config, is_dir: bool = False) -> bool:
        path = path.resolve() if not path.is_absolute() else path
        scopes = config.selection()
        if any(_scope_excludes(s, path, is_dir) for s in scopes):
            return True
        if not is_dir and not _included(scopes, path):
            return True
        return config.respect_gitignore and self.gitignore.ignored(path, is_dir)

    def wanted(self, path: Path) -> bool:
        """Whether a file is a post by the config and .gitignore (what a hook asks)."""
        try:
            config = self.config_of(path)
        except ConfigError:
            return True  # reported when the post is linted
        absolute = Path(os.path.abspath(path))
        rel = _relative(absolute.parent, config.selection()[-1].folder)
        if rel and any(part.startswith(".") for part in rel.split("/")):
            return False  # a hidden folder, which a folder's walk skips too
        return not self.excluded(absolute, config)

    def collect(self, paths: Iterable[Path]) -> Selection:
        out = Selection()
        found: dict[Path, Config | None] = {}
        for given in paths:
            path = Path(given)
            if path.is_file():
                absolute = Path(os.path.abspath(path))
                config = self._config_or_error(absolute, out)
                if config is not None and self.force_exclude and self.excluded(absolute, config):
                    out.skipped += 1
                    continue
                found.setdefault(path, config)
            elif path.is_dir():
                before = len(found)
                self._walk(path, found, out)
                if len(found) == before:
                    out.errors.append(
                        f"{display_path(path)}: no Markdown posts found in this folder"
                    )
            else:
                problem = _not_a_post_file(path) or "no such file or folder"
                out.errors.append(f"{display_path(path)}: {problem}")
        for path, config in found.items():
            if config is None:
                continue  # its config could not be read: one error line already says so
            out.files.append(path)
            out.configs.append(config)
        return out

    def _config_or_error(self, path: Path, out: Selection) -> Config | None:
        try:
            return self.config_of(path)
        except ConfigError as exc:
            message = str(exc)
            if message not in self.broken.values():
                self.broken[str(path.parent)] = message
                out.errors.append(message)
            return None

    def _walk(self, top: Path, found: dict[Path, Config | None], out: Selection) -> None:
        def failed(exc: OSError) -> None:
            shown = display_path(Path(exc.filename)) if exc.filename else display_path(top)
            out.errors.append(f"{shown}: cannot list ({exc.strerror or exc})")

        for folder, dirs, names in os.walk(top, onerror=failed):
            here = Path(folder)
            absolute = Path(os.path.abspath(here))
            config = self._config_or_error(absolute / "_", out)
            if config is None:
                dirs[:] = []
                continue
            keep = []
            for d in sorted(dirs):
                if d.startswith(".") or self.excluded(absolute / d, config, is_dir=True):
                    continue
                keep.append(d)
            dirs[:] = keep
            for name in sorted(names):
                if name.startswith("."):
                    continue
                path = here / name
                problem = _not_a_post_file(path)
                if self.excluded(absolute / name, config):
                    continue
                if problem is None:
                    found.setdefault(path, config)
                elif problem:  # a post's name on something that cannot be read: say so
                    out.errors.append(f"{display_path(path)}: {problem}")


def _not_a_post_file(path: Path) -> str | None:
    """None for a regular file (or a link to one); "" for a folder; else why it is no post: a
    pipe, socket or device (reading would hang or never end), a symlink loop, a dangling link,
    no permission."""
    try:
        st = path.stat()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if exc.errno == errno.ENOENT and not path.is_symlink():
            return "no such file or folder"
        if exc.errno == errno.ENOENT:
            reason = "a symbolic link to nothing"
        elif exc.errno == errno.ELOOP:
            reason = "a symbolic link loop"
        return f"cannot read ({reason}); skipped"
    if stat.S_ISREG(st.st_mode):
        return None
    if stat.S_ISDIR(st.st_mode):
        return ""
    return "not a regular file (a pipe, socket or device); skipped"


def select_posts(
    paths: Iterable[Path],
    configs: ConfigSet | None = None,
    force_exclude: bool | None = None,
) -> Selection:
    """The posts under ``paths`` (files or folders), with their configs: the CLI's and the
    language server's one way to choose files. No paths: the config's ``paths``."""
    configs = configs or ConfigSet()
    given = list(paths) or default_paths(configs.base)
    return Selector(configs, force_exclude).collect(given)


def default_paths(config: Config) -> list[Path]:
    """What a bare ``plainpost lint`` checks: the config's ``paths``, from its folder."""
    return [Path(display_path(config.resolve(p))) for p in config.paths]


def collect_files(paths: Iterable[Path], config: Config) -> tuple[list[Path], list[str]]:
    """Posts under the given paths for one config (no nested configs), and errors for paths
    that could not be used. Files named are filtered by the config as folders' files are."""
    selection = Selector(ConfigSet(base=config)).collect(paths)
    return selection.files, selection.errors


def selects(path: Path, root: Path, config: Config) -> bool:
    """Whether the config's file selection takes one post (an editor's question: the file is
    open, no folder was named): the same include, exclude and .gitignore as ``plainpost lint``.
    ``root`` (the workspace) is kept for callers; patterns are from the config file's folder."""
    del root
    return Selector(ConfigSet(base=config)).wanted(path)


def display_path(path: Path) -> str:
    """Paths relative to the current directory where possible, with forward slashes. A symlink
    is shown by its own name, not its target's."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()
