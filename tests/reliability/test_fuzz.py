"""The fuzz test (issue 15): Hypothesis over Markdown built from CommonMark's pieces (headings,
lists, quotes, fences, links, images, footnotes, code spans, HTML comments, emphasis, raw
characters), over front matter (valid and broken YAML, odd values) and over file names (bytes
that are not UTF-8, a leading dash, spaces). It asserts what a user relies on:

* no traceback: the public API raises nothing but a one-line ``InputError`` for a post;
* every finding lies inside the source (its line and column within the text, its offsets too);
* ``fix`` (and ``fix --notes``) settles: a second run changes nothing, and no link (or its
  text), image, footnote, code span, comment or emphasis is ever removed;
* the command line, over a folder of odd names, exits 0, 1 or 2 with no traceback and names
  only files that are there.

The Markdown and front matter cases run in-process on the shared linter (a post is short: a
few milliseconds of linting each; 30 examples, PLAINPOST_FUZZ_EXAMPLES=1000 to hunt); the file
names take two subprocess runs. In CI the examples are derandomized (the "ci" profile in
tests/conftest.py), so a failure replays.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainpost.document import InputError, Source
from plainpost.fix import fix_post, note_rules
from tests.helpers.markup import Remembering, lost
from tests.reliability.conftest import PLAINPOST, clean_env

# --- Markdown ------------------------------------------------------------------------------

# words that make fixes fire: doubled words, a/an, its/it's, safety triggers
WORDS = ["the", "The", "a", "an", "apple", "hour", "US", "its", "it's", "ice", "knee", "pain",
         "rest", "for", "paracetamol", "Paracetamol", "café", "x-ray", "then", "than"]  # fmt: skip
ODD = ["[", "]", "(", ")", "*", "_", "`", "<", ">", "\\", "!", "#", "&amp;", "&#0;", "\t",
       "\u00a0", "\u200b", "’", "🏃", "|", "~", "^", "\r", "\r\n", "  \n"]  # fmt: skip
URLS = ["https://example.org", "https://example.org/a b", "/rel", "#top", "mailto:x@example.org",
        "javascript:alert(1)", "<https://example.org>", ""]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 11 if depth < 2 else 2))
        if kind <= 1:
            pieces.append(draw(words))
        elif kind == 2:
            pieces.append(draw(st.sampled_from(ODD)))
        elif kind == 3:
            pieces.append(f"[{draw(inline(depth + 1))}]({draw(st.sampled_from(URLS))})")
        elif kind == 4:
            pieces.append(f"![{draw(words)}]({draw(st.sampled_from(['i.png', 'a b.png', '']))})")
        elif kind == 5:
            pieces.append(f"[^{draw(st.sampled_from(['1', 'n', 'a b']))}]")
        elif kind == 6:
            pieces.append(f"`{draw(words)}`")
        elif kind == 7:
            pieces.append(f"<!-- {draw(words)} -->")
        elif kind == 8:
            mark = draw(st.sampled_from(["*", "_", "**", "__", "~~"]))
            pieces.append(f"{mark}{draw(inline(depth + 1))}{mark}")
        elif kind == 9:
            pieces.append(f"<b>{draw(words)}</b>")
        elif kind == 10:
            pieces.append(draw(st.text(max_size=6)))  # anything at all
        else:
            pieces.append(draw(words) + draw(st.sampled_from([".", ",", "!", "?", ":"])))
    sep = draw(st.sampled_from([" ", "", "\n"]))
    return sep.join(pieces)


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    text = draw(inline())
    if kind == 0:
        return f"{'#' * draw(st.integers(1, 7))} {text}"
    if kind == 1:
        bullet = draw(st.sampled_from(["-", "*", "1.", "2)", "•"]))
        items = draw(st.lists(inline(), min_size=1, max_size=3))
        indent = draw(st.sampled_from(["", "  ", "    "]))
        return "\n".join(f"{indent * (i % 2)}{bullet} {item}" for i, item in enumerate(items))
    if kind == 2:
        return "> " + text.replace("\n", "\n> ")
    if kind == 3:
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        return f"{fence}{draw(st.sampled_from(['', 'md', 'python']))}\n{text}\n{fence}"
    if kind == 4:
        return f"<!-- {text} -->"
    if kind == 5:
        return f"[^{draw(st.sampled_from(['1', 'n']))}]: {text}"
    if kind == 6:
        return f"<div>\n{text}\n</div>"
    if kind == 7:
        return f"| {text} | b |\n|---|---|\n| c | d |"
    return text


bodies = st.lists(block(), min_size=0, max_size=6).map("\n\n".join)

# --- front matter ----------------------------------------------------------------------------

VALUES = ["Knee pain", "", "'unclosed", '"x', "[a, b", "{a: 1", "!!int abc", "!!binary x",
          "2026-02-30", "2026-13-45", "2026-10-01", "9" * 400, "[" * 50 + "]" * 50, "~", "null",
          "&a [*a, *a]", "*nowhere", "yes", "0x1F", "1e400", ".nan", "- a\n- b", "|\n  block",
          ">-\n  folded", "\t tab", "a: b: c", "?", "%TAG", "\x00", "\u202e"]  # fmt: skip
KEYS = ["title", "description", "author", "reviewed_by", "last_reviewed", "date", "lang",
        "tags", "type", "slug", "title", "x", "<<", "? complex"]  # fmt: skip

front_matter = st.one_of(
    st.just(""),
    st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=6).map(
        lambda pairs: "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\n\n"
    ),
    st.sampled_from(
        [
            "---\n",
            "---\ntitle: x\n",
            "---\n---\n",
            "+++\ntitle = 1\n+++\n",
            "---\na: &a [1]\nb: [*a, *a, *a]\n---\n",
            "---\n- a list\n---\n",
        ]
    ),
)

posts = st.builds(lambda fm, body, end: fm + body + end, front_matter, bodies,
                  st.sampled_from(["", "\n", "\r\n", "\n\n\n"]))  # fmt: skip


def _inside(text: str, findings) -> list[str]:
    lines = text.split("\n")
    bad = []
    for f in findings:
        where = (f.line, f.column, f.end_line, f.end_column)
        ok = (
            1 <= f.line <= f.end_line <= len(lines)
            and 1 <= f.column <= len(lines[f.line - 1]) + 1
            and 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1
            and (f.line, f.column) <= (f.end_line, f.end_column)
            and 0 <= f.start <= f.end <= len(text)
        )
        if not ok:
            bad.append(f"{f.rule} at {where} ({f.start}-{f.end}) outside the text")
    return bad


@pytest.fixture(scope="module")
def linter(default_linter) -> Remembering:
    return Remembering(default_linter)


@settings(
    max_examples=int(os.environ.get("PLAINPOST_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(raw=posts)
def test_fuzz_lint_and_fix_in_process(linter, raw):
    source = Source.from_text(raw, "post.md")
    try:
        findings = linter.lint_document(linter.parse(source))
    except InputError as exc:  # a post that cannot be checked: one line, naming it
        assert "\n" not in str(exc) and "post.md" in str(exc)
        assert "internal error" not in str(exc), exc
        return
    assert not _inside(source.text, findings)
    for notes in (frozenset(), note_rules(linter.linter, True)):
        first = fix_post(raw, "post.md", linter, notes)  # type: ignore[arg-type]
        second = fix_post(first.raw, "post.md", linter, notes)  # type: ignore[arg-type]
        assert second.raw == first.raw, (first.applied, second.applied)
        assert not lost(raw, first.raw), (raw, first.raw)


# --- file names: two runs of the command line ---------------------------------------------

name_bytes = st.builds(
    lambda lead, stem, ext: lead + stem + ext,
    st.sampled_from([b"", b"-", b"--", b" ", b"-n ", b"."]),
    st.lists(
        st.sampled_from(
            [
                b"a",
                b"knee",
                b" ",
                b"-",
                b"\xe9",
                b"\xff",
                b"\xc3",
                "é".encode(),
                b"\t",
                b"'",
                b'"',
                b"$",
                b"*",
                b"%E9",
            ]
        ),
        min_size=1,
        max_size=5,
    ).map(b"".join),
    st.sampled_from([b".md", b".md", b".MD", b".markdown", b".md "]),
)


@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    files=st.lists(st.tuples(name_bytes, posts), min_size=6, max_size=10, unique_by=lambda t: t[0])
)
def test_fuzz_file_names_through_the_command_line(files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("names")
    posts_dir = os.fsencode(folder / "posts")
    os.mkdir(posts_dir)
    names = set()
    for name, text in files:
        with open(posts_dir + b"/" + name, "wb") as fh:
            fh.write(text.encode("utf-8", "surrogatepass"))
        names.add(b"posts/" + name)
    env = clean_env(PLAINPOST_RULEBOOK_CACHE=str(folder / "rulebook"))
    runs = []
    for args in (["lint", "posts", "--format", "json", "--no-cache"], ["fix", "posts", "--notes"]):
        done = subprocess.run(
            [*PLAINPOST, *args], cwd=folder, env=env, capture_output=True, timeout=300, check=False
        )
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode in (0, 1, 2), err
        assert "Traceback" not in err, err
        runs.append(done)
    doc = json.loads(runs[0].stdout.decode("utf-8"))  # valid UTF-8, whatever the names
    assert {os.fsencode(f["path"]) for f in doc["findings"]} <= names
