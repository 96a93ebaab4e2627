"""Batch tasks that end their worker process on one post, as a crash in a native engine or the
kernel's OOM killer would, for the worker-death tests. Module-level, so they can be sent to a
worker; every other post is linted as `plainpost lint` lints it."""

from __future__ import annotations

import os
import signal

from plainpost.lint.linter import Linter
from plainpost.run.batch import Outcome, lint_path

DOOMED = "doomed.md"


def killed_on_doomed(linter: Linter, path: str, shown: str) -> Outcome:
    """SIGKILL to itself on the doomed post (what the OOM killer or `kill -9` does)."""
    if shown.endswith(DOOMED):
        os.kill(os.getpid(), signal.SIGKILL)
    return lint_path(linter, path, shown)


def harper_on_a_long_token(linter: Linter, path: str, shown: str) -> Outcome:
    """On the doomed post, Harper itself is handed a 32 KB token (which plainpost's own token
    bound never lets through): its spell checker asks for memory that grows with the square of
    the word's length, and under the worker's memory bound the Rust allocator aborts."""
    if shown.endswith(DOOMED):
        import harper

        dialect = next(d for d in dir(harper.Dialect) if not d.startswith("_"))
        engine = harper.Linter(getattr(harper.Dialect, dialect))
        engine.organized_lints("x" * 32768, language=harper.Language.PLAINTEXT)
    return lint_path(linter, path, shown)
