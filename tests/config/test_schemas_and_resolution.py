"""The JSON Schemas (generated from the code's own option types, checked in and current), the
[tool.plainpost] header in plainpost.toml, `plainpost config`, "did you mean", and an unreadable
nested config."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from plainpost.cli import main
from plainpost.rulebook.loader import rule_files
from plainpost.run.schemas import SCHEMAS, dumps

REPO = Path(__file__).resolve().parents[2]
POST = "---\ntitle: T\ntype: page\n---\n\nSkip to content\n"


def invoke(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / SCHEMAS[name][0]).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_checked_in_schemas_are_current(name):
    path = REPO / "schemas" / SCHEMAS[name][0]
    assert path.read_text(encoding="utf-8") == dumps(name), (
        f"regenerate: plainpost schema {name} > schemas/{SCHEMAS[name][0]}"
    )


def test_every_shipped_rule_file_matches_the_rule_schema():
    check = validator("rule")
    files = rule_files(REPO / "rules")  # the loader's own choice (vocab/ holds word data)
    assert len(files) > 40
    for path in files:
        errors = [e.message for e in check.iter_errors(yaml.safe_load(path.read_text()))]
        assert not errors, f"{path}: {errors[:3]}"


def test_the_rule_schema_rejects_what_the_loader_rejects():
    check = validator("rule")
    rule = yaml.safe_load((REPO / "rules/boilerplate/page-chrome.yml").read_text())
    assert not list(check.iter_errors(rule))
    assert list(check.iter_errors({**rule, "severty": "error"}))
    assert list(check.iter_errors({**rule, "options": {**rule["options"], "no_such": 1}}))


def test_the_config_schema_accepts_the_hyphenated_keys_the_loader_accepts(tmp_path, monkeypatch):
    check = validator("config")
    hyphenated = {"default-exclude": ["README.md"]}
    (tmp_path / "plainpost.toml").write_text('default-exclude = ["README.md"]\n')
    result = invoke(tmp_path, monkeypatch, "config")
    assert result.exit_code == 0, result.output
    assert not list(check.iter_errors(hyphenated))
    assert list(check.iter_errors({"default-exclud": ["README.md"]}))


def _config_section() -> str:
    """The README's Configuration section (other TOML there is an editor's, not ours)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Configuration")
    return readme[start : readme.index("\n## ", start + 5)]


def test_readme_config_examples_match_the_config_schema():
    check = validator("config")
    blocks = re.findall(r"```toml\n(.*?)```", _config_section(), re.S)
    assert blocks
    for block in blocks:
        data = tomllib.loads(block)
        errors = [e.message for e in check.iter_errors(data)]
        assert not errors, f"{block[:60]}: {errors[:3]}"
    assert list(check.iter_errors({"lnag": "en-GB"}))


def test_this_repositorys_own_config_matches_the_schema():
    data = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert not list(
        validator("config").iter_errors({"tool": {"plainpost": data["tool"]["plainpost"]}})
    )


def test_the_readme_pyproject_example_pastes_into_plainpost_toml(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(
        b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.plainpost]" in b
    )
    (tmp_path / "styles" / "clinic").mkdir(parents=True)
    (tmp_path / "plainpost.toml").write_text(block)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(POST)
    result = invoke(tmp_path, monkeypatch, "config")
    assert result.exit_code == 0, result.output
    assert "plainpost.toml [tool.plainpost]" in result.stdout
    assert 'fail_on = "error"  # plainpost.toml' in result.stdout


def test_keys_outside_the_header_are_an_error(tmp_path, monkeypatch):
    (tmp_path / "plainpost.toml").write_text(
        'lang = "en-GB"\n[tool.plainpost]\nfail_on = "never"\n'
    )
    result = invoke(tmp_path, monkeypatch, "config")
    assert result.exit_code == 2
    assert "'lang' is outside [tool.plainpost]" in result.stderr


def test_config_prints_each_setting_and_where_it_came_from(tmp_path, monkeypatch):
    (tmp_path / "plainpost.toml").write_text('paths = ["posts"]\nfail_on = "warning"\n')
    (tmp_path / "posts" / "clinic").mkdir(parents=True)
    (tmp_path / "posts" / "clinic" / "plainpost.toml").write_text('fail_on = "never"\n')
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    top = invoke(tmp_path, monkeypatch, "config").stdout
    assert 'fail_on = "warning"  # plainpost.toml' in top
    assert 'lang = "en-GB"  # default' in top
    assert "PLAINPOST_HARPER=off overrides harper.enabled" in top
    nested = invoke(tmp_path, monkeypatch, "config", "posts/clinic").stdout
    assert 'fail_on = "never"  # posts/clinic/plainpost.toml' in nested
    assert "# plainpost.toml" in nested and "paths = " in nested  # inherited from the root
    assert "files read, farthest first: plainpost.toml, posts/clinic/plainpost.toml" in nested


def test_did_you_mean_for_keys_and_rule_ids(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text(POST)
    (tmp_path / "plainpost.toml").write_text('lnag = "en-GB"\n')
    result = invoke(tmp_path, monkeypatch, "lint")
    assert result.exit_code == 2 and "did you mean 'lang'?" in result.stderr
    (tmp_path / "plainpost.toml").write_text('[rules.page-crome]\nseverity = "off"\n')
    result = invoke(tmp_path, monkeypatch, "lint")
    assert result.exit_code == 2 and "did you mean 'page-chrome'?" in result.stderr
    (tmp_path / "plainpost.toml").write_text("")
    result = invoke(tmp_path, monkeypatch, "lint", "--select", "page-crome")
    assert result.exit_code == 2 and "did you mean 'page-chrome'?" in result.stderr
    result = invoke(tmp_path, monkeypatch, "rules", "page-crome")
    assert result.exit_code == 2 and "did you mean 'page-chrome'?" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_nested_config_is_one_line_and_the_rest_is_linted(tmp_path, monkeypatch):
    _unreadable_nested(tmp_path, monkeypatch, lambda p: p.chmod(0))


def test_a_broken_nested_config_is_one_line_and_the_rest_is_linted(tmp_path, monkeypatch):
    _unreadable_nested(tmp_path, monkeypatch, lambda p: p.write_bytes(b"\xff\xfe not toml ["))


def _unreadable_nested(tmp_path: Path, monkeypatch, spoil) -> None:
    for rel in ("content/a.md", "content/clinic/b.md", "content/clinic/c.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(POST)
    nested = tmp_path / "content" / "clinic" / "plainpost.toml"
    nested.write_text("")
    spoil(nested)
    try:
        result = invoke(
            tmp_path, monkeypatch, "lint", "--format", "json", "--select", "page-chrome"
        )
    finally:
        nested.chmod(0o644)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "clinic/plainpost.toml" in line]
    assert len(lines) == 1, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["content/a.md"]
