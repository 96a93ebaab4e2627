"""The console script and ``python -m plainpost``: ``plainpost --version`` is answered before
the command line (click and its imports) is loaded, in the time Python takes to start."""

from __future__ import annotations

import sys

from plainpost import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"plainpost, version {__version__}\n")  # click's own wording
        return
    from plainpost.cli import main as command_line

    command_line()
