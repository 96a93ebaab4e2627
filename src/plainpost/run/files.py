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


def _glob_any(rel: str, globs: Iterable[str]) -> bool:
    """fnmatch, where a leading `**/` also matches at the top level."""
    return any(
        fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
        for g in globs
    )


def display_path(path: Path) -> str:
    """Paths relative to the current directory where possible, with forward slashes."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()
