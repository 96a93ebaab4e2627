"""Code actions and hover from the real server: each action applied as an editor applies it,
then re-linted by the server, and the finding it was for is gone."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from lsprotocol import types

from tests.helpers.lsp import client_fixture, with_code

pytestmark = pytest.mark.asyncio(loop_scope="module")
client = client_fixture()

REASON = "reason: say why this rule does not apply here"  # the placeholder the writer replaces
FRONT = "---\ntitle: Knees\nauthor: Sam Whitfield\n---\n\n"


def one(diags, code):
    found = with_code(diags, code)
    assert len(found) == 1, [d.code for d in diags]
    return found[0]


def titled(actions, start):
    found = [a for a in actions if a.title.startswith(start)]
    assert found, [a.title for a in actions]
    return found[0]


async def test_safe_fix_is_the_preferred_quick_fix(editor):
    rel = "posts/safe.md"
    diags = await editor.open(rel, FRONT + "Not running will reduce it’s ability to cope.\n")
    its = one(diags, "its-it-s")
    actions = await editor.actions(rel, its)
    fix = titled(actions, "Fix: Replace “it’s” with “its”")
    assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
    assert [a for a in actions if a.is_preferred] == [fix]
    after = (await editor.apply(fix.edit))[rel]
    assert "reduce its ability" in editor.texts[rel]
    assert not with_code(after, "its-it-s")


async def test_other_suggestions_are_plain_quick_fixes(editor):
    rel = "posts/jargon.md"
    diags = await editor.open(rel, FRONT + "Your prognosis is good.\n")
    jargon = one(diags, "medical-jargon")
    actions = await editor.actions(rel, jargon)
    swap = titled(actions, "Replace “prognosis” with “outlook”")
    assert not swap.is_preferred
    after = (await editor.apply(swap.edit))[rel]
    assert "Your outlook is good." in editor.texts[rel]
    assert not with_code(after, "medical-jargon")


async def test_insert_the_standard_safety_note(editor, repo):
    rel = "posts/ice.md"
    diags = await editor.open(rel, FRONT + "Hold a bag of frozen peas on the knee after a run.\n")
    ice = one(diags, "ice-safety-note")
    action = titled(await editor.actions(rel, ice), "Insert the standard safety note")
    after = (await editor.apply(action.edit))[rel]
    snippet = (repo / "rules" / "snippets" / "ice.md").read_text(encoding="utf-8").strip()
    assert snippet.split("\n")[0][:40] in editor.texts[rel]
    assert not with_code(after, "ice-safety-note")


async def test_disable_here_with_a_reason_keeps_the_paragraph_whole(editor):
    rel = "posts/disable.md"
    paragraph = (
        "Knee pain is common in runners.\nYour prognosis is good if you rest.\n"
        "Most get back to running.\n"
    )
    diags = await editor.open(rel, FRONT + paragraph)
    jargon = one(diags, "medical-jargon")
    assert jargon.range.start.line == 6  # the paragraph's second line
    action = titled(await editor.actions(rel, jargon), "Disable medical-jargon here, with a reason")
    after = (await editor.apply(action.edit))[rel]
    text = editor.texts[rel]
    opening = "<!-- plainpost-disable medical-jargon -- " + REASON + " -->\n"
    assert opening + paragraph + "<!-- plainpost-enable medical-jargon -->\n" in text
    assert not with_code(after, "medical-jargon")
    assert not with_code(after, "unused-suppression")
    assert not with_code(after, "invalid-suppression")


async def test_disable_a_one_line_block_with_next_line(editor):
    rel = "posts/disable-one.md"
    diags = await editor.open(rel, FRONT + "Your prognosis is good.\n\nRest well.\n")
    action = titled(await editor.actions(rel, one(diags, "medical-jargon")), "Disable")
    after = (await editor.apply(action.edit))[rel]
    directive = "<!-- plainpost-disable-next-line medical-jargon -- " + REASON + " -->\n"
    assert directive + "Your prognosis is good.\n" in editor.texts[rel]
    assert not with_code(after, "medical-jargon") and not with_code(after, "unused-suppression")


async def test_no_disable_in_front_matter(editor):
    rel = "posts/no-author.md"
    diags = await editor.open(rel, "---\ntitle: Knees\n---\n\nRest the knee.\n")
    author = one(diags, "author-missing")
    titles = [a.title for a in await editor.actions(rel, author)]
    assert not [t for t in titles if t.startswith("Disable")]


async def test_add_a_word_to_the_vocabulary(editor, workspace):
    rel = "posts/names.md"
    diags = await editor.open(rel, FRONT + "Try our kneehab plan after a run.\n")
    spelling = [d for d in with_code(diags, "misspelling") if editor.at(rel, d) == "kneehab"]
    assert len(spelling) == 1
    action = titled(await editor.actions(rel, spelling[0]), "Add “kneehab” to the vocabulary")
    assert action.command.command == "plainpost.addToVocabulary"
    mark = editor.mark()
    await editor.client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments
        )
    )
    assert (workspace / "vocab.txt").read_text(encoding="utf-8").splitlines()[-1] == "kneehab"
    after = await editor.wait(rel, mark, editor.versions[rel])
    assert not [
        d for d in with_code(after.diagnostics, "misspelling") if editor.at(rel, d) == "kneehab"
    ]


async def test_fix_all_safe_problems_matches_plainpost_fix(editor, workspace, tmp_path):
    rel = "posts/fix-all.md"
    text = FRONT + (
        "Rest the the knee for a hour. Not running will reduce it’s ability to cope.\n\n"
        "Your prognosis is good.\n"
    )
    diags = await editor.open(rel, text)
    safe = [d for d in diags if d.data["safe_fix"]]
    assert {d.code for d in safe} >= {"doubled-word", "its-it-s"}
    # the quick-fix menu offers it beside the finding's own fix
    menu = await editor.actions(rel, one(diags, "its-it-s"))
    assert titled(menu, "Fix all safe problems in this file").kind == "quickfix"
    # and so does the "fix all" an editor runs on save
    actions = await editor.actions(rel, safe[0], only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.plainpost"]
    assert actions[0].edit is None  # computed on resolve: it re-lints
    resolved = await editor.client.code_action_resolve_async(actions[0])
    after = (await editor.apply(resolved.edit))[rel]
    assert not [d for d in after if d.data["safe_fix"]]
    assert with_code(after, "medical-jargon")  # not a safe fix: left for the writer
    # the same text as `plainpost fix` writes for the same post
    copy = workspace / "posts" / "fix-all-cli.md"
    shutil.copy(workspace / rel, copy)
    subprocess.run(
        [sys.executable, "-m", "plainpost", "fix", str(copy)],
        cwd=workspace,
        check=True,
        capture_output=True,
    )
    assert editor.texts[rel] == copy.read_text(encoding="utf-8")


async def test_hover_shows_the_rule_doc(editor, repo):
    rel = "posts/hover.md"
    diags = await editor.open(rel, FRONT + "Not running will reduce it’s ability to cope.\n")
    its = one(diags, "its-it-s")
    inside = types.Position(line=its.range.start.line, character=its.range.start.character + 1)
    hover = await editor.hover(rel, inside)
    text = hover.contents.value
    assert text.startswith("**plainpost** [`its-it-s`](") and its.message in text
    for heading in ("**Why is this bad?**", "**Example**", "**Use instead**", "**Source.**"):
        assert heading in text
    assert hover.range == its.range
    nothing = await editor.hover(rel, types.Position(line=6, character=0))  # the last, empty line
    assert nothing is None
