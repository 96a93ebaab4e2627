"""Finding positions (line:column:end_line:end_column, 1-based, end exclusive) for each construct.

Columns count Unicode code points; a tab is one column; front matter lines count.
"""

from __future__ import annotations

import json

import pytest

CASES = [
    ("plain", "A zebra here.\n", [(1, 3, 1, 8)]),
    ("front matter lines count", "---\ntitle: T\ntags: [a]\n---\n\nA zebra.\n", [(6, 3, 6, 8)]),
    ("front matter values are not prose", "---\ntitle: zebra\n---\nText.\n", []),
    (
        "emphasis and strong",
        "Some *zebra*, **zebra** and _zebra_.",
        [(1, 7, 1, 12), (1, 17, 1, 22), (1, 30, 1, 35)],
    ),
    ("nested emphasis", "***zebra*** and **a *zebra***", [(1, 4, 1, 9), (1, 22, 1, 27)]),
    ("strikethrough", "~~zebra~~", [(1, 3, 1, 8)]),
    (
        "link text, not its URL",
        'See [the zebra](https://zebra.org/zebra "zebra") now.',
        [(1, 10, 1, 15)],
    ),
    ("link title with a parenthesis", '[a](https://x.org "a ) zebra") and zebra', [(1, 36, 1, 41)]),
    (
        "reference link",
        'Read [the zebra][z].\n\n[z]: https://zebra.org "zebra"\n',
        [(1, 11, 1, 16)],
    ),
    (
        "collapsed and shortcut links",
        "[zebra][] and [zebra]\n\n[zebra]: https://zebra.org\n",
        [(1, 2, 1, 7), (1, 16, 1, 21)],
    ),
    ("autolinks are not prose", "<https://zebra.org> and <zebra@example.org>", []),
    ("code spans are not prose", "`zebra` and `` zebra` `` and zebra", [(1, 30, 1, 35)]),
    ("code blocks are not prose", "```\nzebra\n```\n\n    zebra\n\nText.", []),
    (
        "HTML comments are not prose",
        "<!-- zebra -->\n\nText <!-- zebra --> zebra",
        [(3, 21, 3, 26)],
    ),
    # prose inside raw HTML reaches the page, so it is checked (issue 13), at its own column
    ("HTML blocks hold prose", "<div>\nzebra\n</div>\n", [(2, 1, 2, 6)]),
    ("HTML block prose column", '<div class="x"><p>A zebra.</p></div>\n', [(1, 21, 1, 26)]),
    ("script in an HTML block is code", "<script>\nzebra\n</script>\n", []),
    ("HTML entities keep columns", "<p>&amp; zebra</p>\n", [(1, 10, 1, 15)]),
    ("inline HTML tags", '<abbr title="zebra">zebra</abbr>', [(1, 21, 1, 26)]),
    ("escapes", "\\*zebra\\* and \\[zebra\\]", [(1, 3, 1, 8), (1, 17, 1, 22)]),
    ("entities", "&amp; zebra &copy;&nbsp;zebra", [(1, 7, 1, 12), (1, 25, 1, 30)]),
    ("soft break", "One\nzebra two\n  zebra", [(2, 1, 2, 6), (3, 3, 3, 8)]),
    ("hard breaks", "One  \nzebra\\\nzebra", [(2, 1, 2, 6), (3, 1, 3, 6)]),
    ("ATX heading", "## The zebra ##\n", [(1, 8, 1, 13)]),
    ("setext heading", "The zebra\n=========\n\nSub zebra\n---\n", [(1, 5, 1, 10), (4, 5, 4, 10)]),
    ("bullet list", "- one\n- a zebra\n* zebra", [(2, 5, 2, 10), (3, 3, 3, 8)]),
    (
        "nested lists",
        "- a\n  - b zebra\n    1. c zebra\n       zebra",
        [(2, 7, 2, 12), (3, 10, 3, 15), (4, 8, 4, 13)],
    ),
    ("ordered list", "1. a\n2) b\n\n10. zebra", [(4, 5, 4, 10)]),
    ("blockquote", "> quote\n> > zebra\n> lazy\nzebra", [(2, 5, 2, 10), (4, 1, 4, 6)]),
    ("list in a blockquote", "> - a zebra\n>   more zebra", [(1, 7, 1, 12), (2, 10, 2, 15)]),
    (
        "table cells",
        "| a | b |\n|---|---|\n| x | the zebra |\n| a \\| zebra | z |",
        [(3, 11, 3, 16), (4, 8, 4, 13)],
    ),
    ("image alt text", '![a zebra](zebra.png "zebra")', [(1, 5, 1, 10)]),
    ("image inside a link", "[![zebra](z.png)](https://zebra.org)", [(1, 4, 1, 9)]),
    # footnotes hold citations: in the model (kind "footnote") but, like Sources, not checked
    ("footnote", "Text.[^1]\n\n[^1]: A zebra note.\n", []),
    (
        "CRLF line ends",
        "---\r\ntitle: T\r\n---\r\nA\r\nzebra one\r\n\r\n- zebra\r\n",
        [(5, 1, 5, 6), (7, 3, 7, 8)],
    ),
    ("tab inside a line", "A\tzebra\tzebra", [(1, 3, 1, 8), (1, 9, 1, 14)]),
    ("tab after a list marker", "-\tzebra\n\tzebra", [(1, 3, 1, 8), (2, 2, 2, 7)]),
    ("non-ASCII", "Café naïve zebra", [(1, 12, 1, 17)]),
    ("astral characters count as one column", "𝒜𝒷 🏃 zebra", [(1, 6, 1, 11)]),
    ("wide characters", "日本語 zebra", [(1, 5, 1, 10)]),
    ("curly quotes", "“zebra” and ‘zebra’", [(1, 2, 1, 7), (1, 14, 1, 19)]),
    ("byte order mark", "\ufeffA zebra", [(1, 4, 1, 9)]),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in CASES])
def test_finding_position(flag_positions, text: str, expected) -> None:
    assert flag_positions(text) == expected


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in CASES])
def test_position_slices_back_to_the_word(flag_positions, text: str, expected) -> None:
    lines = text.replace("\r\n", "\n").split("\n")
    for line, col, end_line, end_col in flag_positions(text):
        assert end_line == line
        assert lines[line - 1][col - 1 : end_col - 1] == "zebra"


def test_footnote_text_is_mapped() -> None:
    from plainpost.document import Source, parse_document

    doc = parse_document(Source.from_text("Text.[^1]\n\n[^1]: A zebra note.\n"))
    (note,) = [b for b in doc.blocks if b.kind == "footnote"]
    i = note.text.index("zebra")
    assert note.span(i, i + 5) == (doc.text.index("zebra"), doc.text.index("zebra") + 5)
    assert doc.blocks[0].footnote_refs == 1 and doc.blocks[0].text == "Text."


def test_positions_through_the_cli(tmp_path, flag_rules, monkeypatch) -> None:
    """The JSON report carries the same positions (CRLF file, front matter, list, table)."""
    from click.testing import CliRunner

    from plainpost.cli import main

    post = tmp_path / "post.md"
    post.write_bytes(
        "---\r\ntitle: T\r\n---\r\n\r\n- a zebra\r\n\r\n| x |\r\n|---|\r\n| 𝒜 zebra |\r\n".encode()
    )
    (tmp_path / "plainpost.toml").write_text(f'rule_folders = ["{flag_rules.as_posix()}"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["lint", "--format", "json", "--select", "test-flag", "post.md"]
    )
    data = json.loads(result.output)
    got = [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in data["findings"]]
    assert got == [(5, 5, 5, 10), (9, 5, 9, 10)]
    assert result.exit_code == 0  # warnings do not fail by default
