"""Issue 11, the clean control: professionally edited NHS pages (../shared/peer-suites/readability/
nhs/, not committed here) draw few spelling and grammar alarms, of any severity, counted per 1,000
prose words as bench/accuracy/score.py --clean counts them. One linter for all pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plainpost.api import Source, build_linter, load_config
from tests.helpers.bench import bench_module

REPO = Path(__file__).resolve().parents[2]
NHS = REPO.parent / "shared" / "peer-suites" / "readability" / "nhs"
# 4.7 per 1,000 words before issue 11's second round, 2.59 after it; the issue asks for 0.5.
# Measured 0.47 (13 alarms in 27,389 words) in its third round, most of them real slips in the
# pages ("the the", "A femoral hernia also show", "run it's course", four comma splices,
# "teatowel"); with Debian's hunspell-en-med installed, as CI installs it.
BOUND = 0.5

MEDICAL_DIC = Path("/usr/share/hunspell/en_med_glut.dic")  # rules/vocab/dictionaries.yml

pytestmark = [
    pytest.mark.skipif(not NHS.is_dir(), reason=f"NHS control pages absent: {NHS}"),
    pytest.mark.skipif(
        not (MEDICAL_DIC.is_file() or os.environ.get("CI")),
        reason="Debian's hunspell-en-med is not installed (the bound is measured with it; "
        "CI installs it)",
    ),
]


def test_nhs_pages_draw_few_spelling_and_grammar_alarms(tmp_path):
    pages = sorted(NHS.glob("*.md"))
    assert len(pages) >= 40, "the control has 49 pages"
    linter = build_linter(load_config(start=tmp_path), select=["spelling", "grammar"])
    prose_words = bench_module("accuracy/score.py").prose_words
    words, found = 0, []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        words += prose_words(text)
        found += [
            f"{page.name}:{f.line} {f.rule}: {text[f.start : f.end]!r}"
            for f in linter.lint_source(Source.from_text(text, str(page)))
        ]
    rate = 1000 * len(found) / words
    assert rate <= BOUND, f"{rate:.2f} per 1,000 words ({len(found)} in {words}):\n" + "\n".join(
        found
    )
