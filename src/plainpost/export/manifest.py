"""The build's record of what it wrote: ``.plainpost-build.json`` in the output folder.

With it a build removes the pages of posts that were deleted or renamed since the last build,
and never anything it did not write: only paths listed in the previous manifest are candidates,
and only regular files inside the output folder are removed. An output folder that is not
empty and holds no manifest was not made by plainpost, so the build refuses it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from plainpost.errors import SetupError
from plainpost.fsutil import atomic_write

MANIFEST = ".plainpost-build.json"
VERSION = 1


class ManifestError(SetupError):
    """The output folder cannot be used: not ours, or its manifest is broken."""


@dataclass(frozen=True)
class Manifest:
    files: frozenset[str] = frozenset()  # POSIX paths relative to the output folder

    def to_json(self) -> str:
        data = {"version": VERSION, "generator": "plainpost", "files": sorted(self.files)}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _safe_relative(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or path.name == MANIFEST:
        return None
    return str(path)


def read_manifest(out: Path, shown: str) -> Manifest:
    """The previous build's manifest; an empty one for a new or empty folder.

    Raises :class:`ManifestError` for a non-empty folder without a manifest, or a manifest
    that cannot be read."""
    path = out / MANIFEST
    if not out.exists():
        return Manifest()
    if not path.is_file():
        if any(out.iterdir()):
            raise ManifestError(
                f"{shown}: the output folder is not empty and was not made by plainpost build "
                f"(no {MANIFEST}); choose an empty or new folder"
            )
        return Manifest()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{shown}/{MANIFEST}: cannot read the build manifest: {exc}") from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ManifestError(f"{shown}/{MANIFEST}: not a plainpost build manifest")
    return Manifest(frozenset(f for f in map(_safe_relative, files) if f is not None))


def remove_stale(out: Path, old: Manifest, keep: Iterable[str]) -> list[Path]:
    """Remove the files of the old manifest that this build did not write (``keep``), then any
    folder they leave empty. Returns what was removed."""
    base = out.resolve()
    removed: list[Path] = []
    folders: set[Path] = set()
    for rel in sorted(old.files - set(keep)):
        path = out / rel
        try:
            resolved = path.resolve()
        except OSError:
            continue
        if not resolved.is_relative_to(base) or path.is_symlink() or not path.is_file():
            continue  # never follow a link out of the folder, never touch what is not a file
        path.unlink()
        removed.append(path)
        folders.update(p for p in path.parents if p.resolve().is_relative_to(base) and p != out)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: anything someone else put there stays
    return removed


def write_manifest(out: Path, files: Iterable[str]) -> None:
    data = Manifest(frozenset(files)).to_json().encode("utf-8")
    path = out / MANIFEST
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    atomic_write(path, data)
