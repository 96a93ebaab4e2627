"""Fixtures for the health rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpost.document import Source


@pytest.fixture(scope="session")
def lint_file(default_linter):
    def run(path: Path):
        text = path.read_text(encoding="utf-8")
        return default_linter.lint_source(Source.from_text(text, path.name))

    return run
