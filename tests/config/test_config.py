"""Config discovery (plainpost.toml or [tool.plainpost], upward from the current directory,
or --config) and validation: every mistake is exit 2 with one line naming the file and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main

POST = "---\ntitle: T\ntype: page\n---\n\nSkip to content\n\nA zebra.\n"


def lint(cwd: Path, *args: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["lint", "--format", "json", *args], catch_exceptions=False)


def rules_of(result) -> list[tuple[str, str]]:
    data = json.loads(result.stdout)
    return [(f["rule"], f["severity"]) for f in data["findings"]]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


CHROME_INFO = '[rules.page-chrome]\nseverity = "info"\n'
CHROME_WARN = '[rules.page-chrome]\nseverity = "warning"\n'


def test_no_config_uses_defaults(site, monkeypatch):
    result = lint(site, "--select", "page-chrome", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "error")]
    assert result.exit_code == 1


def test_plainpost_toml_in_cwd(site, monkeypatch):
    (site / "plainpost.toml").write_text(CHROME_INFO)
    result = lint(site, "--select", "page-chrome", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "info")]
    assert result.exit_code == 0


def test_pyproject_tool_section(site, monkeypatch):
    (site / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.plainpost.rules.page-chrome]\nseverity = "warning"\n'
    )
    result = lint(site, "--select", "page-chrome", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "warning")]


def test_found_upward_from_a_subfolder(site, monkeypatch):
    (site / "plainpost.toml").write_text(CHROME_INFO)
    deep = site / "content" / "a" / "b"
    deep.mkdir(parents=True)
    result = lint(deep, "--select", "page-chrome", "../../post.md", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "info")]


def test_plainpost_toml_beats_pyproject_in_the_same_folder(site, monkeypatch):
    (site / "plainpost.toml").write_text(CHROME_INFO)
    (site / "pyproject.toml").write_text(
        "[tool.plainpost.rules.page-chrome]\nseverity = 'warning'\n"
    )
    assert rules_of(lint(site, "--select", "page-chrome", monkeypatch=monkeypatch)) == [
        ("page-chrome", "info")
    ]


def test_pyproject_without_tool_section_is_skipped(site, monkeypatch):
    """A content repo's nearer pyproject.toml that does not configure plainpost is not a config."""
    (site / "plainpost.toml").write_text(CHROME_INFO)
    (site / "content" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    result = lint(site / "content", "--select", "page-chrome", "post.md", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "info")]


def test_nearest_config_wins(site, monkeypatch):
    (site / "plainpost.toml").write_text(CHROME_INFO)
    (site / "content" / "pyproject.toml").write_text(
        "[tool.plainpost.rules.page-chrome]\nseverity = 'warning'\n"
    )
    result = lint(site / "content", "--select", "page-chrome", "post.md", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "warning")]


def test_explicit_config_overrides_discovery(site, monkeypatch):
    (site / "plainpost.toml").write_text(CHROME_INFO)
    other = site / "other.toml"
    other.write_text(CHROME_WARN)
    result = lint(
        site, "--config", "other.toml", "--select", "page-chrome", monkeypatch=monkeypatch
    )
    assert rules_of(result) == [("page-chrome", "warning")]


def test_config_select_ignore_and_fail_on(site, monkeypatch):
    (site / "plainpost.toml").write_text('select = ["boilerplate"]\nfail_on = "never"\n')
    result = lint(site, monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "error")]
    assert result.exit_code == 0
    # "Skip to content" is page chrome, and with that rule ignored a stray line
    (site / "plainpost.toml").write_text(
        'select = ["boilerplate"]\nignore = ["page-chrome", "stray-line"]\n'
    )
    assert rules_of(lint(site, monkeypatch=monkeypatch)) == []


def test_severity_off_disables_a_rule(site, monkeypatch):
    (site / "plainpost.toml").write_text(
        '[rules.page-chrome]\nseverity = "off"\n[rules.stray-line]\nseverity = "off"\n'
    )
    assert rules_of(lint(site, "--select", "boilerplate", monkeypatch=monkeypatch)) == []


def test_rule_folders_are_relative_to_the_config_file(site, monkeypatch, flag_rules):
    import shutil

    shutil.copytree(flag_rules, site / "house-rules")
    (site / "plainpost.toml").write_text('rule_folders = ["house-rules"]\n')
    result = lint(site / "content", "--select", "test-flag", "post.md", monkeypatch=monkeypatch)
    assert rules_of(result) == [("test-flag", "warning")]


def test_include_and_exclude_globs(site, monkeypatch):
    (site / "content" / "drafts").mkdir()
    (site / "content" / "drafts" / "wip.md").write_text(POST)
    (site / "content" / "notes.txt").write_text("Skip to content\n")
    (site / "plainpost.toml").write_text('exclude = ["content/drafts/**"]\n')
    data = json.loads(lint(site, "--select", "page-chrome", monkeypatch=monkeypatch).stdout)
    assert {f["path"] for f in data["findings"]} == {"content/post.md"}


def test_rule_option_override(site, monkeypatch):
    """Options are overridden per rule, validated like the rule file (here: a shorter list)."""
    (site / "plainpost.toml").write_text('[rules.page-chrome]\npatterns = ["a zebra\\\\."]\n')
    result = lint(site, "--select", "page-chrome", monkeypatch=monkeypatch)
    assert rules_of(result) == [("page-chrome", "error")]
    assert json.loads(result.stdout)["findings"][0]["line"] == 8


BAD_CONFIGS = [
    ("plainpost.toml", 'colour = "red"\n', "plainpost.toml: unknown key 'colour'"),
    (
        "pyproject.toml",
        '[tool.plainpost]\ncolour = "red"\n',
        "pyproject.toml: tool.plainpost: unknown key 'colour'",
    ),
    ("plainpost.toml", "include = 5\n", "plainpost.toml: include: expected a list"),
    (
        "plainpost.toml",
        'fail_on = "sometimes"\n',
        "plainpost.toml: fail_on: 'sometimes' is not one of",
    ),
    ("plainpost.toml", 'harper = "yes"\n', "plainpost.toml: harper: expected a mapping"),
    (
        "plainpost.toml",
        '[harper]\nenabled = "yes"\n',
        "plainpost.toml: harper.enabled: expected true or false",
    ),
    ("plainpost.toml", "rules = 3\n", "plainpost.toml: rules: expected a mapping"),
    (
        "plainpost.toml",
        'lang = "english"\n',
        "plainpost.toml: lang: 'english' is not a language tag",
    ),
    ("plainpost.toml", 'root = "/"\n', "plainpost.toml: unknown key 'root'"),
    ("plainpost.toml", 'path = "/"\n', "plainpost.toml: unknown key 'path'"),
    ("plainpost.toml", "select = [\n", "plainpost.toml: invalid TOML"),
    (
        "plainpost.toml",
        '[rules.no-such-rule]\nseverity = "error"\n',
        "plainpost.toml: rules.no-such-rule: no rule with this id",
    ),
    (
        "pyproject.toml",
        '[tool.plainpost.rules.no-such-rule]\nseverity = "error"\n',
        "pyproject.toml: tool.plainpost.rules.no-such-rule: no rule with this id",
    ),
    (
        "plainpost.toml",
        '[rules.page-chrome]\nseverity = "fatal"\n',
        "plainpost.toml: rules.page-chrome.severity: unknown severity 'fatal'",
    ),
    (
        "pyproject.toml",
        '[tool.plainpost.rules.page-chrome]\nseverity = "fatal"\n',
        "pyproject.toml: tool.plainpost.rules.page-chrome.severity: unknown severity 'fatal'",
    ),
    (
        "plainpost.toml",
        "[rules.page-chrome]\ncolour = 1\n",
        "plainpost.toml: rules.page-chrome: unknown key 'colour'",
    ),
    (
        "plainpost.toml",
        "[rules.page-chrome]\ndelete = 1\n",
        "plainpost.toml: rules.page-chrome.delete: expected true or false",
    ),
    (
        "plainpost.toml",
        '[rules.page-chrome]\npatterns = ["("]\n',
        "plainpost.toml: rules.page-chrome.patterns[0]: bad regular expression '('",
    ),
    (
        "plainpost.toml",
        "[rules]\npage-chrome = 1\n",
        "plainpost.toml: rules.page-chrome: expected a mapping",
    ),
    (
        "plainpost.toml",
        'select = ["no-such-rule"]\n',
        "plainpost.toml: select: unknown rule or category 'no-such-rule'",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    BAD_CONFIGS,
    ids=[c[2].split(": ", 1)[-1][:40] for c in BAD_CONFIGS],
)
def test_bad_config_is_exit_2_naming_file_and_key(site, monkeypatch, name, content, message):
    (site / name).write_text(content)
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0], lines[0]
    assert str(site / name) in lines[0] or f" {name}" in lines[0]
    if "select" not in message:  # `plainpost rules` reads the same config (it does not select)
        again = CliRunner().invoke(main, ["rules"])
        assert again.exit_code == 2 and message in again.stderr


def test_missing_explicit_config(site, monkeypatch):
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint", "--config", "nope.toml"])
    assert result.exit_code == 2
    assert "nope.toml: config file not found" in result.stderr


def test_unknown_select_on_the_command_line(site, monkeypatch):
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint", "--select", "no-such-rule"])
    assert result.exit_code == 2
    assert "unknown rule or category 'no-such-rule'" in result.stderr


# --- rule files -----------------------------------------------------------------------------

GOOD_RULE = """\
id: house-word
category: plain-language
severity: warning
kind: existence
message: "Avoid “{match}”."
doc:
  why: House style.
options:
  terms: [zebra]
examples:
  fire: ["zebra"]
  pass: ["horse"]
"""


def _variant(replace: str, by: str) -> str:
    assert replace in GOOD_RULE
    return GOOD_RULE.replace(replace, by)


BAD_RULE_FILES = [
    (GOOD_RULE + "colour: red\n", "house-word.yml: unknown key 'colour'"),
    (
        _variant("category: plain-language", "category: style"),
        "house-word.yml: category: 'style' is not one of",
    ),
    (
        _variant("severity: warning", "severity: fatal"),
        "house-word.yml: severity: 'fatal' is not one of",
    ),
    (_variant("kind: existence", "kind: grep"), "house-word.yml: kind: unknown kind 'grep'"),
    (
        _variant("id: house-word", "id: House Word"),
        "house-word.yml: id: 'House Word' must be kebab-case",
    ),
    (
        _variant("terms: [zebra]", 'patterns: ["(unclosed"]'),
        "house-word.yml: options.patterns[0]: bad regular expression '(unclosed'",
    ),
    (
        _variant("terms: [zebra]", "terms: [zebra]\n  colour: red"),
        "house-word.yml: options: unknown key 'colour'",
    ),
    (
        _variant("terms: [zebra]", "terms: zebra\n  scope: page"),
        "house-word.yml: options.scope: 'page' is not one of",
    ),
    (
        _variant("  why: House style.\n", "  why: House style.\n  how: badly\n"),
        "house-word.yml: doc: unknown key 'how'",
    ),
    (
        _variant('  pass: ["horse"]\n', '  pass: ["horse"]\n  maybe: ["x"]\n'),
        "house-word.yml: examples: unknown key 'maybe'",
    ),
    (
        _variant('message: "Avoid “{match}”."\n', ""),
        "house-word.yml: missing required key 'message'",
    ),
    (
        _variant("category: plain-language", "category: plain-language\ncategory: structure"),
        "house-word.yml: invalid YAML at line 3: duplicate key 'category'",
    ),
    (
        _variant("  terms: [zebra]", "  terms: [zebra]\n  terms: [horse]"),
        "house-word.yml: invalid YAML at line 10: duplicate key 'terms'",
    ),
    ("id: [unclosed\n", "house-word.yml: invalid YAML"),
    ("- a list\n", "house-word.yml: expected a mapping, got list"),
]


@pytest.mark.parametrize(
    ("content", "message"),
    BAD_RULE_FILES,
    ids=[m.split(": ", 1)[-1][:40] for _, m in BAD_RULE_FILES],
)
def test_bad_rule_file_is_exit_2_naming_file_and_key(site, monkeypatch, content, message):
    folder = site / "house"
    folder.mkdir()
    (folder / "house-word.yml").write_text(content, encoding="utf-8")
    (site / "plainpost.toml").write_text('rule_folders = ["house"]\n')
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0], lines[0]
    assert str(folder / "house-word.yml") in lines[0]


def test_a_bad_rule_file_leaves_out_only_that_rule(site, monkeypatch):
    """One editor's slip in one house rule: that rule is named and left out; the shipped rules
    and the house's other rules still check every post (exit 2 for the broken file)."""
    folder = site / "house"
    folder.mkdir()
    (folder / "house-word.yml").write_text(GOOD_RULE, encoding="utf-8")
    broken = _variant("id: house-word", "id: house-colour").replace("terms: [zebra]", "colour: 1")
    (folder / "house-colour.yml").write_text(broken, encoding="utf-8")
    (site / "plainpost.toml").write_text(
        'rule_folders = ["house"]\n[rules.house-colour]\nseverity = "info"\n'
    )
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--no-cache"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        f"plainpost: error: {folder / 'house-colour.yml'}: options: unknown key 'colour'"
    )
    found = {rule for rule, _ in rules_of(result)}
    assert {"house-word", "page-chrome"} <= found, found
    # selecting the broken rule is not a second error: nothing else is chosen
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--select", "house-colour"])
    assert result.exit_code == 2 and rules_of(result) == [], result.output
    # and the next run says it again (a run with a broken rule caches nothing)
    again = CliRunner().invoke(main, ["lint", "--format", "json"])
    assert again.exit_code == 2 and "house-colour.yml" in again.stderr


@pytest.mark.parametrize(
    ("command", "made"),
    [
        (["report", "--out", "r.html"], "r.html"),
        (["build", "--out", "site"], "site/index.html"),
        (["fix", "--check"], None),
        (["baseline"], ".plainpost-baseline.json"),
    ],
    ids=["report", "build", "fix", "baseline"],
)
def test_every_command_names_a_bad_rule_file_and_finishes(site, monkeypatch, command, made):
    folder = site / "house"
    folder.mkdir()
    (folder / "house-word.yml").write_text("id: [unclosed\n", encoding="utf-8")
    (site / "plainpost.toml").write_text('rule_folders = ["house"]\n')
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, [*command, "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("plainpost: error")]
    assert len(errors) == 1 and "house-word.yml: invalid YAML" in errors[0], result.stderr
    if made:
        assert (site / made).is_file(), "the command did its work for the posts"


def test_good_house_rule_loads_and_runs(site, monkeypatch):
    (site / "house").mkdir()
    (site / "house" / "house-word.yml").write_text(GOOD_RULE, encoding="utf-8")
    (site / "plainpost.toml").write_text('rule_folders = ["house"]\n')
    result = lint(site, "--select", "house-word", monkeypatch=monkeypatch)
    assert rules_of(result) == [("house-word", "warning")]


def test_duplicate_rule_id_in_one_folder(site, monkeypatch):
    (site / "house").mkdir()
    (site / "house" / "a.yml").write_text(GOOD_RULE, encoding="utf-8")
    (site / "house" / "b.yml").write_text(GOOD_RULE, encoding="utf-8")
    (site / "plainpost.toml").write_text('rule_folders = ["house"]\n')
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "b.yml: id: 'house-word' is already used by" in result.stderr


def test_missing_rule_folder(site, monkeypatch):
    (site / "plainpost.toml").write_text('rule_folders = ["nope"]\n')
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "nope: rule folder not found" in result.stderr
