"""A snapshot of every output format on a small fixed post (syrupy), plus format invariants:
valid SARIF 2.1.0 and rdjson (offline schemas), GitHub's escaping, one JSON object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainpost.cli import main
from plainpost.formats import FORMATS

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

POST = """\
---
title: Knee pain after running
type: advice
---

Skip to content

Here is 100% of what you need:

## Warm up

## Cool down

IMPORTANT: Think you have knee arthritis?

![](knee.jpg)

A runner stretching on a track

• Rest for two days
\t• Then walk – it helps 𝒜 lot

Most people who start running after a long break find that their knees, hips and \
ankles ache for a few days while the body adapts to the new load.
"""
ODD_NAME = "a, b: café.md"  # GitHub property escaping, SARIF URI encoding
ODD = "---\ntitle: Odd\ntype: page\n---\n\nText.\n\nRelated Posts\n"
# the rules of the core (named, so that rules added later do not change the snapshots)
SELECT = ",".join(
    [
        "page-chrome",
        "orphan-caption",
        "list-intro-without-list",
        "empty-section",
        "empty-callout",
        "pseudo-bullets",
        "image-alt",
        "hard-sentence",
        "very-hard-sentence",
        "readability-grade",
        "when-to-see-a-doctor",
        "sources-section",
        "heading-order",
        "front-matter",
    ]
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "knee.md").write_text(POST, encoding="utf-8")
    (tmp_path / "posts" / ODD_NAME).write_text(ODD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["lint", "--no-cache", "--format", fmt, "--select", SELECT, *extra, "posts"]
    )
    assert result.exit_code == 1, result.output
    return result.stdout


ALL = [f for f in FORMATS if f != "html"]


@pytest.mark.parametrize("fmt", ALL)
def test_snapshot(site, snapshot, fmt):
    assert render(fmt) == snapshot


def test_snapshot_text_in_colour(site, snapshot):
    assert render("text", "--color", "always") == snapshot


def test_json_is_one_object_with_every_field(site):
    data = json.loads(render("json"))
    assert set(data) == {"version", "findings", "summary"} and data["version"] == 1
    fields = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "category",
        "severity",
        "message",
        "suggestions",
        "safe_fix",
    }
    for f in data["findings"]:
        assert set(f) == fields
        assert f["severity"] in ("error", "warning", "info")
    assert data["summary"]["files"] == 2


def _schema(name: str):
    jsonschema = pytest.importorskip("jsonschema")
    path = SCHEMAS / name
    if not path.is_file():
        pytest.skip(f"{name} not vendored")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_with_relative_encoded_uris_and_code_point_columns(site):
    sarif = json.loads(render("sarif"))
    _schema("sarif-schema-2.1.0.json").validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"posts/knee.md", "posts/a,%20b%3A%20caf%C3%A9.md"}
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["help"]["markdown"] and rule["helpUri"] and rule["fullDescription"]["text"]


def test_rdjson_is_valid(site):
    if "rdjson" not in FORMATS:
        pytest.skip("no rdjson format")
    _schema("reviewdog-DiagnosticResult.json").validate(json.loads(render("rdjson")))


def test_github_escaping(site):
    lines = render("github").splitlines()
    odd = [ln for ln in lines if "caf" in ln]
    assert odd and all("file=posts/a%2C b%3A café.md," in ln for ln in odd)
    intro = next(ln for ln in lines if "list-intro" in ln)
    assert "100%25 of what you need" in intro
    for ln in lines:
        assert ln.startswith(("::error ", "::warning ", "::notice "))
        assert "\n" not in ln and "\r" not in ln
