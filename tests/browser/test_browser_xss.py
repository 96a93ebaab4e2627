"""XSS vectors in Chromium: no script runs, neither on the built page (with its Content Security
Policy) nor from the sanitised HTML alone in a page with no policy at all, so each defence is
shown to hold by itself. A positive control proves the harness does catch script that runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plainpost.config import Config
from plainpost.export import build_site
from plainpost.export.render import render_markdown
from tests.helpers.runs import run_of

REPO = Path(__file__).resolve().parents[2]
VECTORS_FILE = REPO / "tests" / "export" / "fixtures" / "xss-vectors.txt"
_parts = re.split(r"(?m)^## (.*)\n", VECTORS_FILE.read_text(encoding="utf-8"))
VECTORS = [(n.strip(), b.rstrip("\n")) for n, b in zip(_parts[1::2], _parts[2::2], strict=True)]
# Legitimate http(s) URLs in the vectors point here; an attacker's hosts are anything else.
LEGIT_HOST = "https://example.org/"

# Fire every event an inline handler in the vectors listens for, on every element.
FIRE_EVENTS = """async () => {
    const types = ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'pointerover',
        'pointerenter', 'focus', 'focusin', 'blur', 'load', 'error', 'toggle', 'input', 'change',
        'animationstart', 'animationend', 'transitionend', 'begin', 'start', 'finish',
        'beforescriptexecute', 'afterscriptexecute'];
    for (const el of document.querySelectorAll('body, body *')) {
        for (const type of types) el.dispatchEvent(new Event(type));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
}"""
RAN = "() => typeof window.__xss !== 'undefined'"
DANGEROUS_DOM = """() => {
    const bad = [];
    const tags = 'script:not([type="application/ld+json"]), iframe, frame, object, embed, ' +
        'applet, form, input, button, style, svg, math, base, meta[http-equiv="refresh" i], ' +
        'link:not([rel="stylesheet"]), template, video, audio';
    for (const el of document.querySelectorAll(tags)) bad.push('<' + el.localName + '>');
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
            if (name.startsWith('on')) bad.push(name + ' on <' + el.tagName.toLowerCase() + '>');
            if (name === 'style' && el.closest('body')) bad.push('style on <' + el.tagName + '>');
            if (/^(javascript|vbscript|data):/.test(value)) bad.push(name + '=' + attr.value);
        }
    }
    return bad;
}"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory, default_linter):
    src = tmp_path_factory.mktemp("xss-posts")
    for i, (name, payload) in enumerate(VECTORS):
        (src / f"vector-{i:03d}.md").write_text(
            f"---\ntitle: 'Vector {i}'\ndescription: {json.dumps(name)}\nlang: en-GB\n---\n\n"
            f"Before the vector.\n\n{payload}\n\nAfter the vector.\n",
            encoding="utf-8",
        )
    out = tmp_path_factory.mktemp("xss-site")
    result = build_site([src], out, run_of(Config(root=REPO), linter=default_linter), force=True)
    assert result.count("forced", "built") == len(VECTORS), result.errors
    return out


def assert_nothing_ran(visit) -> None:
    visit.page.evaluate(FIRE_EVENTS)
    assert visit.dialogs == [], "a dialog opened: script ran"
    assert not visit.page.evaluate(RAN), "window.__xss was set: script ran"
    assert visit.page_errors == []
    attacker = [u for u in visit.blocked if not u.startswith(LEGIT_HOST)]
    assert attacker == [], f"requests to other hosts: {attacker}"
    assert visit.page.evaluate(DANGEROUS_DOM) == []


@pytest.mark.parametrize(("i", "payload"), list(enumerate(p for _, p in VECTORS)),
                         ids=[name for name, _ in VECTORS])  # fmt: skip
def test_no_script_runs(xss_site, serve_dir, browser_page, i, payload) -> None:
    visit = browser_page(serve_dir(xss_site) + f"vector-{i:03d}/")
    assert_nothing_ran(visit)
    assert visit.page.locator("h1").inner_text() == f"Vector {i}"
    # The same sanitised HTML in a bare page with no Content Security Policy.
    fragment = render_markdown(f"Before the vector.\n\n{payload}\n\nAfter the vector.\n")
    visit.page.goto("about:blank")
    visit.page.set_content(
        f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{fragment}</body></html>"
    )
    assert_nothing_ran(visit)
    assert "Before the vector." in visit.page.inner_text("body")


@pytest.mark.parametrize(
    "raw",
    [
        "<img src=x onerror=alert(1)>",
        '<a onmouseover="window.__xss=1">hover</a>',
        "<script>window.__xss=1</script>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    ],
)
def test_the_harness_catches_unsanitised_script(browser_page, raw) -> None:
    """Positive control: without the sanitiser, the same checks do see script run."""
    visit = browser_page("about:blank")
    visit.page.set_content(f"<!DOCTYPE html><html lang=en><body>{raw}</body></html>")
    visit.page.evaluate(FIRE_EVENTS)
    assert visit.dialogs or visit.page.evaluate(RAN)
