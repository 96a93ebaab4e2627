"""Bounded runs: a pathological post or rule ends the run quickly with one line naming the post or
the setting, and the other posts keep their findings. Each run is a subprocess under a generous
timeout: a hang fails the test; nothing here measures speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reliability.conftest import clean_env, post

GOOD = post("Fine", "Keep the the knee up.")


def _posts(tmp_path: Path, bad: str) -> Path:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "bad.md").write_text(bad, encoding="utf-8")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    return folder


def _findings(result) -> list[dict]:
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)["findings"]


def test_a_catastrophic_regex_in_a_user_rule_is_left_out_and_the_posts_keep_their_findings(
    cli, tmp_path
):
    rules = tmp_path / "styles" / "clinic"
    rules.mkdir(parents=True)
    (rules / "slow.yml").write_text(
        """id: slow-pattern
category: plain-language
severity: warning
kind: existence
message: "“{match}”"
doc:
  why: A user rule with a pattern that backtracks exponentially.
options:
  patterns: ['(a+)+b']
examples:
  fire: [ab, aab, aaab, aaaab, aaaaab]
  pass: [a, aa, aaa, aaaa, aaaaa]
""",
        encoding="utf-8",
    )
    (tmp_path / "plainpost.toml").write_text('rule_folders = ["styles"]\n', encoding="utf-8")
    _posts(tmp_path, post("Slow", "a" * 40 + "!"))
    result = cli(["lint", "posts", "--no-cache", "--format", "json"], tmp_path, timeout=60)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "slow.yml" in lines[0] and "(a+)+b" in lines[0] and "exponential" in lines[0]
    # every other rule still ran on every post
    found = {(Path(f["path"]).name, f["rule"]) for f in _findings(result)}
    assert ("good.md", "doubled-word") in found, found
    assert not any(rule == "slow-pattern" for _, rule in found)


def test_a_bounded_user_regex_still_loads(cli, tmp_path):
    rules = tmp_path / "styles" / "clinic"
    rules.mkdir(parents=True)
    (rules / "fine.yml").write_text(
        """id: knee-word
category: plain-language
severity: warning
kind: existence
message: "“{match}”"
doc:
  why: A user rule with a linear pattern.
options:
  patterns: ['\\bkne+s?\\b']
examples:
  fire: [knee, knees, knes, kneee, kneees]
  pass: [leg, legs, hip, hips, foot]
""",
        encoding="utf-8",
    )
    (tmp_path / "plainpost.toml").write_text('rule_folders = ["styles"]\n', encoding="utf-8")
    _posts(tmp_path, post("Knees", "My knee hurts."))
    result = cli(["lint", "posts", "--no-cache", "--format", "json"], tmp_path, timeout=60)
    assert any(f["rule"] == "knee-word" for f in _findings(result))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_32_kb_token_is_one_finding_and_not_sent_to_harper(jobs, cli, tmp_path):
    """With it in the same run, on the serial and the parallel path: 100,000 headings (one
    error line naming the post) and a YAML alias bomb (a finding at its key). The run's CPU time
    (this process's children: the serial run whole; on the parallel path the workers belong to
    the forkserver and are not counted) stays under 60 s, and the other posts keep theirs."""
    import resource

    from tests.reliability.test_front_matter_values import alias_bomb

    bad = post("Long", "A word " + "x" * 32768 + " here. Keep the the knee up.")
    folder = _posts(tmp_path, bad)
    (folder / "headings.md").write_text(post("Many", PATHOLOGICAL["100,000 headings"]), "utf-8")
    (folder / "bomb.md").write_text(
        "---\ntitle: Bomb\ntype: page\n" + alias_bomb() + "\n---\n\n# Bomb\n\nKeep the the knee.\n",
        encoding="utf-8",
    )
    for i in range(20 if jobs == "2" else 0):  # enough posts for the parallel runner
        (tmp_path / "posts" / f"more-{i:02}.md").write_text(GOOD, encoding="utf-8")
    env = clean_env()
    env.pop("PLAINPOST_HARPER")  # the real engine: this is about Harper
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = cli(
        ["lint", "posts", "--no-cache", "--format", "json", "--jobs", jobs],
        tmp_path,
        env=env,
        timeout=300,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    assert cpu < 60, f"{cpu:.0f} s of CPU"
    findings = _findings(result)
    long = [f for f in findings if "32,768-character" in f["message"]]
    assert len(long) == 1 and long[0]["path"] == "posts/bad.md"
    assert any(f["path"] == "posts/bad.md" and f["rule"] == "doubled-word" for f in findings)
    assert any(f["path"] == "posts/good.md" and f["rule"] == "doubled-word" for f in findings)
    assert any(f["path"] == "posts/bomb.md" and "aliases expand" in f["message"] for f in findings)
    assert any(f["path"] == "posts/bomb.md" and f["rule"] == "doubled-word" for f in findings)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "posts/headings.md: 200,00" in errors[0], errors
    assert "more than the 20,000" in errors[0] and result.returncode == 2
    assert not [f for f in findings if f["path"] == "posts/headings.md"]
    linted = {f["path"] for f in findings if f["rule"] == "doubled-word"}
    assert {f"posts/more-{i:02}.md" for i in range(20 if jobs == "2" else 0)} <= linted


PATHOLOGICAL = {
    "100,000 headings": "".join(f"## Heading {i}\n\n" for i in range(100_000)),
    "20,000 brackets": "[" * 20_000,
    "20,000 brackets and parens": "[](" * 20_000,
    "10,000 links": "See [the page](https://example.org/a) now. " * 10_000,
    "nested lists": "".join("  " * i + "- item\n" for i in range(1_000)),
    "nested quotes": ">" * 5_000 + " deep",
    "emphasis runs": "*a " * 20_000,
}


@pytest.mark.parametrize("case", list(PATHOLOGICAL), ids=list(PATHOLOGICAL))
def test_pathological_markdown_ends_and_the_other_posts_keep_their_findings(case, cli, tmp_path):
    _posts(tmp_path, post("Odd", PATHOLOGICAL[case]))
    result = cli(["lint", "posts", "--no-cache", "--format", "json"], tmp_path, timeout=600)
    assert result.returncode in (0, 1, 2), result.stderr
    findings = _findings(result)
    assert any(f["path"] == "posts/good.md" and f["rule"] == "doubled-word" for f in findings)
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert all("posts/bad.md" in line for line in errors), errors
