"""Diagnostics from the real server: on open, change and save; the same findings as
`plainpost lint`, at the right UTF-16 positions; only for the posts the config selects; one
diagnostic for a file that cannot be a post."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lsprotocol import types

from tests.helpers.lsp import client_fixture, utf16_column, with_code

pytestmark = pytest.mark.asyncio(loop_scope="module")
client = client_fixture()


def cli_findings(workspace, rel):
    out = subprocess.run(
        [sys.executable, "-m", "plainpost", "lint", "--format", "json", "--no-cache", rel],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["findings"]


async def test_open_publishes_what_the_cli_finds(editor, workspace):
    diags = await editor.open("posts/seed.md")
    expected = cli_findings(workspace, "posts/seed.md")
    assert len(expected) > 30
    lines = editor.texts["posts/seed.md"].split("\n")

    def lsp(f):  # 1-based code points -> 0-based UTF-16
        start = (f["line"] - 1, utf16_column(lines[f["line"] - 1], f["column"] - 1))
        end = (f["end_line"] - 1, utf16_column(lines[f["end_line"] - 1], f["end_column"] - 1))
        return f["rule"], start, end, f["message"]

    got = sorted(
        (
            d.code,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            d.message,
        )
        for d in diags
    )
    assert got == sorted(lsp(f) for f in expected)
    its = with_code(diags, "its-it-s")[0]
    assert its.source == "plainpost"
    assert its.severity == types.DiagnosticSeverity.Warning
    assert its.code_description.href.endswith("docs/rules.md#its-it-s")
    assert editor.at("posts/seed.md", its) == "it’s"
    severities = {d.code: d.severity for d in diags}
    assert severities["page-chrome"] == types.DiagnosticSeverity.Error
    assert severities["hard-sentence"] == types.DiagnosticSeverity.Information


async def test_positions_after_emoji_curly_quotes_and_combining_marks(editor):
    # each line puts astral emoji (2 UTF-16 units), curly quotes and e + U+0301 (2 code points)
    # before the finding, so code point, UTF-16 and byte columns all differ
    text = (
        "---\ntitle: Emoji 😀\n---\n\n"
        "Cafe\u0301 “quotes” 👍🏽 and 🧑‍🦱 — it will reduce it’s ability to heal.\n\n"
        "😀😀😀 You should rest the the knee.\n"
    )
    diags = await editor.open("posts/emoji.md", text)
    its = with_code(diags, "its-it-s")
    doubled = with_code(diags, "doubled-word")
    assert len(its) == 1 and len(doubled) == 1
    line4 = text.split("\n")[4]
    assert its[0].range.start == types.Position(
        line=4, character=utf16_column(line4, line4.index("it’s"))
    )
    assert its[0].range.start.character == line4.index("it’s") + 4  # 👍🏽 🧑‍🦱: 4 astral
    assert editor.at("posts/emoji.md", its[0]) == "it’s"
    assert editor.at("posts/emoji.md", doubled[0]).lower().startswith("the the")


async def test_edits_relint_the_latest_text_only(editor):
    base = "---\ntitle: Knees\n---\n\nRest the knee.\n"
    diags = await editor.open("posts/typing.md", base)
    assert not with_code(diags, "doubled-word")
    mark = editor.mark()
    versions = [  # "the " typed after "Rest ", one keystroke at a time, in a burst
        editor.send_change("posts/typing.md", base.replace("Rest ", "Rest " + "the "[:n]))
        for n in range(1, 5)
    ]
    final = await editor.wait("posts/typing.md", mark, versions[-1])
    uri = editor.uri("posts/typing.md")
    published = [p.version for p in editor.published[mark:] if p.uri == uri]
    assert published == [versions[-1]], "stale versions were linted and published"
    assert len(with_code(final.diagnostics, "doubled-word")) == 1
    # and back: the finding goes when the text is fixed
    diags = await editor.change("posts/typing.md", base)
    assert not with_code(diags, "doubled-word")


async def test_incremental_edit_and_save(editor):
    await editor.open("posts/save.md", "---\ntitle: Save\n---\n\nRest your knee.\n")
    # the user types "it's" into a sentence (an incremental change, as editors send)
    at = types.Position(line=4, character=len("Rest your knee."))
    edit = types.TextEdit(
        range=types.Range(start=at, end=at), new_text=" It will lose it’s strength."
    )
    diags = await editor.type_edits("posts/save.md", [edit])
    assert len(with_code(diags, "its-it-s")) == 1
    saved = await editor.save("posts/save.md")
    assert [d.code for d in saved] == [d.code for d in diags]


async def test_only_posts_the_config_selects(editor):
    text = "---\ntitle: Old\n---\n\nRest the the knee.\n"
    assert await editor.open("archive/old.md", text) == []  # exclude = ["archive/**"]
    assert await editor.open(".github/template.md", text) == []  # hidden folders: not posts
    # a plain-text file is not a post: the server says nothing about it at all
    await editor.open("notes.txt", text, language="plaintext", wait=False)
    assert with_code(await editor.open("posts/selected.md", text), "doubled-word")
    assert not [p for p in editor.published if p.uri == editor.uri("notes.txt")]


async def test_binary_and_huge_buffers_get_one_diagnostic(editor):
    binary = await editor.open("posts/binary.md", "PK\x03\x04\x00\x00binary\x00junk")
    assert len(binary) == 1
    assert "binary file, not a Markdown post" in binary[0].message
    assert binary[0].severity == types.DiagnosticSeverity.Error
    assert binary[0].code == "unreadable-input"
    huge = await editor.open("posts/huge.md", "# Big\n\n" + "Rest the knee. " * 400_000)
    assert len(huge) == 1
    assert "larger than the 5 MB limit" in huge[0].message
    # the server is still there for the next post
    assert with_code(await editor.open("posts/after.md", "Rest the the knee.\n"), "doubled-word")


async def test_close_clears_the_post(editor):
    await editor.open("posts/closing.md", "Rest the the knee.\n")
    mark = editor.mark()
    editor.close("posts/closing.md")
    cleared = await editor.wait("posts/closing.md", mark)
    assert list(cleared.diagnostics) == []
