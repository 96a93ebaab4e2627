"""Which posts a run reads: files and folders given -> posts (config include/exclude), and how
their paths are shown (relative to the working folder, forward slashes)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from plainpost.config import Config


def collect_files(paths: Iterable[Path], config: Config) -> tuple[list[Path], list[str]]:
    """Posts under the given paths (files are taken as given), and errors for missing paths."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            try:
                found = [
                    p for p in sorted(path.rglob("*")) if p.is_file() and _wanted(p, path, config)
                ]
            except OSError as exc:  # a folder we may not list
                errors.append(f"{display_path(path)}: cannot list ({exc.strerror or exc})")
                continue
            if not found:
                errors.append(f"{display_path(path)}: no Markdown posts found in this folder")
            files.extend(found)
        else:
            errors.append(f"{display_path(path)}: no such file or folder")
    unique = list(dict.fromkeys(files))
    return unique, errors


def _wanted(path: Path, base: Path, config: Config) -> bool:
    rel = path.relative_to(base).as_posix()
    if any(part.startswith(".") for part in path.relative_to(base).parts):
        return False
    return _glob_any(rel, config.include) and not _glob_any(rel, config.exclude)


def selects(path: Path, root: Path, config: Config) -> bool:
    """Whether the config's file selection takes one post under `root` (an editor's question:
    no folder was given). `collect_files` matches `include` and `exclude` relative to the folder
    it is given; here any folder from `root` down to the post may be that folder, so an exclude
    of `drafts/**` also leaves out content/drafts/x.md, as `plainpost lint content` would."""
    path = path.resolve()
    try:
        parts = path.relative_to(root.resolve()).parts
    except ValueError:  # outside the root: judged by its name
        parts = (path.name,)
    if any(part.startswith(".") for part in parts[:-1]):
        return False
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    return any(_glob_any(t, config.include) for t in tails) and not any(
        _glob_any(t, config.exclude) for t in tails
    )


def _glob_any(rel: str, globs: Iterable[str]) -> bool:
    """fnmatch, where a leading `**/` also matches at the top level."""
    return any(
        fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
        for g in globs
    )


def display_path(path: Path) -> str:
    """Paths relative to the current directory where possible, with forward slashes. A symlink
    is shown by its own name, not its target's."""
    try:
        return Path(os.path.relpath(os.path.abspath(path), os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()
