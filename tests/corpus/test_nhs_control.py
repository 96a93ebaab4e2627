"""Issue 12, the clean control: professionally edited NHS pages (../shared/peer-suites/readability/
nhs/, not committed here) draw few warnings or errors from the health checks.

The bound is on the health categories (claims, safety, plain language, page chrome,
accessibility, structure, readability), warnings and errors, per 1,000 prose words, counted as
bench/accuracy/score.py counts them; front-matter metadata findings (review, front-matter kinds)
are left out because the pages never had front matter. Spelling and grammar are measured by the
same benchmark (`score.py --clean`) and bounded by the language issue's tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpost.api import Source, build_linter, load_config
from plainpost.findings import Severity
from tests.helpers.bench import bench_module

REPO = Path(__file__).resolve().parents[2]
NHS = REPO.parent / "shared" / "peer-suites" / "readability" / "nhs"
HEALTH = {
    "claims",
    "safety",
    "plain-language",
    "boilerplate",
    "accessibility",
    "structure",
    "readability",
}
METADATA_KINDS = {"review", "front-matter"}
BOUND = 1.45  # health warnings and errors per 1,000 words: 8.8 before issue 12, 6.7 after its
# first landing, 4.8 after its second, 1.79 after its third, 1.42 after its fourth; the issue
# asks for 2 over all categories

pytestmark = pytest.mark.skipif(not NHS.is_dir(), reason=f"NHS control pages absent: {NHS}")


def test_nhs_pages_draw_few_health_warnings(tmp_path):
    pages = sorted(NHS.glob("*.md"))
    assert len(pages) >= 40, "the control has 49 pages"
    linter = build_linter(load_config(start=tmp_path), ignore=["spelling", "grammar"])
    metadata = {r.id for r in linter.rules if r.kind in METADATA_KINDS}
    prose_words = bench_module(
        "accuracy/score.py"
    ).prose_words  # words counted as the accuracy benchmark counts them
    words = 0
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        words += prose_words(text)
        for f in linter.lint_source(Source.from_text(text, str(page))):
            if f.category in HEALTH and f.rule not in metadata and f.severity >= Severity.WARNING:
                found.append(f)
    rate = 1000 * len(found) / words
    worst = sorted({f.rule for f in found}, key=lambda r: -sum(f.rule == r for f in found))
    assert rate <= BOUND, f"{rate:.2f} per 1,000 words ({len(found)} in {words}); by rule: {worst}"
