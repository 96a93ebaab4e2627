"""Local images a post uses, copied next to its page so relative paths keep working.

Only image files inside the post's own folder are copied (no ``..`` escapes, no absolute
paths), and only raster formats: an SVG opened on its own can run script.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


@dataclass(frozen=True)
class Asset:
    source: Path
    target: PurePosixPath  # relative to the page's folder


def local_assets(post: Path, srcs: list[str]) -> tuple[list[Asset], list[str]]:
    """The images to copy, and a one-line problem for each local image that cannot be."""
    found: dict[PurePosixPath, Asset] = {}
    problems: list[str] = []
    base = post.parent.resolve()
    for src in srcs:
        parts = urlsplit(src.strip())
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # remote or site-absolute: not ours to copy
        rel = PurePosixPath(unquote(parts.path))
        if rel.suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(f"image {src!r} is not a PNG, JPEG, GIF, WebP or AVIF file")
            continue
        source = (base / rel).resolve()
        if ".." in rel.parts or not source.is_relative_to(base):
            problems.append(f"image {src!r} is outside the post's folder")
            continue
        if not source.is_file():
            problems.append(f"image {src!r} not found")
            continue
        found.setdefault(rel, Asset(source=source, target=rel))
    return list(found.values()), problems
