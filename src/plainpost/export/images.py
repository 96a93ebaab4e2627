"""Image width and height on the page, read from the image files (imagesize reads the header
only), so the browser reserves the space and the text does not jump as images load."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import imagesize

from plainpost.export.assets import Asset

_IMG_RE = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
_SRC_RE = re.compile(r'\ssrc="([^"]*)"')


def image_sizes(assets: list[Asset]) -> dict[str, tuple[int, int]]:
    """Width and height of each local image, keyed by its path as written in the post."""
    out: dict[str, tuple[int, int]] = {}
    for asset in assets:
        try:
            width, height = imagesize.get(str(asset.source))
        except (OSError, ValueError):
            continue
        if width > 0 and height > 0:
            out[asset.target.as_posix()] = (int(width), int(height))
    return out


def add_image_sizes(fragment: str, sizes: dict[str, tuple[int, int]]) -> str:
    """``width`` and ``height`` on each ``<img>`` of sanitised HTML whose file was measured."""
    if not sizes:
        return fragment

    def size(m: re.Match[str]) -> str:
        attrs = m.group(1)
        src = _SRC_RE.search(attrs)
        if src is None or " width=" in attrs or " height=" in attrs:
            return m.group(0)
        key = html.unescape(src.group(1)).removeprefix("./")
        found = sizes.get(unquote(key))
        if found is None:
            return m.group(0)
        return f'<img{attrs} width="{found[0]}" height="{found[1]}">'

    return _IMG_RE.sub(size, fragment)
