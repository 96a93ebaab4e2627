from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_COLOR", "1")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def default_linter():
    from plainpost.config import Config
    from plainpost.runner import make_linter

    return make_linter(Config(root=REPO))


@pytest.fixture(scope="session")
def lint_text(default_linter):
    from plainpost.document import Source

    def run(text: str, path: str = "post.md"):
        return default_linter.lint_source(Source.from_text(text, path))

    return run
