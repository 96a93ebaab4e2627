"""Fixtures shared by the run layer's tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import plainpost.rulebook.loader as loader
from plainpost.run.rules import forget_rule_sets


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Rule file path -> how many times this process parsed it (the real loader runs). The rule
    sets the process keeps are forgotten first, so a run reads what it would read on its own."""
    forget_rule_sets()
    counts: Counter[str] = Counter()
    real = loader.load_yaml

    def counting(path: Path) -> object:
        counts[str(path)] += 1
        return real(path)

    monkeypatch.setattr(loader, "load_yaml", counting)
    return counts
