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


def chart(post: PostView, limits: Thresholds) -> Markup:
    """A small horizontal bar chart of the Flesch-Kincaid grade, whole post and per section."""
    if post.scores is None:
        return Markup("")
    rows = [("Whole post", post.scores.fk_grade)] + [
        (s.title, s.scores.fk_grade) for s in post.sections
    ]
    label_w, bar_w, row_h, top = 210, 200, 24, 28
    scale = max(16.0, *(max(g, 0.0) + 1 for _, g in rows), limits.fk_grade_max + 2)
    height = top + row_h * len(rows) + 8
    width = label_w + bar_w + 50
    tid, did = f"{post.anchor}-chart-title", f"{post.anchor}-chart-desc"
    desc = "; ".join(f"{label}: grade {grade:g}" for label, grade in rows)
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{tid} {did}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{tid}">Flesch-Kincaid grade by section</title>',
        f'<desc id="{did}">{escape(desc)}. Aim for {limits.fk_grade_max:g} or lower.</desc>',
        f'<text x="{label_w}" y="14">grade 0</text>',
    ]
    x_limit = label_w + bar_w * limits.fk_grade_max / scale
    for i, (label, grade) in enumerate(rows):
        y = top + i * row_h
        w = max(1.0, bar_w * max(grade, 0.0) / scale)
        colour = (
            "#2e7d32"
            if grade <= limits.fk_grade_max
            else ("#a84300" if grade <= limits.fk_grade_max + 2 else "#b71c1c")
        )
        short = label if len(label) <= 30 else label[:29] + "…"
        out += [
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>',
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"/>',
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{grade:g}</text>',
        ]
    out += [
        f'<line x1="{x_limit:.1f}" x2="{x_limit:.1f}" y1="{top - 6}" y2="{height - 4}" '
        'stroke="#1a1a1a" stroke-dasharray="4 3"/>',
        f'<text x="{x_limit + 3:.1f}" y="{top - 8}">aim ≤ {limits.fk_grade_max:g}</text>',
        "</svg>",
    ]
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
