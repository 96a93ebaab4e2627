"""The report as one self-contained HTML page: Jinja2 (autoescape), inline CSS, JS and SVG.

Nothing is fetched: styles and the small sorting/filtering script are inlined, the charts are
inline SVG, and a Content Security Policy allows only those two inline blocks (by hash), so
even a post that smuggles in markup cannot load anything. Post text only ever reaches the page
through autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from plainpost.findings import CATEGORIES
from plainpost.report.model import PostView, Thresholds


def _static(name: str) -> str:
    return resources.files("plainpost.report").joinpath("templates", name).read_text("utf-8")


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("plainpost.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        keep_trailing_newline=True,
        trim_blocks=False,
    )


# how a bar is drawn: (fill, what the label says after the grade)
BAR = {
    "ok": ("#2e7d32", ""),
    "above": ("#8a4b00", "above the aim"),  # a section: the gate is on the whole post only
    "over": ("#b71c1c", "over the gate"),
    "short": ("#767676", "too short to score"),
}


LABEL_CHARS = 36  # a chart label longer than this is cut (the table below has it in full)


def short_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_status(value: float, limit: float, short: bool, whole: bool, found: bool) -> str:
    """What the lint gate makes of a row: red ("over") only where there is a finding.

    The gate is the readability rule's, on the whole post only, so a section is at worst
    "above"; text shorter than its minimum is not scored.
    """
    if short:
        return "short"
    if value <= limit:
        return "ok"
    return "over" if whole and found else "above"


def chart(post: PostView, limits: Thresholds) -> Markup:
    """A bar chart of each row's grade against the lint gate, whole post and per section.

    As the gate does, a row of at least ``smog_sentences`` sentences is judged by its SMOG grade
    against ``smog_max``; a shorter one by its Flesch-Kincaid grade against ``fk_grade_max`` plus
    its sampling margin. Each bar has its own limit mark. Labels sit above their bars, so the
    chart is narrow and scales down to a phone's width.
    """
    if post.scores is None or post.gate is None:
        return Markup("")
    rows = [("Whole post", post.scores, post.gate, True)] + [
        (s.title, s.scores, s.gate, False) for s in post.sections
    ]
    found = any(fv.finding.rule == limits.rule for fv in post.findings)
    width, bar_w, row_h, top = 320, 170, 54, 8
    drawn = []
    for label, sc, g, whole in rows:
        if g.reliable:
            value, limit, name = sc.smog, limits.smog_max, "SMOG"
        else:
            value, limit, name = sc.fk_grade, limits.fk_grade_max + g.margin, "Flesch-Kincaid"
        short = sc.sentences < limits.min_sentences
        drawn.append(
            (label, sc, g, value, limit, name, bar_status(value, limit, short, whole, found))
        )
    scale = max([16.0, *(max(v, lim) + 1 for *_, v, lim, _, st in drawn if st != "short")])
    height = top + row_h * len(rows) + 4
    tid, did = f"{post.anchor}-chart-title", f"{post.anchor}-chart-desc"
    described = []
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{tid} {did}" width="{width}" '
        f'height="{height}" viewBox="-2 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{tid}">Readability by section, against the lint gate</title>',
    ]
    for i, (label, sc, _g, value, limit, name, status) in enumerate(drawn):
        y = top + i * row_h
        fill, note = BAR[status]
        out.append(f'<text x="0" y="{y + 13}" class="label">{escape(short_label(label))}</text>')
        if status == "short":
            words = f"{note} ({sc.sentences} sentence{'s' if sc.sentences != 1 else ''})"
            out.append(f'<text x="0" y="{y + 32}" class="short">{words}</text>')
            described.append(f"{label}: {words}")
            continue
        w = max(1.0, bar_w * max(value, 0.0) / scale)
        x_limit = bar_w * limit / scale
        aim = f"{name} {value:g}, aim ≤ {limit:g}" + (f", {note}" if note else "")
        out += [
            f'<rect x="0" y="{y + 17}" width="{w:.1f}" height="14" fill="{fill}" '
            f'data-status="{status}" data-formula="{name}" data-limit="{limit:g}"/>',
            f'<line x1="{x_limit:.1f}" x2="{x_limit:.1f}" y1="{y + 14}" y2="{y + 34}" '
            'stroke="#1a1a1a" stroke-width="2"/>',
            f'<text x="0" y="{y + 46}" class="value">{escape(aim)}</text>',
        ]
        described.append(f"{label}: {aim}")
    out += [f'<desc id="{did}">{escape("; ".join(described))}.</desc>', "</svg>"]
    return Markup("\n".join(out))


def render_html(
    posts: list[PostView],
    errors: list[str],
    limits: Thresholds,
    version: str,
    title: str = "plainpost report",
) -> str:
    css, js = _static("report.css"), _static("report.js")
    findings = [fv for p in posts for fv in p.findings]
    by_severity = {"error": 0, "warning": 0, "info": 0}
    by_category: dict[str, int] = {}
    for fv in findings:
        by_severity[fv.finding.severity.label] += 1
        by_category[fv.finding.category] = by_category.get(fv.finding.category, 0) + 1
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title,
        version=version,
        posts=posts,
        findings=findings,
        total=len(findings),
        by_severity=by_severity,
        by_category=by_category,
        categories=[c for c in CATEGORIES if c in by_category] or list(CATEGORIES),
        errors=errors,
        thresholds=limits,
        charts={p.index: chart(p, limits) for p in posts},
        css=Markup(css),
        js=Markup(js),
        css_hash=_csp_hash(css),
        js_hash=_csp_hash(js),
    )
