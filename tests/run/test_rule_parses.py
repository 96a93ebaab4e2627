"""A run reads each rule file once per process, whatever it outputs: `lint --format sarif`
(which also needs the rules' docs), `report` (which also needs the readability thresholds), and a
parallel lint, whose worker processes are handed the rule set as data and read no rule file."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

import plainpost.rulebook.loader as loader
from plainpost.config import load_config
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.batch import PARALLEL_MIN_FILES, RunSpec
from plainpost.run.rules import build_ruleset
from plainpost.settings import resolve

SHIPPED = {str(p) for p in loader.rule_files(shipped_rules_dir())}


@pytest.fixture
def posts(tmp_path: Path, corpus_module, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAINPOST_HARPER", "off")  # quicker; the rules are the same
    corpus_module.generate_corpus(tmp_path / "content", n=PARALLEL_MIN_FILES + 4, seed=3)
    return tmp_path


def _once_each(parses: Counter[str]) -> None:
    assert set(parses) == SHIPPED, "every shipped rule file is read"
    assert set(parses.values()) == {1}, {p: n for p, n in parses.items() if n != 1}


def test_lint_as_sarif_reads_each_rule_file_once(posts, parses, run_cli):
    result = run_cli(["lint", "content", "--format", "sarif", "--no-cache", "-j", "1"], posts)
    assert result.exit_code in (0, 1), result.output
    assert '"rules"' in result.stdout
    _once_each(parses)


def test_report_reads_each_rule_file_once(posts, parses, run_cli):
    result = run_cli(["report", "content", "--no-cache", "-j", "1", "-o", "r.html"], posts)
    assert result.exit_code in (0, 2), result.output
    assert (posts / "r.html").is_file()
    _once_each(parses)


def test_parallel_lint_reads_each_rule_file_once_and_workers_none(
    posts, parses, run_cli, monkeypatch
):
    result = run_cli(["lint", "content", "--format", "sarif", "--no-cache", "-j", "2"], posts)
    assert result.exit_code in (0, 1), result.output
    _once_each(parses)  # the parent: once, for the rule set it hands to the workers

    # A worker builds its linter from the spec it is sent (done here in-process): no rule file.
    settings = resolve(load_config(start=posts), os.environ)
    spec = RunSpec(settings, build_ruleset(settings))
    before = sum(parses.values())
    linter = spec.build()
    assert linter.rules == spec.ruleset.chosen
    assert sum(parses.values()) == before
