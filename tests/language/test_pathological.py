"""Pattern rules stay linear on pathological sentences (a hang detector, not a speed test:
the alarm is far above any normal run)."""

from __future__ import annotations

import signal

import pytest

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source

EVIL = ["a " * 8000, "an " * 8000, "the the " * 4000, "its " * 8000, "you " * 8000]


@pytest.fixture(scope="module")
def grammar_linter():
    return build_linter(Config(), select=["grammar"])


@pytest.mark.parametrize("text", EVIL, ids=lambda t: t[:8].strip() + "-x-many")
def test_one_endless_sentence_does_not_hang(grammar_linter, text):
    def _timeout(signum, frame):  # pragma: no cover - only on a hang
        raise TimeoutError("a grammar rule took over 60 s on one long sentence")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    try:
        findings = grammar_linter.lint_source(Source.from_text(text, "long.md"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert all(f.path == "long.md" for f in findings)
