"""The issue's done-when on the seed draft, and `plainpost fix --notes`."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from tests.helpers.rules import HEALTH_IDS, REPO

SEED = REPO / "content/drafts/running-is-not-bad-for-your-knees.md"


@pytest.fixture(scope="module")
def seed_findings(lint_file):
    return lint_file(SEED)


def _line_of(text: str) -> int:
    for i, line in enumerate(SEED.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return i
    raise AssertionError(f"not in the seed: {text!r}")


@pytest.mark.parametrize(
    ("anchor", "rule", "words"),
    [
        ("In one study, it actually helped", "uncited-claim", "In one study"),
        ("Use ice in a wrapped", "ice-safety-note", "warning about skin"),
        ("knee pain after running", "exercise-pain-note", "when to stop"),
        ("In one study, it actually helped", "medical-jargon", "articular cartilage"),
        ("joint mobilisations", "medical-jargon", "joint mobilisations"),
        ("will de-condition", "medical-jargon", "de-condition"),
        ("is often sufficient", "wordy-phrase", "sufficient"),
    ],
)
def test_seed_defect_at_its_own_line(seed_findings, anchor, rule, words):
    line = _line_of(anchor)
    found = [f for f in seed_findings if f.rule == rule and f.line == line]
    assert found, f"{rule} not reported at line {line}"
    assert any(words in f.message for f in found), [f.message for f in found]


def test_seed_missing_help_section_is_reported_once_and_carries_the_red_flags_note(seed_findings):
    # the seed has no help section: the structure rule reports it, red-flags-note (which
    # reported "who to see" at "knee pain after running" before) steps back and hands over its
    # note, inserted after that paragraph
    assert not [f for f in seed_findings if f.rule == "red-flags-note"]
    (missing,) = [f for f in seed_findings if f.rule == "when-to-see-a-doctor"]
    text = SEED.read_text(encoding="utf-8")
    assert missing.suggestions[0].startswith("\n\n**When to see a doctor:**")
    assert _line_of("knee pain after running") == text[: missing.insert_at].count("\n") + 1
    assert "fix --notes" in missing.message


def test_seed_review_metadata(seed_findings):
    by_rule = {f.rule: f for f in seed_findings}
    assert by_rule["reviewer-missing"].severity.label == "error"
    assert "review-date-missing" in by_rule
    assert "author-missing" not in by_rule  # the seed names its author


def test_seed_ice_finding_is_at_its_trigger_and_inserts_after_the_paragraph(seed_findings):
    (ice,) = [f for f in seed_findings if f.rule == "ice-safety-note"]
    text = SEED.read_text(encoding="utf-8")
    assert text[ice.start : ice.end].lower() == "ice"  # the finding marks the trigger
    assert ice.start < ice.insert_at
    assert text[ice.insert_at] == "\n"  # the note goes at the end of the ice paragraph's line
    assert text[: ice.insert_at].rstrip().endswith("You’ll feel much better.")
    assert ice.suggestions[0].startswith("\n\n**Using ice safely:**")


def test_fix_notes_inserts_the_ice_note_and_is_stable(tmp_path, monkeypatch):
    post = tmp_path / "seed.md"
    shutil.copy(SEED, post)
    monkeypatch.chdir(REPO)
    runner = CliRunner()
    first = runner.invoke(main, ["fix", "--notes", str(post)])
    assert first.exit_code == 0, first.output
    after = post.read_text(encoding="utf-8")
    lines = after.splitlines()
    ice = next(i for i, line in enumerate(lines) if line.startswith("Use ice in a wrapped"))
    assert lines[ice + 1] == ""
    assert lines[ice + 2].startswith("**Using ice safely:** never put ice")
    second = runner.invoke(main, ["fix", "--notes", str(post)])
    assert second.exit_code == 0, second.output
    assert post.read_text(encoding="utf-8") == after
    assert "nothing to fix" in second.output
    report = runner.invoke(main, ["lint", "--format", "json", "--fail-on", "never", str(post)])
    rules = {f["rule"] for f in json.loads(report.output)["findings"]}
    assert not rules & {r for r in HEALTH_IDS if r.endswith("-note")}, rules


def test_notes_only_add_lines(tmp_path, monkeypatch):
    post = tmp_path / "seed.md"
    shutil.copy(SEED, post)
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["fix", "--notes", "--select", "safety", str(post)])
    assert result.exit_code == 0, result.output
    lines = post.read_text(encoding="utf-8").splitlines()
    it = iter(lines)  # the original lines are all still there, in order
    assert all(
        any(old == new for new in it) for old in SEED.read_text(encoding="utf-8").splitlines()
    )
    assert len(lines) > len(SEED.read_text(encoding="utf-8").splitlines())


def test_fix_without_notes_leaves_notes_out(tmp_path, monkeypatch):
    post = tmp_path / "seed.md"
    shutil.copy(SEED, post)
    monkeypatch.chdir(REPO)
    CliRunner().invoke(main, ["fix", str(post)])
    assert "Using ice safely" not in post.read_text(encoding="utf-8")
