"""How the report cuts a post's text at its findings: every finding highlights exactly its own
text, its number appears once where it ends, and the text is all there, for any overlap of
findings and shaded sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plainpost.findings import Finding, Severity
from plainpost.report.model import FindingView, segment_lines

TEXT = "---\ntitle: T\n---\n\nRest in order to heal.\nIt helps.\n\n## Then\n\nWalk a bit more.\n"


def finding(start: int, end: int, rule: str = "wordy-phrase") -> Finding:
    return Finding("p.md", 1, 1, 1, 1, rule, "plain-language", Severity.INFO, "m", start=start,
                   end=end)  # fmt: skip


spans = st.tuples(st.integers(0, len(TEXT) + 3), st.integers(0, 12))


@settings(max_examples=200, deadline=None)
@given(
    marks=st.lists(spans, max_size=12),
    shades=st.lists(st.tuples(spans, st.sampled_from(["hard", "very-hard"])), max_size=4),
)
def test_every_finding_highlights_exactly_its_text(marks, shades):
    views = [FindingView(i + 1, finding(s, s + w), 0) for i, (s, w) in enumerate(marks)]
    shaded = [(s, s + w, kind) for (s, w), kind in shades]
    lines = segment_lines(TEXT, views, shaded, body_start=17)
    segments = [seg for line in lines for seg in line.segments]
    shown = "\n".join("".join(seg.text for seg in line.segments) for line in lines)
    assert shown.rstrip("\n") == TEXT.rstrip("\n")  # (refs past the end get a line of their own)
    refs = [fv.number for seg in segments for fv in seg.refs]
    assert sorted(refs) == [fv.number for fv in views]  # each number once
    n = len(TEXT)
    for fv in views:
        start, end = min(fv.finding.start, n), min(fv.finding.end, n)
        inside = [seg for seg in segments if fv in seg.findings]
        assert "".join(seg.text for seg in inside) == TEXT[start:end].replace("\n", "")
        assert all(seg.findings == sorted(seg.findings, key=lambda v: v.number) for seg in inside)
    at = 0  # each piece of text is shaded as the first sentence over it says
    for line in lines:
        for seg in line.segments:
            end = at + len(seg.text)
            want = next((k for a, b, k in shaded if min(a, n) <= at and min(b, n) >= end), "")
            assert seg.shade == (want if seg.text else seg.shade), (seg.text, at)
            at = end
        at += 1  # the newline


def test_sentences_are_shaded_by_their_rules_kind_and_severity_not_by_id(default_linter):
    """The report shades a sentence by the sentence rules in effect, whatever their ids: a
    clinic's own copy of the long-sentence rule shades too, and its findings are not marked."""
    import dataclasses

    from plainpost.report.model import shading_rules

    shipped = [r for r in default_linter.rules if r.kind == "hard-sentence"]
    assert [(s.rule, s.shade) for s in shading_rules(shipped)] == [
        ("very-hard-sentence", "very-hard"),
        ("hard-sentence", "hard"),
    ]
    ours = [dataclasses.replace(r, id=f"clinic-{r.id}") for r in shipped]
    assert [(s.rule, s.shade) for s in shading_rules(ours)] == [
        ("clinic-very-hard-sentence", "very-hard"),
        ("clinic-hard-sentence", "hard"),
    ]
    views = [FindingView(1, finding(20, 40, rule="clinic-hard-sentence"), 0)]
    lines = segment_lines(TEXT, views, [(20, 40, "hard")], 17, {"clinic-hard-sentence"})
    segments = [seg for line in lines for seg in line.segments]
    assert not any(seg.findings for seg in segments)  # shaded, not marked
    assert any(seg.shade == "hard" for seg in segments)
