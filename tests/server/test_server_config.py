"""The server reads the workspace's config as the CLI does and follows its changes: the config
file, a rule folder, a vocabulary file. A broken one is one diagnostic on that file, and the
server keeps serving."""

from __future__ import annotations

import pytest
from lsprotocol import types

from tests.helpers.lsp import CONFIG, client_fixture, with_code

pytestmark = pytest.mark.asyncio(loop_scope="module")
client = client_fixture()

POST = (
    "---\ntitle: Knees\nauthor: Sam Whitfield\n---\n\n"
    "Your prognosis is good. Try our kneehab plan.\n"
)
HOUSE_RULE = """\
id: no-hurry
category: plain-language
severity: warning
kind: existence
message: "“{match}”: {reason}"
doc:
  why: Readers in pain do not need to be rushed.
  example: "Book now, hurry!"
  use_instead: "Book when it suits you."
  source: "House style"
options:
  terms: [hurry]
examples:
  fire: ["Hurry.", "hurry up", "Do not hurry", "A hurry.", "In a hurry"]
  pass: ["Rest.", "Wait.", "Slow down.", "Take time.", "No rush."]
"""


async def changed(editor, path, text, rel="posts/config.md"):
    """Write a watched file and tell the server, as the editor's file watcher does."""
    mark = editor.mark()
    path.write_text(text, encoding="utf-8")
    await editor.files_changed(path)
    return mark


async def test_the_server_asks_to_watch_config_files(editor):
    await editor.open("posts/config.md", POST)
    watched = [
        w["globPattern"]  # register_options arrive as JSON: their type depends on the method
        for r in editor.client.registrations
        if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        for w in r.register_options["watchers"]
    ]
    assert "**/plainpost.toml" in watched and "**/pyproject.toml" in watched


async def test_a_config_change_is_picked_up(editor, workspace):
    rel = "posts/config.md"
    assert with_code(await editor.open(rel, POST), "medical-jargon")
    mark = await changed(
        editor, workspace / "plainpost.toml", CONFIG + 'ignore = ["medical-jargon"]\n'
    )
    after = await editor.wait(rel, mark, 1)
    assert not with_code(after.diagnostics, "medical-jargon")
    assert with_code(after.diagnostics, "misspelling")  # the rest still runs
    mark = await changed(editor, workspace / "plainpost.toml", CONFIG)
    assert with_code((await editor.wait(rel, mark, 1)).diagnostics, "medical-jargon")


async def test_a_vocabulary_change_is_picked_up(editor, workspace):
    rel = "posts/config.md"
    kneehab = [
        d
        for d in editor.client.diagnostics[editor.uri(rel)]
        if d.code == "misspelling" and editor.at(rel, d) == "kneehab"
    ]
    assert kneehab
    mark = await changed(editor, workspace / "vocab.txt", "Mo Farah\nkneehab\n")
    after = await editor.wait(rel, mark, 1)
    assert not [d for d in after.diagnostics if editor.at(rel, d) == "kneehab"]


async def test_a_house_rule_folder_and_its_changes(editor, workspace):
    rel = "posts/hurry.md"
    rule = workspace / "styles" / "house" / "no-hurry.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text(HOUSE_RULE.replace("{reason}", "no need to rush"), encoding="utf-8")
    await editor.open(rel, POST.replace("Try", "Hurry and try"))
    mark = await changed(
        editor, workspace / "plainpost.toml", CONFIG + 'rule_folders = ["styles"]\n'
    )
    diag = with_code((await editor.wait(rel, mark, 1)).diagnostics, "no-hurry")
    assert len(diag) == 1 and diag[0].message == "“Hurry”: no need to rush"
    assert diag[0].code_description.href == rule.resolve().as_uri()  # a house rule's doc
    mark = await changed(editor, rule, HOUSE_RULE.replace("{reason}", "take your time"))
    diag = with_code((await editor.wait(rel, mark, 1)).diagnostics, "no-hurry")
    assert diag[0].message == "“Hurry”: take your time"


async def test_a_broken_config_is_one_diagnostic_on_the_config_file(editor, workspace):
    rel = "posts/config.md"
    config = workspace / "plainpost.toml"
    broken = CONFIG + 'rule_folders = ["styles"]\nfail_on = "error"\nacept = ["names.txt"]\n'
    mark = await changed(editor, config, broken)
    on_config = await editor.wait("plainpost.toml", mark)
    assert len(on_config.diagnostics) == 1
    diag = on_config.diagnostics[0]
    assert diag.code == "config-error" and "unknown key 'acept'" in diag.message
    assert diag.range.start.line == 4  # the line with the bad key
    assert diag.severity == types.DiagnosticSeverity.Error
    assert list((await editor.wait(rel, mark, 1)).diagnostics) == []  # posts: not checked
    assert any("acept" in m.message for m in editor.client.messages)
    # still serving: a request is answered, and a fixed config brings the findings back
    assert await editor.hover(rel, types.Position(line=5, character=7)) is None
    mark = await changed(editor, config, CONFIG + 'rule_folders = ["styles"]\n')
    assert list((await editor.wait("plainpost.toml", mark)).diagnostics) == []
    assert with_code((await editor.wait(rel, mark, 1)).diagnostics, "medical-jargon")


async def test_invalid_toml_and_a_broken_rule_file(editor, workspace):
    rel = "posts/config.md"
    config = workspace / "plainpost.toml"
    mark = await changed(editor, config, CONFIG + "rule_folders = [\n")
    diag = (await editor.wait("plainpost.toml", mark)).diagnostics
    assert len(diag) == 1 and "invalid TOML" in diag[0].message
    assert list((await editor.wait(rel, mark, 1)).diagnostics) == []  # posts: not checked
    mark = await changed(editor, config, CONFIG + 'rule_folders = ["styles"]\n')
    await editor.wait("plainpost.toml", mark)
    # the post's own publish for this config, before the next change: else a late one can be
    # taken for the next change's
    assert with_code((await editor.wait(rel, mark, 1)).diagnostics, "medical-jargon")
    rule = workspace / "styles" / "house" / "no-hurry.yml"
    mark = await changed(editor, rule, "id: no-hurry\ncategory: [unclosed\n")
    on_rule = (await editor.wait("styles/house/no-hurry.yml", mark)).diagnostics
    assert len(on_rule) == 1 and "invalid YAML" in on_rule[0].message
    assert on_rule[0].range.start.line in (1, 2)
    # the broken house rule is left out; every other rule still checks the open post
    assert with_code((await editor.wait(rel, mark, 1)).diagnostics, "medical-jargon")
    mark = await changed(editor, rule, HOUSE_RULE.replace("{reason}", "no need to rush"))
    assert list((await editor.wait("styles/house/no-hurry.yml", mark)).diagnostics) == []
    assert with_code((await editor.wait(rel, mark, 1)).diagnostics, "medical-jargon")
