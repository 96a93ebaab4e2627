"""`fix` and `fix --notes` over every post of the project's corpora (content/, the accuracy
corpus) and the CommonMark spec's examples: a second run changes nothing, and no link (or its
text), image, footnote, code span, comment or emphasis is ever removed. In-process with the
shared linter, whose findings are remembered by text (linting is a pure function of the text), so
a second run costs no lint of what the first already linted; a post the first run (``--notes``)
does not change is done, and plain `fix` is tried where ``--notes`` made a fix that is not a
note (their fixes come from one function; plain `fix` only leaves the notes out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainpost.fix import fix_post, note_rules
from tests.helpers.markup import Remembering, lost

REPO = Path(__file__).resolve().parents[2]
COMMONMARK = REPO.parent / "shared" / "peer-suites" / "commonmark" / "spec-examples.json"


def _corpus(name: str) -> list[tuple[str, str]]:
    if name == "commonmark":
        if not COMMONMARK.is_file():
            pytest.skip(f"{COMMONMARK} is absent (the CommonMark spec examples)")
        examples = json.loads(COMMONMARK.read_text(encoding="utf-8"))
        return [(f"commonmark-{e['example']}.md", e["markdown"]) for e in examples]
    folder = REPO / name
    return [
        (p.relative_to(REPO).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(folder.rglob("*.md"))
    ]


@pytest.fixture(scope="module")
def linter(default_linter) -> Remembering:
    return Remembering(default_linter)


@pytest.mark.parametrize("corpus", ["content", "bench/accuracy/corpus", "commonmark"])
def test_fix_twice_changes_nothing_the_second_time_and_keeps_all_markup(corpus, linter):
    posts = _corpus(corpus)
    assert posts
    notes = note_rules(linter.linter, True)
    problems, fixed = [], 0
    for path, raw in posts:
        for mode in (notes, frozenset()):
            first = fix_post(raw, path, linter, mode)  # type: ignore[arg-type]
            if not first.applied:
                break
            fixed += 1
            second = fix_post(first.raw, path, linter, mode)  # type: ignore[arg-type]
            label = f"{path} ({'--notes' if mode else 'fix'})"
            if second.raw != first.raw:
                problems.append(f"{label}: the second run changed it again: {second.applied}")
            gone = lost(raw, first.raw)
            if gone:
                problems.append(f"{label}: removed {dict(gone)}")
            if all(e.note for e in first.applied):
                break  # plain fix would make none of these
    assert not problems, "\n".join(problems)
    if corpus != "commonmark":
        assert fixed  # the corpora hold fixes to make (this test is not vacuous)
