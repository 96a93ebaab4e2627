"""Fixtures for the core tests: a linter with one test rule that flags the word "zebra"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from plainpost.config import Config
from plainpost.document import Source
from plainpost.runner import make_linter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # mdgen

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
    linter = make_linter(Config(root=flag_rules, rule_folders=[str(flag_rules)]), ["test-flag"])

    def run(text: str) -> list[tuple[int, int, int, int]]:
        findings = linter.lint_source(Source.from_text(text, "post.md"))
        return [
            (f.line, f.column, f.end_line, f.end_column) for f in findings if f.rule == "test-flag"
        ]

    return run
