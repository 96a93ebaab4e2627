"""The health rules on posts they were not written against.

unseen/bad: every planted health defect (safety note, claim, unsafe advice, review metadata, jargon,
wordiness) is reported at its line; the health packs report nothing on lines the fixture does not
list, apart from the few extras named below with the reason they are right.
unseen/clean and content/posts: nothing from the health and plain-language packs.
"""

from __future__ import annotations

import pytest

from tests.helpers.rules import HEALTH_IDS, PLAIN_IDS, REPO, expectations

BAD = sorted((REPO / "tests/fixtures/unseen/bad").glob("*.md"))
CLEAN = sorted((REPO / "tests/fixtures/unseen/clean").glob("*.md")) + sorted(
    (REPO / "content/posts").glob("*.md")
)

# fixture wording -> the rule that must report it
EXPECT_RULES: list[tuple[str, str]] = [
    ("ice advice", "ice-safety-note"),
    ("heat advice", "heat-safety-note"),
    ("painkiller advice", "painkiller-safety-note"),
    ("supplement advice", "supplement-safety-note"),
    ("uncited research claim", "uncited-claim"),
    ("uncited claim", "uncited-claim"),
    ("unsafe advice", "push-through-pain"),
    ("no reviewed_by", "reviewer-missing"),
    ("no author", "author-missing"),
    ("no last_reviewed", "review-date-missing"),
    ("last_reviewed is more than", "review-out-of-date"),
    ("jargon:", "medical-jargon"),
    ("wordy:", "wordy-phrase"),
    ('no "Sources"', "sources-section"),
]

# Whole-post findings that the core anchors elsewhere (the missing Sources section is reported
# at the end of the post, where it should go).
WHOLE_POST = {"sources-section"}

# Planted defects we deliberately do not report, and why.
NOT_REPORTED = {
    # "idiopathic, which means no cause is found": the term is explained where it is used, and
    # the issue asks for explained terms not to be flagged (the same rule keeps the clean posts'
    # "an NSAID, like ibuprofen" quiet).
    ("migraine.md", 30, "medical-jargon"),
}

# Health findings on lines the fixture does not list, each correct on its own.
EXTRA_OK = {
    # "one of the most common injuries": a post about an injury with no when-to-see-a-doctor
    # red flags (the fixture lists only the missing section, at line 1).
    ("hamstring-strain.md", 12, "red-flags-note"),
    # "WARNING: Worried about a frozen shoulder?": the first mention of the condition in a
    # post that never says when to see a doctor.
    ("shoulder-pain.md", 19, "red-flags-note"),
}


def _rule_for(description: str) -> str | None:
    for needle, rule in EXPECT_RULES:
        if needle in description:
            return rule
    return None


def _expected(path):
    out = []
    for line, desc in expectations(path.read_text(encoding="utf-8")):
        rule = _rule_for(desc)
        if rule and (path.name, line, rule) not in NOT_REPORTED:
            out.append(pytest.param(path, line, rule, desc, id=f"{path.stem}:{line}:{rule}"))
    return out


@pytest.mark.parametrize(
    ("path", "line", "rule", "desc"), [p for path in BAD for p in _expected(path)]
)
def test_planted_defect_is_reported_at_its_line(path, line, rule, desc, lint_file):
    anywhere = rule in WHOLE_POST  # line 1 stands for "the whole post"
    found = [f for f in lint_file(path) if f.rule == rule and (anywhere or f.line == line)]
    assert found, f"{path.name}:{line}: expected {rule} for “{desc}”"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_no_health_finding_on_unlisted_lines(path, lint_file):
    listed = {line for line, _ in expectations(path.read_text(encoding="utf-8"))}
    extra = [
        f"{f.line}: {f.rule}: {f.message[:80]}"
        for f in lint_file(path)
        if f.rule in HEALTH_IDS
        and f.line not in listed
        and (path.name, f.line, f.rule) not in EXTRA_OK
    ]
    assert not extra, "\n".join(extra)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_posts_stay_quiet(path, lint_file):
    noisy = [
        f"{f.line}:{f.column}: {f.rule}: {f.message[:100]}"
        for f in lint_file(path)
        if f.rule in HEALTH_IDS | PLAIN_IDS
    ]
    assert not noisy, "\n".join(noisy)


def test_fixture_lists_are_read():
    """Guard against a silently empty parametrisation."""
    assert len(BAD) >= 4 and len(CLEAN) >= 9
    assert sum(len(_expected(p)) for p in BAD) >= 40
