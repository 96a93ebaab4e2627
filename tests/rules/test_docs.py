"""The rule reference in docs/ is generated from the rule files, so it cannot drift."""

from __future__ import annotations

from click.testing import CliRunner

from plainpost.cli import main


def test_docs_rules_md_matches_rule_files(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    current = (repo / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == result.output, (
        "docs/rules.md is out of date: run `plainpost rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_documented_with_a_source(repo, monkeypatch):
    monkeypatch.chdir(repo)
    from plainpost.config import load_config
    from plainpost.run.rules import all_rules

    for rule in all_rules(load_config()):
        assert rule.doc.why.strip(), rule.path
        assert rule.doc.source.strip(), f"{rule.path}: doc.source is empty"
