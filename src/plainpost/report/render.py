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
from plainpost.readability import Scores
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


def bar_status(scores: Scores, whole_post: bool, post: PostView, limits: Thresholds) -> str:
    """What the lint gate makes of these scores: red ("over") only where there is a finding.

    The gate is the readability rule's: SMOG against its limit, for text of at least its
    minimum number of sentences, and only on the whole post, so a section is at worst "above".
    """
    if scores.sentences < limits.min_sentences:
        return "short"
    if scores.smog <= limits.smog_max:
        return "ok"
    found = any(fv.finding.rule == limits.rule for fv in post.findings)
    return "over" if whole_post and found else "above"


def chart(post: PostView, limits: Thresholds) -> Markup:
    """A bar chart of the SMOG grade, whole post and per section, against the lint gate.

    Labels sit above their bars, so the chart is narrow and scales down to a phone's width.
    """
    if post.scores is None:
        return Markup("")
    rows = [("Whole post", post.scores, True)] + [(s.title, s.scores, False) for s in post.sections]
    width, bar_w, row_h, top = 320, 170, 40, 30
    scored = [sc.smog for _, sc, _ in rows if sc.sentences >= limits.min_sentences]
    scale = max(16.0, *(max(g, 0.0) + 1 for g in scored), limits.smog_max + 2)
    height = top + row_h * len(rows) + 4
    tid, did = f"{post.anchor}-chart-title", f"{post.anchor}-chart-desc"
    described = []
    out = [
        f'<svg class="chart" role="img" aria-labelledby="{tid} {did}" width="{width}" '
        f'height="{height}" viewBox="-2 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{tid}">SMOG grade by section</title>',
    ]
    x_limit = bar_w * limits.smog_max / scale
    out.append(
        f'<line x1="{x_limit:.1f}" x2="{x_limit:.1f}" y1="{top - 8}" y2="{height - 2}" '
        'stroke="#1a1a1a" stroke-dasharray="4 3"/>'
    )
    for i, (label, sc, whole) in enumerate(rows):
        y = top + i * row_h
        status = bar_status(sc, whole, post, limits)
        fill, note = BAR[status]
        short = short_label(label)
        out.append(f'<text x="0" y="{y + 12}">{escape(short)}</text>')
        if status == "short":
            words = f"{note} ({sc.sentences} sentence{'s' if sc.sentences != 1 else ''})"
            out.append(f'<text x="0" y="{y + 30}" class="short">{words}</text>')
            described.append(f"{label}: {words}")
            continue
        w = max(1.0, bar_w * max(sc.smog, 0.0) / scale)
        value = f"{sc.smog:g}" + (f", {note}" if note else "")
        out += [
            f'<rect x="0" y="{y + 17}" width="{w:.1f}" height="14" fill="{fill}" '
            f'data-status="{status}"/>',
            f'<text x="{w + 4:.1f}" y="{y + 29}">{escape(value)}</text>',
        ]
        described.append(f"{label}: SMOG {value}")
    out += [
        f'<desc id="{did}">{escape("; ".join(described))}. The lint gate: SMOG '
        f"{limits.smog_max:g} or lower.</desc>",
        f'<text x="{x_limit:.1f}" y="{top - 12}" text-anchor="middle">'
        f"gate: SMOG ≤ {limits.smog_max:g}</text>",
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
