"""Fixtures for the language server's end-to-end tests (helpers: tests/helpers/lsp.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_lsp import LanguageClient

from tests.helpers.lsp import Editor, make_workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("blog"))


@pytest.fixture(scope="module")
def editor(client: LanguageClient, workspace: Path) -> Editor:
    return Editor(client, workspace)
