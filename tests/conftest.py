"""Fixtures shared by every test folder. Helpers that are not fixtures live in tests/helpers/
(``from tests.helpers.rules import ...``): tests is a package, so nothing edits sys.path."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source
from tests.helpers.bench import bench_module
from tests.helpers.git import run_git

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "tests" / "schemas"
LANGUAGE_RULES = ("spelling", "grammar")
os.environ.setdefault("NO_COLOR", "1")
# Tests build their linters from the rule files: the compiled rulebook in the user's cache folder
# is neither read nor written (tests/run/test_compiled.py turns it on in a folder of its own).
# Within one test process a rule file, a rule set and a Harper linter are built once for the same
# inputs, as in any process (run/rules.py); tests that count what a run reads forget them first.
os.environ.setdefault("PLAINPOST_RULEBOOK_CACHE", "off")
# Commands run in one process unless a test asks for workers (`--jobs 2`): pytest-xdist already
# keeps every core busy, and each worker process would build its own linter (seconds apiece)
os.environ.setdefault("PLAINPOST_JOBS", "1")
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
    return build_linter(Config(root=REPO))


@pytest.fixture(scope="session")
def lint_text(default_linter):
    def run(text: str, path: str = "post.md"):
        return default_linter.lint_source(Source.from_text(text, path))

    return run


# --- a linter with one test rule that flags the word "zebra" (positions, suppressions) -------

FLAG_RULE = """\
id: test-flag
category: plain-language
severity: warning
kind: existence
message: "Flagged “{match}”."
doc:
  why: A test rule.
options:
  terms: [zebra]
examples:
  fire: ["zebra"]
  pass: ["horse"]
"""


@pytest.fixture(scope="session")
def flag_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rules") / "test"
    folder.mkdir()
    (folder / "test-flag.yml").write_text(FLAG_RULE, encoding="utf-8")
    return folder.parent


@pytest.fixture(scope="session")
def flag_positions(flag_rules: Path):
    """text -> [(line, column, end_line, end_column)] of the zebra findings."""
    linter = build_linter(Config(root=flag_rules, rule_folders=[str(flag_rules)]), ["test-flag"])

    def run(text: str) -> list[tuple[int, int, int, int]]:
        findings = linter.lint_source(Source.from_text(text, "post.md"))
        return [
            (f.line, f.column, f.end_line, f.end_column) for f in findings if f.rule == "test-flag"
        ]

    return run


# --- the health rules over whole posts ------------------------------------------------------


@pytest.fixture(scope="session")
def lint_file(default_linter):
    def run(path: Path):
        text = path.read_text(encoding="utf-8")
        return default_linter.lint_source(Source.from_text(text, path.name))

    return run


# --- spelling and grammar only --------------------------------------------------------------


@pytest.fixture(scope="session")
def language_linter(repo):
    """The default linter, spelling and grammar rules only (Harper on, LanguageTool off)."""
    return build_linter(Config(root=repo), select=LANGUAGE_RULES)


@pytest.fixture(scope="session")
def check(language_linter):
    def run(text: str, path: str = "post.md"):
        return language_linter.lint_source(Source.from_text(text, path))

    return run


# --- the command line, CI schemas, git repositories -----------------------------------------


@pytest.fixture(scope="session")
def corpus_module() -> ModuleType:
    return bench_module("corpus.py")


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
