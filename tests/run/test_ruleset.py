"""The rule set is the one home of every threshold and every snippet name: a safety rule naming a
snippet that does not exist is a load error naming the file and the key; the readability
limits the report shows are the rule file's, with the config's overrides."""

from __future__ import annotations

from pathlib import Path

NOTE_RULE = """\
id: house-heat-note
category: safety
severity: error
kind: safety-note
message: "“{match}”: add {missing}."
doc:
  why: A test rule.
options:
  snippet: {snippet}
  triggers: [zebra bath]
  requires:
    - name: a warning
      patterns: ["scald"]
examples:
  fire: ["Take a zebra bath."]
  pass: ["Take a zebra bath, but mind the scald."]
"""

POST = "---\ntitle: A post\n---\n\n# A post\n\nTake a zebra bath.\n"


def _site(tmp_path: Path, snippet: str) -> Path:
    pack = tmp_path / "house" / "safety"
    pack.mkdir(parents=True)
    (pack / "house-heat-note.yml").write_text(NOTE_RULE.replace("{snippet}", snippet), "utf-8")
    (tmp_path / "plainpost.toml").write_text('rule_folders = ["house"]\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def test_a_misspelt_snippet_is_a_load_error_naming_the_file_and_key(tmp_path, run_cli):
    site = _site(tmp_path, "haet")
    result = run_cli(["lint", "content", "--no-cache", "-j", "1"], site)
    assert result.exit_code == 2
    assert "house-heat-note.yml: options.snippet: no snippet 'haet'" in result.stderr
    assert "heat" in result.stderr  # the known snippets are listed


def test_a_snippet_that_exists_loads(tmp_path, run_cli):
    site = _site(tmp_path, "heat")
    result = run_cli(["lint", "content", "--no-cache", "-j", "1", "--select", "safety"], site)
    assert result.exit_code == 1, result.output
    assert "house-heat-note" in result.stdout


def test_report_aims_are_the_rule_files_limits_with_config_overrides(tmp_path, run_cli):
    # the chart is drawn against the lint gate, whose limits the caption lists
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(POST, encoding="utf-8")
    run_cli(["report", "content", "--no-cache", "-j", "1", "-o", "a.html"], tmp_path)
    a = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "SMOG 10 or lower" in a  # the rule file's
    assert "Flesch–Kincaid grade 8 or lower" in a
    (tmp_path / "plainpost.toml").write_text(
        "[rules.readability-grade]\nfk_grade_max = 6\nsmog_max = 12\n", encoding="utf-8"
    )
    run_cli(["report", "content", "--no-cache", "-j", "1", "-o", "b.html"], tmp_path)
    b = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "SMOG 12 or lower" in b
    assert "Flesch–Kincaid grade 6 or lower" in b
