"""Issue 12, done when: the project's own generated corpus (bench/corpus.py) no longer has every
post refused. The posts it draws clean (no planted defect) have no error-level finding, so
`plainpost build` publishes them; the posts with planted defects are still refused."""

from __future__ import annotations

import random

from plainpost.document import Source
from plainpost.findings import Severity

POSTS = 24  # 10 of them drawn clean with seed 0


def test_clean_generated_posts_pass_and_the_others_are_refused(corpus_module, default_linter):
    rng = random.Random(0)
    refused: dict[bool, list[str]] = {True: [], False: []}
    drawn_clean = 0
    for i in range(POSTS):
        stem, text, clean = corpus_module.render_labelled(i, rng)
        drawn_clean += clean
        found = default_linter.lint_source(Source.from_text(text, f"{stem}.md"))
        errors = [f"{f.rule} at {f.line}" for f in found if f.severity >= Severity.ERROR]
        if errors:
            refused[clean].append(f"{stem}: {', '.join(errors)}")
    assert drawn_clean >= 4, "the generator draws about a quarter of its posts clean"
    assert refused[True] == [], "clean posts refused:\n" + "\n".join(refused[True])
    assert len(refused[False]) >= POSTS // 2, "planted defects still refuse most other posts"
