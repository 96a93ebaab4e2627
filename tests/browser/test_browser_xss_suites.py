"""The public XSS suites end to end, in Chromium (issue 13, item 6): every payload of DOMPurify's
tests and the HTML5 Security Cheatsheet (``../shared/peer-suites/xss/``, 372 of them) placed

(a) in a post's body, each in a section of its own between two sentences,
(b) in every front-matter field that reaches the page: title, description, author, reviewer
    and tags (so the index, the JSON-LD, the Open Graph tags and the Atom feed carry them too),
(c) in a link's title and an image's alt text,
(d) in the report: its text view, the real findings and a finding whose message quotes it,

runs no script: no ``window.__xss``, no dialog, no request to another host, after every event
an inline handler might wait for and each cheatsheet item's own trigger; the built page keeps
its Content Security Policy (one policy, in the head, that still blocks an inline script) and the
sentence after each payload is still on the page. The same holds for the sanitised body alone
(the page with its policy taken out), as a site that embeds it with a policy of its own shows it.

Fifty payloads share a page, so the 372 take a few dozen page loads in one browser.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from plainpost.config import Config, SiteConfig
from plainpost.document import Source, parse_document
from plainpost.export import build_site
from plainpost.findings import Finding, Severity
from plainpost.report import build_report
from plainpost.report.model import FindingView, segment_lines, thresholds
from plainpost.report.render import render_html
from tests.browser.test_browser_xss import LEGIT_HOST, RAN
from tests.helpers.runs import run_of

REPO = Path(__file__).resolve().parents[2]
XSS = REPO.parent / "shared" / "peer-suites" / "xss"
BATCH = 50
BASE_URL = LEGIT_HOST + "advice/"


def _payloads() -> list[tuple[str, str, str]]:
    """(key, payload, trigger) of every item of both suites."""
    if not XSS.is_dir():
        return []
    out = []
    for name in ("dompurify-expect.json", "h5sc-items.json"):
        for i, item in enumerate(json.loads((XSS / name).read_text(encoding="utf-8"))):
            out.append((f"{name.split('-')[0]}-{i:03d}", item["payload"], item.get("trigger", "")))
    return out


PAYLOADS = _payloads()
BATCHES = [PAYLOADS[i : i + BATCH] for i in range(0, len(PAYLOADS), BATCH)]
pytestmark = pytest.mark.skipif(not PAYLOADS, reason="../shared/peer-suites/xss is absent")

# Elements and attributes that could run script or load anything, on a built page or fragment
# (the report has its own list: it is allowed its one script, its controls and its chart).
DANGEROUS_DOM = """(report) => {
    const bad = [];
    const URLS = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data',
        'background', 'cite', 'longdesc', 'ping', 'lowsrc', 'dynsrc', 'codebase', 'to', 'from',
        'values', 'by']);
    const tags = report
        ? 'iframe, frame, object, embed, applet, form, base, meta[http-equiv="refresh" i], ' +
          'link, template, video, audio, img, image, math, svg:not(.chart), svg.chart *:not(' +
          'title, desc, text, rect, line), script:not(body > script:last-of-type)'
        : 'script:not([type="application/ld+json"]), iframe, frame, object, embed, applet, ' +
          'form, input, button, style, svg, math, base, meta[http-equiv="refresh" i], ' +
          'link:not([rel="stylesheet"]):not([rel="canonical"]):not([rel="alternate"]), ' +
          'template, video, audio';
    for (const el of document.querySelectorAll(tags)) bad.push('<' + el.localName + '>');
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on')) bad.push(name + ' on <' + el.localName + '>');
            if (name === 'style' && el.closest('body')) bad.push('style on <' + el.localName + '>');
            if (URLS.has(name.replace(/^.*:/, ''))) {  // (in a title or an alt it is only words)
                const urls = name === 'srcset'
                    ? attr.value.split(',').map((c) => c.trim().split(/[ \\t\\n\\f\\r]+/)[0])
                    : [attr.value];
                for (const url of urls) {
                    let scheme = '';
                    try { scheme = new URL(url, document.baseURI).protocol; } catch (e) { }
                    if (/^(javascript|vbscript|data):$/.test(scheme)) {
                        bad.push(name + '=' + attr.value);  // as the browser reads the URL
                    }
                }
            }
        }
    }
    return bad;
}"""
# Every event an inline handler might wait for, as plain Events (a plain click does not follow a
# link, so the page stays put), on every element.
FIRE_EVENTS = """async (few) => {
    const all = ['click', 'dblclick', 'contextmenu', 'mouseover', 'mouseenter', 'mousemove',
        'mousedown', 'mouseup', 'pointerover', 'pointerenter', 'pointerdown', 'pointerup',
        'keydown', 'keyup', 'keypress', 'wheel', 'scroll', 'focus', 'focusin', 'blur', 'load',
        'error', 'toggle', 'input', 'change', 'submit', 'reset', 'select', 'animationstart',
        'animationend', 'transitionend', 'begin', 'end', 'repeat', 'start', 'finish',
        'beforescriptexecute', 'afterscriptexecute', 'formchange', 'forminput', 'message'];
    // the report has ~60,000 elements and none with a handler (DANGEROUS_DOM): the main ones
    const types = few ? ['click', 'mouseover', 'focus', 'load', 'error', 'toggle'] : all;
    for (const el of document.querySelectorAll('html, body, body *')) {
        for (const type of types) el.dispatchEvent(new Event(type));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
}"""
# The cheatsheet's own triggers (a click on a button, a line, a math element...), but those that
# navigate away (location=..., a link's click): a link's target is checked in DANGEROUS_DOM.
# The report's text view as the post's text: without the finding numbers and notes between it.
POST_TEXT = """() => [...document.querySelectorAll('.post-text')].map((t) => {
    const copy = t.cloneNode(true);
    for (const el of copy.querySelectorAll('a.ref, ul.notes')) el.remove();
    return copy.textContent;
}).join('\\n')"""
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
TRIGGERS = [
    t for _, _, t in PAYLOADS if t and "location" not in t and "links[" not in t and '"a"' not in t
]
CSP = """() => {
    const metas = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')];
    const probe = document.createElement('script');
    probe.textContent = 'window.__csp_probe = 1';
    document.body.append(probe);  // an inline script the policy must block
    return {
        policies: metas.map((m) => [m.parentElement.localName, m.content]),
        probe_ran: typeof window.__csp_probe !== 'undefined',
    };
}"""


def _png(path: Path) -> None:
    """A real 2x1 PNG, so the image in the posts is measured and shown like any other."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\xff\x00\x00\x00\xff\x00"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _link_title(payload: str) -> str:
    """The payload as a Markdown link title: backslash-escaped, on one line."""
    one_line = re.sub(r"\s*\n\s*", " ", payload)
    return re.sub(r'(["\\\\])', r"\\\1", one_line)


def _alt(payload: str) -> str:
    one_line = re.sub(r"\s*\n\s*", " ", payload)
    return re.sub(r"([\[\]\\\\])", r"\\\1", one_line)


def suite_post(b: int, batch: list[tuple[str, str, str]]) -> str:
    joined = " ".join(p for _, p, _ in batch)
    head = [
        "---",
        f"title: {_yaml(f'Suite {b} ' + joined)}",
        f"description: {_yaml(joined)}",
        f"author: {_yaml(joined)}",
        f"reviewed_by: {_yaml(joined)}",
        "last_reviewed: 2026-10-12",
        "date: 2026-10-01",
        "lang: en-GB",
        "type: advice",
        "tags:",
        *(f"  - {_yaml(p)}" for _, p, _ in batch),
        "---",
        "",
    ]
    body = []
    for key, payload, _ in batch:
        body += [
            f"## Section {key}",
            "",
            f"Before {key}.",
            "",
            payload,
            "",
            f'After {key}. See [the page for {key}]({LEGIT_HOST}{key} "{_link_title(payload)}").',
            "",
            f"![{_alt(payload)}](images/pic.png)",
            "",
        ]
    return "\n".join(head + body)


@pytest.fixture(scope="module")
def suites(tmp_path_factory, default_linter) -> dict[str, Any]:
    src = tmp_path_factory.mktemp("suite-posts")
    (src / "images").mkdir()
    _png(src / "images" / "pic.png")
    for b, batch in enumerate(BATCHES):
        (src / f"suite-{b}.md").write_text(suite_post(b, batch), encoding="utf-8")
    config = Config(root=REPO, site=SiteConfig(name="Suite site", base_url=BASE_URL))
    run = run_of(config, linter=default_linter)
    site = tmp_path_factory.mktemp("suite-site")
    built = build_site([src], site, run, force=True)
    assert built.count("forced", "built") == len(BATCHES), built.errors
    for b in range(len(BATCHES)):  # the same page with no policy: each defence on its own
        page = (site / f"suite-{b}" / "index.html").read_text(encoding="utf-8")
        bare, n = CSP_META.subn("", page)
        assert n == 1
        (site / f"suite-{b}" / "no-csp.html").write_text(bare, encoding="utf-8")

    files = sorted(src.glob("suite-*.md"), key=lambda p: int(p.stem.split("-")[1]))
    result = build_report(run, files, use_cache=False, jobs=1)
    report = tmp_path_factory.mktemp("suite-report")
    (report / "report.html").write_text(result.html, encoding="utf-8")
    (report / "quoted.html").write_text(_quoting_report(run, files), encoding="utf-8")
    return {"site": site, "report": report, "findings": result.findings}


def _quoting_report(run: Any, files: list[Path]) -> str:
    """The report of the same posts with, for every payload, a finding whose message quotes it
    (as image-alt quotes a raw <img> tag), so each payload reaches a message and its tooltip."""
    from plainpost.report.model import PostView

    posts, number = [], 0
    for index, path in enumerate(files):
        doc = parse_document(Source.from_text(path.read_bytes().decode("utf-8"), path.name))
        text = doc.text  # newlines normalised, as the offsets of findings are
        post = PostView(index=index, path=path.name, title=path.stem)
        batch = BATCHES[int(path.stem.split("-")[1])]
        at = 0
        for _, payload, _ in batch:
            needle = payload.replace("\r\n", "\n").replace("\r", "\n")
            start = text.index(needle, text.index("## Section", at))
            at = start + len(needle)
            number += 1
            quoted = Finding(path.name, 1, 1, 1, 1, "quoted", "structure", Severity.ERROR,
                             f"“{needle}” will not reach the page.", (needle,), start=start,
                             end=at)  # fmt: skip
            post.findings.append(FindingView(number, quoted, index))
        post.lines = segment_lines(doc.text, post.findings, [], doc.body_start)
        posts.append(post)
    limits = thresholds([*run.ruleset().loaded, *run.ruleset().switched_off])
    return render_html(posts, [], limits, "test", "quoted")


def assert_nothing_ran(visit: Any, report: bool = False) -> None:
    page = visit.page
    url = page.url
    page.evaluate(FIRE_EVENTS, report)
    # the triggers look for the payloads' own markup, which the report never has (DANGEROUS_DOM)
    for trigger in [] if report else TRIGGERS:
        # (a few of the cheatsheet's triggers are not valid JavaScript as written)
        with contextlib.suppress(Exception):
            page.evaluate(f"() => {{ try {{ {trigger} }} catch (e) {{}} }}")
    if not report:
        page.evaluate(FIRE_EVENTS, report)  # again: the triggers may have added elements
    assert page.url == url
    assert visit.dialogs == [], f"a dialog opened: script ran on {visit.url}"
    assert not page.evaluate(RAN), f"window.__xss was set: script ran on {visit.url}"
    attacker = [u for u in visit.blocked if not u.startswith(LEGIT_HOST)]
    assert attacker == [], f"requests to other hosts from {visit.url}: {attacker}"
    assert page.evaluate(DANGEROUS_DOM, report) == [], visit.url


def assert_keeps_its_csp(visit: Any) -> None:
    csp = visit.page.evaluate(CSP)
    assert len(csp["policies"]) == 1, csp["policies"]
    where, policy = csp["policies"][0]
    assert where == "head" and "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert not csp["probe_ran"], f"the policy did not block an inline script on {visit.url}"


@pytest.mark.parametrize("b", range(len(BATCHES)))
def test_a_built_page_of_payloads_runs_nothing(suites, serve_dir, browser_page, b):
    base = serve_dir(suites["site"])
    visit = browser_page(f"{base}suite-{b}/")
    assert_nothing_ran(visit)
    text = visit.page.inner_text("main")
    lost = [key for key, _, _ in BATCHES[b] if f"After {key}." not in text]
    assert lost == [], f"text after these payloads is not on the page: {lost}"
    links = visit.page.locator("main a[title]").count()
    images = visit.page.locator("main img[alt]").count()
    assert links >= len(BATCHES[b]) // 2 and images >= len(BATCHES[b]) // 2  # (c) reached it
    assert visit.page.locator("script[type='application/ld+json']").count() == 1
    json.loads(visit.page.inner_text("script[type='application/ld+json']"))  # still one JSON
    assert_keeps_its_csp(visit)


def test_the_index_and_the_feed_run_nothing(suites, serve_dir, browser_page):
    base = serve_dir(suites["site"])
    visit = browser_page(base)  # every title, description and tag of the suites
    assert_nothing_ran(visit)
    assert visit.page.locator("main a").count() >= len(BATCHES)
    assert_keeps_its_csp(visit)
    visit = browser_page(f"{base}feed.xml")
    assert visit.dialogs == [] and not visit.page.evaluate(RAN)
    assert [u for u in visit.blocked if not u.startswith(LEGIT_HOST)] == []


@pytest.mark.parametrize("b", range(len(BATCHES)))
def test_the_page_without_its_policy_runs_nothing(suites, serve_dir, browser_page, b):
    """The sanitiser and the templates hold by themselves: the same page, its CSP taken out."""
    visit = browser_page(f"{serve_dir(suites['site'])}suite-{b}/no-csp.html")
    assert_nothing_ran(visit)
    text = visit.page.inner_text("main")
    assert [key for key, _, _ in BATCHES[b] if f"After {key}." not in text] == []


@pytest.mark.parametrize("name", ["report.html", "quoted.html"])
def test_the_report_of_the_payloads_runs_nothing(suites, browser_page, name):
    visit = browser_page((suites["report"] / name).as_uri())
    assert_nothing_ran(visit, report=True)
    page = visit.page
    assert page.locator("body > script").count() == 1  # the report's own
    shown = page.evaluate(POST_TEXT)
    lost = [key for key, _, _ in PAYLOADS if f"After {key}." not in shown]
    assert lost == [], f"the text view lacks the sentence after {lost}"
    if name == "quoted.html":
        messages = page.evaluate(
            "() => [...document.querySelectorAll('li.note .message')].map((m) => m.textContent)"
        )
        assert len(messages) == len(PAYLOADS)
        quoted = {m[1 : -len("” will not reach the page.")] for m in messages}
        assert quoted == {p.replace("\r\n", "\n").replace("\r", "\n") for _, p, _ in PAYLOADS}
    else:
        assert page.locator("li.note").count() == len(suites["findings"]) > len(PAYLOADS)
