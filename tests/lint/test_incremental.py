"""Re-linting with a memo (the language server's case): a post edited in one place is checked
again only in the blocks that changed, and reports exactly what a cold lint of it reports,
whatever the edits (words changed, paragraphs added, removed, repeated or moved, markup and
curly quotes that leave a block's text as it was)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainpost.api import Memo, Source

REPO = Path(__file__).resolve().parents[2]
POST = REPO / "content" / "posts" / "running-and-your-knees.md"


def _paragraphs() -> tuple[str, list[str]]:
    """The post's front matter and its first paragraphs (about 300 words: the test stays
    cheap)."""
    _, front, body = POST.read_text(encoding="utf-8").split("---\n", 2)
    paragraphs, words = [], 0
    for part in body.split("\n\n"):
        if words > 300:
            break
        paragraphs.append(part)
        words += len(part.split())
    return f"---\n{front}---\n", paragraphs


FRONT, PARAGRAPHS = _paragraphs()
WORDS = ["knee", "teh", "there", "it's", "affect", "loose", "an", "recieve", "GP", "NSAIDs"]
NEW = [
    "Their are many reasons to rest.",
    "The range of exercises help you recover.",
    "Take a ibuprofen if it hurts, your GP can advise.",
    "Ice the knee. Ice the knee.",
    "- stretch after every run",
]


def _edit(paragraphs: list[str], op: tuple[str, int, int]) -> list[str]:
    kind, i, j = op
    out = list(paragraphs)
    i %= len(out)
    if kind == "word":
        words = out[i].split(" ")
        k = j % len(words)
        words[k] = WORDS[j % len(WORDS)]
        out[i] = " ".join(words)
    elif kind == "insert":
        out.insert(i, NEW[j % len(NEW)])
    elif kind == "delete" and len(out) > 1:
        del out[i]
    elif kind == "repeat":
        out.insert(j % len(out), out[i])
    elif kind == "move":
        out.insert(j % len(out), out.pop(i))
    elif kind == "markup":  # the source changes, the block's text does not
        words = out[i].split(" ")
        k = j % len(words)
        if words[k].isalpha():
            words[k] = f"**{words[k]}**"
        out[i] = " ".join(words)
    elif kind == "curly":  # folded to the same block text
        out[i] = out[i].replace("'", "’")
    return out


def _text(paragraphs: list[str]) -> str:
    return FRONT + "\n\n".join(paragraphs)


OPS = st.tuples(
    st.sampled_from(["word", "insert", "delete", "repeat", "move", "markup", "curly"]),
    st.integers(0, 50),
    st.integers(0, 50),
)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=3))
def test_relint_with_a_memo_reports_what_a_cold_lint_reports(default_linter, edits):
    memo = Memo()
    paragraphs = PARAGRAPHS
    default_linter.lint_source(Source.from_text(_text(paragraphs), "post.md"), memo)
    for op in edits:
        paragraphs = _edit(paragraphs, op)
        source = Source.from_text(_text(paragraphs), "post.md")
        warm = default_linter.lint_source(source, memo)
        cold = default_linter.lint_source(source)
        assert [f.to_dict() for f in warm] == [f.to_dict() for f in cold], op


def test_an_edit_rechecks_only_its_paragraph(default_linter):
    memo = Memo()
    first = default_linter.lint_source(Source.from_text(_text(PARAGRAPHS), "post.md"), memo)
    assert first, "the post has findings to compare"
    computed = memo.misses
    edited = _edit(PARAGRAPHS, ("insert", 2, 1))  # "The range of exercises help you recover."
    found = default_linter.lint_source(Source.from_text(_text(edited), "post.md"), memo)
    again = memo.misses - computed
    # the one new paragraph is worked out by each rule that reads blocks; nothing else is
    assert 0 < again < computed / max(len(PARAGRAPHS) - 3, 2)
    assert any(f.rule == "agreement-subject-head" for f in found)
    assert [f.to_dict() for f in found] == [
        f.to_dict() for f in default_linter.lint_source(Source.from_text(_text(edited), "post.md"))
    ]


def test_a_memo_from_another_linter_is_emptied(default_linter, language_linter):
    """A memo's values come from one linter's rules: another linter reuses none of them."""
    memo = Memo()
    text = _text(PARAGRAPHS)
    default_linter.lint_source(Source.from_text(text, "post.md"), memo)
    misses = memo.misses
    other = language_linter.lint_source(Source.from_text(text, "post.md"), memo)
    fresh = Memo()
    language_linter.lint_source(Source.from_text(text, "post.md"), fresh)
    assert memo.misses - misses == fresh.misses  # worked out again, as with a new memo
    assert len(memo) == len(fresh)
    assert [f.to_dict() for f in other] == [
        f.to_dict() for f in language_linter.lint_source(Source.from_text(text, "post.md"))
    ]
