"""`plainpost report` for writers on a phone (issue 13, item 5), in Chromium at 320 and 375 px
and at a desktop width: no sideways scroll, every finding's message written out (a touch screen
cannot hover), the worst posts first, the readability chart drawn against the lint gate, and
axe-core finds nothing at either width.

The posts in fixtures/report/ are made for it: one with three errors, one with two errors and a
section much harder than the rest (but a whole post under the gate), one over the gate, one of
long addresses, words and code lines that cannot wrap, one with a single note; plus the seed draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plainpost.config import Config
from plainpost.findings import Severity
from plainpost.report import ReportResult, build_report
from plainpost.report.render import short_label
from tests.helpers.runs import run_of

REPO = Path(__file__).resolve().parents[2]
POSTS = sorted((Path(__file__).parent / "fixtures" / "report").glob("*.md"))
SEED = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"
GATE = yaml.safe_load((REPO / "rules" / "readability" / "readability-grade.yml").read_text())
PHONES = (320, 375)
DESKTOP = 1280

LAYOUT = """() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    // SVG clips what overflows it: a label cut off would not show as a scroll
    clipped: [...document.querySelectorAll('svg.chart text')].filter((t) => {
        const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
        return box.right > svg.right + 0.5 || box.left < svg.left - 0.5;
    }).map((t) => t.textContent),
})"""
NOTES = """() => [...document.querySelectorAll('li.note')].map((n) => {
    const box = n.getBoundingClientRect();
    return {
        id: n.id,
        message: n.querySelector('.message').textContent,
        visible: n.checkVisibility() && box.width > 0 && box.height > 0,
        inside: box.left >= 0 && box.right <= window.innerWidth,
        post: n.closest('section.post').querySelector('h2').id,
    };
})"""
CHARTS = """() => [...document.querySelectorAll('section.post')].map((s) => ({
    post: s.querySelector('h2').id,
    bars: [...s.querySelectorAll('svg.chart rect')].map((r) => [
        r.previousElementSibling.textContent, r.dataset.status, r.getAttribute('fill'),
        r.dataset.formula, parseFloat(r.dataset.limit)]),
    short: [...s.querySelectorAll('svg.chart text.short')].map((t) => t.textContent),
}))"""


@pytest.fixture(scope="module")
def phone_report(tmp_path_factory, default_linter) -> tuple[Path, ReportResult]:
    result = build_report(
        run_of(Config(root=REPO), linter=default_linter), [*POSTS, SEED], use_cache=False, jobs=1
    )
    out = tmp_path_factory.mktemp("phone-report") / "report.html"
    out.write_text(result.html, encoding="utf-8")
    return out, result


@pytest.fixture
def report_page(phone_report, browser_page) -> Any:
    visit = browser_page(phone_report[0].as_uri())
    yield visit
    assert visit.problems() == []


def test_no_sideways_scroll_on_a_phone(report_page, run_axe, describe_violations):
    page = report_page.page
    for width in (*PHONES, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        layout = page.evaluate(LAYOUT)
        assert layout["innerWidth"] == width
        assert layout["scrollWidth"] <= width, f"{layout['scrollWidth']} px wide at {width} px"
        assert layout["clipped"] == [], f"chart labels cut off at {width} px"
        if width in (375, DESKTOP):
            violations = run_axe(page)
            assert violations == [], f"at {width} px:\n" + describe_violations(violations)


def test_every_message_is_written_out_beside_its_text(phone_report, report_page):
    """No hover needed: each finding's message is shown under the line it is on, inside the
    screen, in its own post's section; the numbers run in the order the page shows them."""
    _, result = phone_report
    page = report_page.page
    page.set_viewport_size({"width": 375, "height": 800})
    notes = {n["id"]: n for n in page.evaluate(NOTES)}
    views = [fv for post in result.posts for fv in post.findings]
    assert len(views) == len(result.findings) > 40
    assert [fv.number for fv in views] == list(range(1, len(views) + 1))
    for post in result.posts:
        for fv in post.findings:
            note = notes.pop(f"note-{fv.number}")
            assert note["message"] == fv.finding.message
            assert note["visible"] and note["inside"], note
            assert note["post"] == post.anchor
    assert notes == {}  # and no note without a finding


def test_worst_posts_come_first(phone_report, report_page):
    _, result = phone_report
    by_path: dict[str, list[Severity]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f.severity)
    given = [str(p) for p in (*POSTS, SEED)]  # the order the files were given in

    def worst_first(post: Any) -> tuple[int, int, int, int]:
        found = by_path.get(post.path, [])
        return (-found.count(Severity.ERROR), -found.count(Severity.WARNING), -len(found),
                next(i for i, g in enumerate(given) if g.endswith(post.path)))  # fmt: skip

    titles = [p.title for p in sorted(result.posts, key=worst_first)]
    page = report_page.page
    assert page.locator("main section.post h2").all_inner_texts() == titles
    assert page.locator("nav.posts li a").all_inner_texts() == titles
    # the fixtures: 3 errors, 2 errors, then no errors and 3, 2 and no warnings
    fixtures = ["Ankle pain", "Easing heel pain", "Managing tendon problems",
                "A post with a very long address", "Looking after a stiff neck"]  # fmt: skip
    order = [next(i for i, t in enumerate(titles) if t.startswith(f)) for f in fixtures]
    assert order == sorted(order)
    assert sorted(POSTS)[0].stem == "hard-post"  # by name they would come in another order


def test_chart_is_drawn_against_the_lint_gate(phone_report, report_page):
    """As the readability rule judges: SMOG against its limit from its number of sentences,
    else Flesch-Kincaid against its limit plus a margin; red only where the post has that rule's
    finding (a hard section of a post under the gate is brown, not red); text shorter than the
    rule's minimum is not scored."""
    _, result = phone_report
    options = GATE["options"]
    over_gate = {
        p.anchor for p in result.posts if any(fv.finding.rule == GATE["id"] for fv in p.findings)
    }
    charts = {c["post"]: c for c in report_page.page.evaluate(CHARTS)}
    titles = {p.anchor: p.title for p in result.posts}
    statuses: set[str] = set()
    formulas: set[str] = set()
    for post in result.posts:
        chart = charts[post.anchor]
        if post.scores is None:
            continue
        scored = [("Whole post", post.scores)] + [(s.title, s.scores) for s in post.sections]
        drawn = {label: rest for label, *rest in chart["bars"]}
        for label, scores in scored:
            shown = short_label(label)
            if scores.sentences < options["min_sentences"]:
                assert shown not in drawn  # too short: a note, no bar
                assert any(s.startswith("too short") for s in chart["short"])
                continue
            status, fill, formula, limit = drawn[shown]
            statuses.add(status)
            formulas.add(formula)
            if scores.sentences >= options["smog_sentences"]:
                assert (formula, limit) == ("SMOG", options["smog_max"])
                value = scores.smog
            else:
                assert formula == "Flesch-Kincaid" and limit >= options["fk_grade_max"]
                value = scores.fk_grade
            red = status == "over" or fill.lower() == "#b71c1c"
            finding = label == "Whole post" and post.anchor in over_gate
            where = (titles[post.anchor], label, status)
            assert finding or not red, where  # never red without a finding
            assert red or not (finding and value > limit), where
            assert (value > limit) == (status in ("over", "above")), (where, value, limit)
    assert {"ok", "above", "over"} <= statuses
    assert formulas == {"SMOG", "Flesch-Kincaid"}
    hard_section = next(p for p in result.posts if p.title == "Easing heel pain")
    assert hard_section.anchor not in over_gate
    assert [s for _, s, *_ in charts[hard_section.anchor]["bars"]].count("above") >= 1
