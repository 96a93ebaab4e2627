"""Machine formats against their schemas, and the CI files against theirs (plus actionlint,
shellcheck and pre-commit's own manifest check where installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from plainpost.findings import Finding, Severity
from plainpost.formats import Report, reporter

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


# --- outputs ---------------------------------------------------------------------------------


def test_sarif_and_rdjson_of_the_seed_draft_are_valid(tmp_path: Path, run_cli, schema):
    out = tmp_path / "out"
    result = run_cli(
        [
            "lint", "content/drafts", "--format", "github", "--no-cache",
            "--also", f"sarif={out / 'p.sarif'}", "--also", f"rdjson={out / 'p.rdjson'}",
            "--also", f"json={out / 'p.json'}",
        ],
        REPO,
    )  # fmt: skip
    assert result.exit_code == 1
    findings = json.loads((out / "p.json").read_text(encoding="utf-8"))["findings"]
    assert findings

    sarif = json.loads((out / "p.sarif").read_text(encoding="utf-8"))
    schema("sarif-schema-2.1.0.json").validate(sarif)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(findings)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"content/drafts/running-is-not-bad-for-your-knees.md"}  # relative

    rd = json.loads((out / "p.rdjson").read_text(encoding="utf-8"))
    schema("reviewdog-DiagnosticResult.json").validate(rd)
    assert len(rd["diagnostics"]) == len(findings)
    assert [d["code"]["value"] for d in rd["diagnostics"]] == [f["rule"] for f in findings]


def test_rdjson_columns_count_utf8_bytes(schema):
    text = "---\ntitle: T\n---\n\nCafé – the prognosis\n"
    line = text.split("\n")[4]
    col = line.index("prognosis") + 1  # code points, as plainpost counts
    f = Finding(
        path="p.md", line=5, column=col, end_line=5, end_column=col + 9, rule="medical-jargon",
        category="plain-language", severity=Severity.WARNING, message="m", suggestions=("outlook",),
        safe_fix=True,  # rdjson makes a suggested change of safe fixes only
    )  # fmt: skip
    data = json.loads(reporter("rdjson")(Report(findings=[f], sources={"p.md": text})))
    schema("reviewdog-DiagnosticResult.json").validate(data)
    rng = data["diagnostics"][0]["location"]["range"]
    start = len(line[: col - 1].encode("utf-8")) + 1
    assert rng["start"] == {"line": 5, "column": start}
    assert rng["end"] == {"line": 5, "column": start + 9}
    assert start != col  # "é" and "–" take more than one byte
    assert data["diagnostics"][0]["suggestions"] == [{"range": rng, "text": "outlook"}]
    assert line.encode("utf-8")[start - 1 : start - 1 + 9] == b"prognosis"


def test_rdjson_reports_unreadable_files(schema):
    data = json.loads(reporter("rdjson")(Report(findings=[], errors=["x.md: binary file"])))
    schema("reviewdog-DiagnosticResult.json").validate(data)
    assert data["severity"] == "ERROR"
    assert data["diagnostics"][0]["location"] == {"path": "x.md"}


def test_also_rejects_unknown_formats(run_cli):
    result = run_cli(["lint", "content/drafts", "--also", "html=x.html"], REPO)
    assert result.exit_code == 2
    assert "FORMAT=PATH" in result.stderr


# --- CI files --------------------------------------------------------------------------------


def _load_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_match_the_schema(path: Path, schema):
    schema("github-workflow.json").validate(_load_yaml(path))


def test_action_matches_the_schema(schema):
    schema("github-action.json").validate(_load_yaml(REPO / "action.yml"))


def test_expected_workflows_exist():
    names = {p.name for p in WORKFLOWS}
    assert {"tests.yml", "content.yml"} <= names
    tests = (REPO / ".github/workflows/tests.yml").read_text(encoding="utf-8")
    assert ".ci/run" in tests
    content = _load_yaml(REPO / ".github/workflows/content.yml")
    text = (REPO / ".github/workflows/content.yml").read_text(encoding="utf-8")
    assert "erikvl87/languagetool" in text and "PLAINPOST_LANGUAGETOOL_URL" in text
    job = content["jobs"]["changed-posts"]
    assert job["permissions"]["security-events"] == "write"
    assert any(step.get("uses") == "./" for step in job["steps"])


def test_action_runs_plainpost_with_options_that_exist():
    """Every `--option` the action passes to `plainpost lint` / `report` is a real option."""
    from plainpost.cli import main

    action = _load_yaml(REPO / "action.yml")
    seen = set()
    for step in action["runs"]["steps"]:
        script = step.get("run", "")
        m = re.search(r"args=\((lint|report) ", script)
        if not m:
            continue
        command = m.group(1)
        seen.add(command)
        params = main.commands[command].params  # type: ignore[attr-defined]
        known = {opt for p in params for opt in [*p.opts, *p.secondary_opts]}
        used = set(re.findall(r"(?<![\w-])(--[a-z][\w-]+)", script))
        assert used <= known, f"{command}: {used - known}"
    assert seen == {"lint", "report"}
    inputs = action["inputs"]
    assert {"paths", "fail-level", "format"} <= set(inputs)


def test_action_inputs_used_exist():
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    declared = set(_load_yaml(REPO / "action.yml")["inputs"])
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used <= declared, used - declared


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint not installed")
def test_actionlint_passes():
    proc = subprocess.run(
        ["actionlint", "-no-color", *map(str, WORKFLOWS)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed")
def test_action_scripts_pass_shellcheck(tmp_path: Path):
    action = _load_yaml(REPO / "action.yml")
    for i, step in enumerate(action["runs"]["steps"]):
        script = step.get("run")
        if not script:
            continue
        body = re.sub(r"\$\{\{.*?\}\}", "EXPR", script)
        path = tmp_path / f"step{i}.sh"
        path.write_text("#!/usr/bin/env bash\nset -euo pipefail\n" + body, encoding="utf-8")
        proc = subprocess.run(
            ["shellcheck", "-s", "bash", "-e", "SC2129", str(path)], capture_output=True, text=True
        )
        assert proc.returncode == 0, f"{step.get('name')}:\n{proc.stdout}"


def test_pre_commit_hooks_manifest():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"plainpost-lint", "plainpost-fix"}
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].startswith("plainpost ")
        assert "markdown" in hook["types_or"]
        assert "languagetool" not in json.dumps(hook).lower()
    try:
        from pre_commit.clientlib import load_manifest
    except ImportError:
        pytest.skip("pre-commit not installed")
    assert [h["id"] for h in load_manifest(str(REPO / ".pre-commit-hooks.yaml"))] == [
        h["id"] for h in hooks
    ]


def test_pre_commit_hooks_run_as_pre_commit_would(tmp_path: Path, run_cli):
    """entry + args + the staged file names, as pre-commit calls them."""
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    post = tmp_path / "post.md"
    draft = (REPO / "content/drafts/running-is-not-bad-for-your-knees.md").read_text("utf-8")
    post.write_text(draft, encoding="utf-8")
    for hook_id, expected in (("plainpost-lint", 1), ("plainpost-fix", 0)):
        hook = hooks[hook_id]
        argv = [*hook["entry"].split()[1:], *hook.get("args", []), "post.md"]
        result = run_cli(argv, tmp_path)
        assert result.exit_code == expected, result.output
    assert post.read_text(encoding="utf-8") != draft  # fix changed the file: pre-commit fails


def test_output_to_a_pipe_or_device_is_written_through_not_replaced(tmp_path: Path, run_cli):
    """`-o /dev/null` or `--also sarif=/dev/stdout` must not rename a file over the device."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: T\n---\n\nRelated Posts\n", encoding="utf-8")
    result = run_cli(
        ["lint", "post.md", "--format", "json", "-o", str(fifo), "--no-cache"], tmp_path
    )
    reader.join(timeout=30)
    assert result.exit_code == 1
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe
    assert b'"page-chrome"' in got[0]
