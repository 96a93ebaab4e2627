"""The LanguageTool adapter against LanguageTool's documented HTTP API (a real local server)."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from plainpost.api import build_linter
from plainpost.cli import main
from plainpost.config import Config, LanguageToolConfig
from plainpost.document import Source
from plainpost.language.engine import EngineError
from tests.helpers.lt_server import Server, plain_and_map

POST = """---
title: Teh title is not prose
lang: en-GB
---

# Knee pain after teh run

It’s **teh** sort of pain that eases. Read [teh guide](https://example.org/teh) first.
Smiles 😀 help, and teh emoji must not shift anything.

- Rest the the knee
  for a day or two.
- Use `teh code` as it is, then recieve advice.
"""


@pytest.fixture
def server():
    with Server() as s:
        yield s


@pytest.fixture
def no_harper(monkeypatch):
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    monkeypatch.delenv("PLAINPOST_LANGUAGETOOL_URL", raising=False)
    monkeypatch.delenv("PLAINPOST_LANGUAGETOOL", raising=False)


def _linter(repo, url: str, **lt):
    config = Config(root=repo, languagetool=LanguageToolConfig(enabled=True, url=url, **lt))
    return build_linter(config, select=("spelling", "grammar"))


def _lint(linter, text: str):
    return linter.lint_source(Source.from_text(text, "post.md"))


def test_findings_land_on_the_exact_source_characters(repo, server, no_harper):
    findings = _lint(_linter(repo, server.url), POST)
    got = sorted((f.line, f.column, POST[f.start : f.end], f.rule) for f in findings)
    lines = POST.split("\n")
    assert got == [
        (6, 19, "teh", "misspelling"),  # heading
        (8, 8, "teh", "misspelling"),  # inside **emphasis**
        (8, 45, "teh", "misspelling"),  # link text, not the URL
        (9, 20, "teh", "misspelling"),  # after an emoji (two UTF-16 units)
        (11, 8, "the the", "doubled-word"),  # LanguageTool agrees: shown once
        (13, 33, "recieve", "misspelling"),
    ]
    for line, column, word, _ in got:
        assert lines[line - 1][column - 1 : column - 1 + len(word)] == word
    # the front matter, the URL and the code span were never checked
    assert all(f.line > 4 for f in findings)


def test_posts_are_sent_as_annotated_data_with_markup_marked(repo, server, no_harper):
    _lint(_linter(repo, server.url), POST)
    assert server.requests, "nothing was sent"
    for form in server.requests:
        assert "text" not in form
        assert form["language"] == "en-GB"
        items = json.loads(form["data"])["annotation"]
        text = "".join(i.get("text", "") for i in items)
        markup = "".join(i.get("markup", "") for i in items)
        assert "**" not in text and "https://" not in text and "`" not in text
        assert "**" in markup and "https://example.org/teh" in markup
        # typography: the curly apostrophe is markup that reads as a straight one
        assert {"markup": "’", "interpretAs": "'"} in items
        # blocks are separated by a paragraph break
        assert any(i.get("interpretAs") == "\n\n" for i in items)
        original, plain, _ = plain_and_map(items)
        assert POST.find(original) >= 0  # the sent characters are the source's, in order
        assert "It's teh sort of pain" in plain


def test_switched_off_rules_and_categories_are_sent(repo, server, no_harper):
    findings = _lint(_linter(repo, server.url), "A  sentence with two spaces.\n")
    form = server.requests[-1]
    assert "WHITESPACE_RULE" in form["disabledRules"].split(",")
    assert "TYPOGRAPHY" in form["disabledCategories"].split(",")
    assert findings == []


def test_requests_are_batched_by_size(repo, server, no_harper):
    paragraph = "Rest teh knee for a day and walk a little further each morning.\n\n"
    text = "---\ntitle: Long\n---\n\n" + paragraph * 400  # about 26,000 characters
    linter = _linter(repo, server.url, batch_chars=5000)
    findings = _lint(linter, text)
    assert len(server.requests) >= 5
    for form in server.requests:
        original, _, _ = plain_and_map(json.loads(form["data"])["annotation"])
        assert len(original) <= 5000
    assert len(findings) == 400
    assert all(text[f.start : f.end] == "teh" for f in findings)


def test_an_unreachable_server_is_a_clear_error_not_a_pass(repo, tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: T\n---\n\nTeh knee.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAINPOST_LANGUAGETOOL_URL", f"http://127.0.0.1:{port}")
    result = CliRunner().invoke(main, ["lint", "--no-cache", str(post)])
    assert result.exit_code == 2, result.output
    assert f"127.0.0.1:{port}" in result.output
    assert "cannot be reached" in result.output
    assert "Traceback" not in result.output


def test_a_server_error_is_a_clear_error(repo, monkeypatch, no_harper):
    with Server(status=500) as broken:
        linter = _linter(repo, broken.url)
        with pytest.raises(EngineError, match="HTTP 500"):
            _lint(linter, "---\ntitle: T\n---\n\nTeh knee.\n")


def test_a_server_that_trickles_its_reply_meets_a_deadline_for_the_whole_request(repo, no_harper):
    """Each byte comes well within the per-read timeout, so only a deadline for the whole
    request ends it: one clear error naming the setting, not a run that never ends."""
    with Server() as slow:
        slow.trickle = 0.05  # the reply's few hundred bytes would take half a minute
        linter = _linter(repo, slow.url, timeout=1.0)
        with pytest.raises(
            EngineError, match=r"did not answer within 1 s \(languagetool.timeout\)"
        ):
            _lint(linter, "---\ntitle: T\n---\n\nTeh knee.\n")


def test_the_environment_overrides_the_config(repo, server, monkeypatch, no_harper):
    monkeypatch.setenv("PLAINPOST_LANGUAGETOOL_URL", server.url)
    linter = build_linter(Config(root=repo), select=("spelling",))  # config: LanguageTool off
    assert [f.rule for f in _lint(linter, "Teh knee.\n")] == ["misspelling"]
    monkeypatch.delenv("PLAINPOST_LANGUAGETOOL_URL")
    monkeypatch.setenv("PLAINPOST_LANGUAGETOOL", "off")
    config = Config(
        root=repo, languagetool=LanguageToolConfig(enabled=True, url="http://127.0.0.1:9")
    )
    linter = build_linter(config, select=("spelling",))  # would fail if it tried to connect
    assert [e for e in linter.ctx.engines if e.name == "languagetool"] == []


def test_a_problem_both_engines_find_is_reported_once(repo, server, monkeypatch):
    monkeypatch.delenv("PLAINPOST_HARPER", raising=False)
    linter = _linter(repo, server.url)
    assert {e.name for e in linter.ctx.engines} == {"harper", "languagetool"}
    text = "Teh knee hurts when I recieve a knock.\n"
    findings = _lint(linter, text)
    assert sorted(text[f.start : f.end] for f in findings) == ["Teh", "recieve"]
    teh = next(f for f in findings if text[f.start : f.end] == "Teh")
    assert teh.suggestions[0] == "The"


def test_the_engine_pickles_for_worker_processes(repo, server, no_harper):
    import pickle

    linter = _linter(repo, server.url)
    engine = next(e for e in linter.ctx.engines if e.name == "languagetool")
    clone = pickle.loads(pickle.dumps(engine))
    clone.connect()
    assert clone.base == server.url


@pytest.mark.parametrize(
    ("env", "enabled", "url"),
    [
        ({}, False, ""),
        ({"PLAINPOST_LANGUAGETOOL_URL": "http://lt:8010"}, True, "http://lt:8010"),
        ({"PLAINPOST_LANGUAGETOOL": "on"}, True, ""),
        ({"PLAINPOST_LANGUAGETOOL": "local"}, True, ""),
        (
            {"PLAINPOST_LANGUAGETOOL": "off", "PLAINPOST_LANGUAGETOOL_URL": "http://lt"},
            False,
            "http://lt",
        ),
    ],
)
def test_environment_switches(env, enabled, url):
    from plainpost.language.languagetool import settings_from

    settings = settings_from(Config(), env)
    assert (settings.enabled, settings.url) == (enabled, url)


def test_a_bad_switch_value_is_an_error():
    from plainpost.language.languagetool import settings_from

    with pytest.raises(EngineError, match="PLAINPOST_LANGUAGETOOL='maybe'"):
        settings_from(Config(), {"PLAINPOST_LANGUAGETOOL": "maybe"})


def test_a_server_without_the_languages_list_still_checks(repo, no_harper):
    """Only /v2/check, as documented; /v2/languages answers 404."""
    with Server() as server:
        server.languages = False
        post = "---\ntitle: T\nlang: en-GB\n---\n\nTeh knee.\n"
        findings = _lint(_linter(repo, server.url), post)
        assert [f.rule for f in findings] == ["misspelling"]
        assert server.requests[-1]["language"] == "en-GB"


def test_markup_is_never_read_as_longer_than_it_is(repo, server, no_harper):
    # LanguageTool interpolates positions inside markup; an interpretAs longer than its markup
    # can shift them, so a short code span reads as a short word
    _lint(_linter(repo, server.url), "Type `a` then teh rest.\n")
    items = json.loads(server.requests[-1]["data"])["annotation"]
    for item in items:
        if "markup" in item:
            assert len(item.get("interpretAs", "")) <= max(len(item["markup"]), 2)
