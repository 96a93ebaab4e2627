from __future__ import annotations

import pytest

from plainpost.config import Config
from plainpost.document import Source

LANGUAGE_RULES = ("spelling", "grammar")


@pytest.fixture(scope="session")
def language_linter(repo):
    """The default linter, spelling and grammar rules only (Harper on, LanguageTool off)."""
    from plainpost.runner import make_linter

    return make_linter(Config(root=repo), select=LANGUAGE_RULES)


@pytest.fixture(scope="session")
def check(language_linter):
    def run(text: str, path: str = "post.md"):
        return language_linter.lint_source(Source.from_text(text, path))

    return run


def spans(findings, text):
    return [text[f.start : f.end] for f in findings]
