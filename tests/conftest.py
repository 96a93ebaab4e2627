from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_COLOR", "1")

# In CI property tests replay a fixed sequence of examples, so a pull request never fails on a
# counterexample that its own change did not cause; locally they explore afresh on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") or os.environ.get("PLAINPOST_REQUIRE_BROWSER"):
    settings.load_profile("ci")


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
