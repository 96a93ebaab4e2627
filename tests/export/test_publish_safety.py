"""What the reader sees is what was checked (issue 13, items 0 and 4).

Raw HTML that the sanitiser would remove, or that would make its HTML parser swallow the rest of
the page, is an error at its line (so build refuses the post); with ``--force`` the page still
carries every prose block the linter saw. The public XSS suites in ``../shared`` supply the
content-eating payloads: which ones eat content is measured here, not listed by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from plainpost.document import Source, parse_document
from plainpost.document.parse import markdown_parser
from plainpost.export.render import render_markdown
from plainpost.export.sanitize import sanitize
from plainpost.export.verify import missing_blocks
from tests.export.conftest import parse_html

REPO = Path(__file__).resolve().parents[2]
XSS = REPO.parent / "shared" / "peer-suites" / "xss"
RULE = "unpublishable-html"

ADVICE = """---
title: Easing a sore ankle
description: How to look after a sore ankle at home, and when to get help.
author: Sam Whitfield, physiotherapist
reviewed_by: Dr Priya Nair, GP
last_reviewed: 2026-10-12
date: 2026-10-01
lang: en-GB
type: advice
---

Most sore ankles get better in a week or two with rest and gentle movement.

{payload}

Keep the ankle raised on a pillow when you sit down. Walk a little each day as the pain allows.

## When to see a doctor

See your GP if you cannot put any weight on the ankle, or if it is still swollen after a week.

## Sources

- [Sprains and strains – NHS](https://www.nhs.uk/conditions/sprains-and-strains/)
"""


def advice(payload: str) -> str:
    return ADVICE.replace("{payload}", payload)


def old_render(text: str) -> str:
    """The renderer as it was before raw HTML was neutralised: markdown-it, then nh3."""
    return sanitize(markdown_parser().render(text))


def page_text(page: str) -> str:
    return re.sub(r"\s+", "", parse_html(page).text)


def assert_every_block_on_page(
    text: str, page: str, skip: frozenset[int] | set[int] = frozenset()
) -> None:
    """Independently of the build's own check: every prose word run the linter saw (but blocks
    starting at an offset in ``skip``: page chrome that build deletes)."""
    doc = parse_document(Source.from_text(text, "post.md"))
    body = page_text(page)
    alts = " ".join(e.attrs.get("alt", "") for e in parse_html(page).find("img"))
    for block in doc.blocks:
        if block.offsets and block.offsets[0] in skip:
            continue
        for piece in block.text.split("\ufffc"):
            want = re.sub(r"\s+", "", piece)
            where = re.sub(r"\s+", "", alts) if block.kind == "alt" else body
            assert want in where, f"{block.kind} {block.text!r} is not on the page"


STRAY = {
    "noscript": "Put the <noscript> tags aside.",
    "style": "Use a <style> tag for colours.",
    "iframe": 'Watch it here: <iframe src="https://video.example/ankle">',
    "iframe-block": '<iframe src="https://video.example/ankle">',
    "xmp": "Old pages used <xmp> for code.",
    "title": "The <title> of the page.",
    "textarea": "Type in the <textarea> box.",
    "plaintext": "A <plaintext> tag ends everything.",
    "comment": "<div>\n<!-- a note that never ends\n</div>",
}


@pytest.mark.parametrize("payload", list(STRAY.values()), ids=list(STRAY))
def test_a_stray_tag_would_eat_the_sections_after_it(payload):
    text = advice(payload)
    before = page_text(old_render(text))
    assert "Whentoseeadoctor" not in before or "Sprainsandstrains" not in before


@pytest.mark.parametrize("payload", list(STRAY.values()), ids=list(STRAY))
def test_a_stray_tag_is_an_error_at_its_line(payload, lint_text):
    text = advice(payload)
    found = [f for f in lint_text(text, "post.md") if f.rule == RULE]
    bad = re.search(r"<(?!div)[!a-z]+", text)  # the stray tag (the div is allowed)
    assert bad is not None
    assert [f.line for f in found] == [text[: bad.start()].count("\n") + 1]
    assert all(f.severity.label == "error" for f in found)


@pytest.mark.parametrize("payload", list(STRAY.values()), ids=list(STRAY))
def test_build_refuses_and_force_keeps_every_block(payload, build, tmp_path):
    src = tmp_path / "posts"
    src.mkdir()
    text = advice(payload)
    (src / "sore-ankle.md").write_text(text, encoding="utf-8")
    refused = build([src], tmp_path / "site")
    assert [p.status for p in refused.posts] == ["refused"]
    assert refused.exit_code == 1
    assert RULE in {f.rule for f in refused.posts[0].errors}
    forced = build([src], tmp_path / "site", force=True)
    assert [p.status for p in forced.posts] == ["forced"]
    page = (tmp_path / "site" / "sore-ankle" / "index.html").read_text(encoding="utf-8")
    assert_every_block_on_page(text, page)
    assert "<h2>When to see a doctor</h2>" in page and "Sprains and strains" in page


def test_the_build_check_catches_lost_prose():
    """The safety net itself: the old renderer's page fails it, the new one passes."""
    text = advice(STRAY["noscript"])
    doc = parse_document(Source.from_text(text, "post.md"))
    lost = missing_blocks(doc, old_render(text))
    assert "When to see a doctor" in [b.text for b in lost]
    assert missing_blocks(doc, render_markdown(text)) == []


# --- the public XSS suites ----------------------------------------------------------------------


def _payloads() -> list[tuple[str, str]]:
    if not XSS.is_dir():
        return []
    out = []
    for name in ("dompurify-expect.json", "h5sc-items.json"):
        for i, item in enumerate(json.loads((XSS / name).read_text(encoding="utf-8"))):
            out.append((f"{name.split('-')[0]}-{i:03d}", item["payload"]))
    return out


PAYLOADS = _payloads()
needs_suites = pytest.mark.skipif(not PAYLOADS, reason="../shared/peer-suites/xss is absent")


def _eats_content(payload: str) -> bool:
    text = advice(payload)
    doc = parse_document(Source.from_text(text, "post.md"))
    return bool(missing_blocks(doc, old_render(text)))


EATERS = [(k, p) for k, p in PAYLOADS if _eats_content(p)]


@needs_suites
def test_the_suites_hold_content_eating_payloads():
    # Measured, not listed: 52 of the 372 payloads lose prose the linter now sees (22 lose a
    # whole section after them, as the issue found); the rest are removed cleanly.
    assert len(PAYLOADS) == 372
    assert len(EATERS) >= 22
    sections_lost = [
        k for k, p in EATERS if "Whentoseeadoctor" not in page_text(old_render(advice(p)))
    ]
    assert len(sections_lost) >= 10


@pytest.fixture(scope="module")
def html_run():
    """A run for the payload site, which is about HTML, not language: without the spelling and
    grammar checks (Harper spends seconds on some payloads' run-together link texts)."""
    from plainpost.api import Config, build_linter
    from tests.helpers.runs import run_of

    config = Config(root=REPO, ignore=["spelling", "grammar"])
    return run_of(config, linter=build_linter(config))


@pytest.fixture(scope="module")
def suite_site(tmp_path_factory, html_run):
    from plainpost.export import build_site

    src = tmp_path_factory.mktemp("suite-posts")
    for key, payload in PAYLOADS:
        (src / f"{key}.md").write_text(advice(payload), encoding="utf-8")
    out = tmp_path_factory.mktemp("suite-site")
    result = build_site([src], out, html_run, force=True, jobs=1)
    return src, out, {Path(p.path).stem: p for p in result.posts}


@needs_suites
@pytest.mark.parametrize(("key", "payload"), EATERS, ids=[k for k, _ in EATERS])
def test_content_eating_payload_is_reported_and_forced_page_keeps_every_block(
    key, payload, suite_site, html_run
):
    _, out, posts = suite_site
    post = posts[key]
    assert post.status == "forced", post.problem  # errors: without --force it is refused
    assert RULE in {f.rule for f in post.errors}
    page = (out / key / "index.html").read_text(encoding="utf-8")
    # build deletes the lines lint reported as page chrome (e.g. a handle like "@name" alone on
    # its line): every other block must be on the page
    found = html_run.linter().lint_source(Source.from_text(advice(payload), "post.md"))
    chrome = {f.start for f in found if f.category == "boilerplate"}
    assert_every_block_on_page(advice(payload), page, skip=chrome)


@needs_suites
def test_no_payload_loses_prose_with_force(suite_site):
    posts = suite_site[2]
    lost = {k: p.problem for k, p in posts.items() if p.status != "forced"}
    assert lost == {}


# --- item 4: a title repeated as H1, a javascript: link, a script and an onerror image ---------

ITEM4 = """---
title: Easing a sore ankle
description: How to look after a sore ankle at home.
author: Sam Whitfield, physiotherapist
reviewed_by: Dr Priya Nair, GP
last_reviewed: 2026-10-12
type: advice
lang: en-GB
---

# Easing a sore ankle

Most sore ankles get better in a week or two. [Book a check](javascript:book()) if you are unsure.

<script>track()</script>

<img src="https://example.org/ankle.png" alt="A raised ankle on a pillow" onerror="track()">

## Resting

Keep the ankle raised.

### At night

Put a pillow under it.

## When to see a doctor

See your GP if you cannot walk on it.

## Sources

- [Sprains and strains – NHS](https://www.nhs.uk/conditions/sprains-and-strains/)
"""


def test_item4_post_is_refused_with_one_finding_each(build, tmp_path):
    src = tmp_path / "posts"
    src.mkdir()
    (src / "ankle.md").write_text(ITEM4, encoding="utf-8")
    result = build([src], tmp_path / "site")
    (post,) = result.posts
    assert post.status == "refused"
    lines = ITEM4.split("\n")
    where = {
        "link": next(i for i, t in enumerate(lines, 1) if "javascript:" in t),
        "script": next(i for i, t in enumerate(lines, 1) if t.startswith("<script>")),
        "onerror": next(i for i, t in enumerate(lines, 1) if "onerror" in t),
    }
    assert sorted((f.rule, f.line) for f in post.errors) == sorted(
        (RULE, line) for line in where.values()
    )


def test_item4_forced_page_has_one_h1_and_written_levels(build, tmp_path, parse_page):
    src = tmp_path / "posts"
    src.mkdir()
    (src / "ankle.md").write_text(ITEM4, encoding="utf-8")
    build([src], tmp_path / "site", force=True)
    text = (tmp_path / "site" / "ankle" / "index.html").read_text(encoding="utf-8")
    parsed = parse_page(text)
    assert [e.tag for e in parsed.elements if re.fullmatch(r"h[1-6]", e.tag)][:5] == [
        "h1", "h2", "h3", "h2", "h2",
    ]  # fmt: skip
    assert len(parsed.find("h1")) == 1
    assert "](" not in parsed.text and "javascript" not in text
    assert "Book a check" in parsed.text
    assert "track()" not in text
    assert [e.attrs.get("alt") for e in parsed.find("img")] == ["A raised ankle on a pillow"]
    assert not any(k.startswith("on") for e in parsed.elements for k in e.attrs)


def test_raw_img_without_alt_is_the_image_alt_finding(lint_text):
    found = lint_text('Rest it.\n\n<img src="ankle.png">\n', "post.md")
    assert [(f.rule, f.line) for f in found if f.category == "accessibility"] == [("image-alt", 3)]


def test_prose_inside_raw_html_is_checked(lint_text):
    text = '<div class="note">\n<p>The prognosis is good for most people.</p>\n</div>\n'
    found = [f for f in lint_text(text, "post.md") if f.rule == "medical-jargon"]
    assert [
        (f.line, text.split("\n")[f.line - 1][f.column - 1 : f.end_column - 1]) for f in found
    ] == [(2, "prognosis")]


def test_an_image_description_with_code_and_tags_reaches_the_alt_as_the_linter_read_it():
    """Its code is words on the page (and a placeholder for the linter), its tags are markup: the
    alt is what was checked (the DOMPurify suite's `![123<a href=…>I am a dolphin!</a>](…)` was
    refused even with --force)."""
    text = "Hello.\n\n![Press `Esc`, then <b>Enter</b>, <a href='javascript:x'>now</a>](pic.png)\n"
    doc = parse_document(Source.from_text(text, "post.md"))
    assert [b.text for b in doc.blocks if b.kind == "alt"] == ["Press \ufffc, then Enter, now"]
    page = render_markdown(text)
    assert 'alt="Press Esc, then Enter, now"' in page
    assert missing_blocks(doc, page) == []


def test_an_open_disclosure_stays_open():
    """`<details open>` kept its tag but lost `open`: everything after an unclosed one was
    folded away behind a "Details" toggle (the cheatsheet's `<details open ontoggle=…>`)."""
    page = render_markdown("<details open ontoggle=alert(1)>\n\nStill here.\n")
    assert "<details open" in page and "ontoggle" not in page and "Still here." in page
