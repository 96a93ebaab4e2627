"""Fixtures for the CI tests: a generated corpus, a scratch git repository, the CLI in-process."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "tests" / "schemas"


def _load_corpus_module() -> ModuleType:
    path = REPO / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("plainpost_bench_corpus", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus_module() -> ModuleType:
    return _load_corpus_module()


@pytest.fixture(scope="session")
def schema() -> Callable[[str], Any]:
    """name -> a validator for a vendored schema (tests/schemas/NAME)."""
    import jsonschema

    def load(name: str) -> Any:
        data = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        cls = jsonschema.validators.validator_for(data)
        cls.check_schema(data)
        return cls(data, format_checker=cls.FORMAT_CHECKER)

    return load


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `plainpost ARGS` in-process in a folder, with a clean CI environment."""
    from plainpost.cli import main

    for key in list(os.environ):  # a developer's CI or LanguageTool settings must not leak in
        if key.startswith(("GITHUB_", "PLAINPOST_LANGUAGETOOL")):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")

    def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> Result:
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, args, env=env or {}, catch_exceptions=False)

    return run


def run_git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}: {proc.stderr.strip()}")
    return proc.stdout


@pytest.fixture(name="git")
def git_fixture() -> Callable[..., str]:
    """git(cwd, *args) -> stdout, with a fixed identity and no user or system config."""
    return run_git


@pytest.fixture
def git_repo(tmp_path: Path) -> Callable[..., Path]:
    """A fresh repository on branch main; returns a helper that commits files."""
    root = tmp_path / "site"
    root.mkdir()
    run_git(root, "init", "-q", "-b", "main")

    def commit(files: dict[str, str], message: str = "posts") -> Path:
        for rel, text in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        run_git(root, "add", "-A")
        run_git(root, "commit", "-q", "-m", message)
        return root

    commit.root = root  # type: ignore[attr-defined]
    return commit
