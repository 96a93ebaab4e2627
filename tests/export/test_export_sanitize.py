"""The sanitiser: no vector survives, legitimate content does."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from plainpost.export.render import render_markdown
from plainpost.export.sanitize import add_external_rel, sanitize, shift_headings

FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
    "input", "button", "textarea", "select", "svg", "math", "base", "meta", "link", "template",
    "video", "audio", "source", "bgsound", "isindex", "marquee", "noscript", "title", "body",
}  # fmt: skip
URL_ATTRS = {"href", "src", "action", "formaction", "data", "background", "dynsrc", "lowsrc"}
ALLOWED_URL = re.compile(r"^(?:https?:|mailto:|#|/(?![/\\])|[^:/\\?#]+(?:[/?#]|$))", re.I)
SAFE_ATTRS = {
    "href", "src", "alt", "title", "lang", "id", "class", "width", "height", "colspan",
    "rowspan", "scope", "start", "reversed", "value", "rel",
    "open",  # <details open>: a boolean, no URL and no script; without it the words are shut away
}  # fmt: skip


def assert_safe(fragment: str, parse_page) -> None:
    page = parse_page(fragment)
    for el in page.elements:
        assert el.tag not in FORBIDDEN_TAGS, f"<{el.tag}> left in {fragment!r}"
        for name, value in el.attrs.items():
            assert name in SAFE_ATTRS, f"attribute {name}= left on <{el.tag}>"
            assert not name.startswith("on")
            if name in URL_ATTRS:
                bare = re.sub(r"[\x00-\x20]", "", html.unescape(value))
                assert ALLOWED_URL.match(bare), f"URL {value!r} left on <{el.tag}>"
                assert not re.match(r"(?i)(?:javascript|vbscript|data):", bare)
    assert "<script" not in fragment.lower()  # escaped text (&lt;script) is fine


def test_every_vector_is_neutralised(xss_vector: str, parse_page) -> None:
    out = render_markdown(xss_vector)
    assert_safe(out, parse_page)


def test_every_vector_is_neutralised_as_inline_html(xss_vector: str, parse_page) -> None:
    out = render_markdown(f"Some text {xss_vector} and more text.\n")
    assert_safe(out, parse_page)
    assert "Some text" in out


def test_sanitising_is_stable(xss_vector: str) -> None:
    once = sanitize(render_markdown(xss_vector))
    assert sanitize(once) == once


ATTACK_POSTS = Path(__file__).parent / "fixtures" / "attacks"
KEEP = {
    "shin-splints": {
        "headings": ["What helps", "When to see a doctor", "Sources"],
        "links": [
            "/contact/",
            "mailto:clinic@example.org",
            "https://www.nhs.uk/conditions/shin-splints/",
            "https://www.nice.org.uk/",
        ],
        "text": [
            "Shin splints is pain along the inside edge of the shin bone.",
            "Most people get better with rest and a slower return to running.",
            "Build up again slowly, by about a tenth each week.",
            "Book a check-up",
            "contact the clinic",
        ],
    },
    "hay-fever": {
        "headings": ["Signs of hay fever", "What you can do", "When to see a doctor"],
        "links": ["https://www.nhs.uk/conditions/hay-fever/"],
        "text": [
            "Hay fever is an allergy to pollen.",
            "Sneezing and a runny or blocked nose",
            "Wear wraparound sunglasses",
            "Cutting grass",
            "Ask which one suits you.",
        ],
    },
    "sore-throat": {
        "headings": ["How to ease a sore throat", "When to see a doctor", "Sources"],
        "links": ["https://www.cdc.gov/sore-throat/", "#fn1", "#fnref1"],
        "text": [
            "It is usually caused by a virus, like a cold or the flu.",
            "Gargle with warm, salty water.",
            "Symptom checker",
            "Most sore throats are caused by viruses, so antibiotics do not help.",
        ],
    },
}


@pytest.fixture(scope="module")
def attack_site(build, tmp_path_factory):
    out = tmp_path_factory.mktemp("attack-site")
    # --force: these posts are about sanitising; new content rules must not turn them away.
    result = build([ATTACK_POSTS], out, force=True)
    assert result.count("built", "forced") == len(KEEP), result.posts
    return out


@pytest.mark.parametrize("slug", sorted(KEEP))
def test_unseen_attack_posts_keep_their_content(attack_site, slug, parse_page) -> None:
    text = (attack_site / slug / "index.html").read_text(encoding="utf-8")
    body_start = text.index("</header>", text.index("<article>"))
    article = text[body_start : text.index('<footer class="post-footer">')]  # the post's body
    assert_safe(article, parse_page)
    page = parse_page(text)
    assert [s for s, _ in page.scripts] == [{"type": "application/ld+json"}]
    headings = [e for e in page.elements if re.fullmatch(r"h[1-6]", e.tag)]
    assert len(page.find("h1")) == 1
    assert len(headings) >= len(KEEP[slug]["headings"]) + 1
    hrefs = [a.attrs.get("href") for a in page.find("a")]
    for href in KEEP[slug]["links"]:
        assert href in hrefs
    flat = " ".join(page.text.split())
    for heading in KEEP[slug]["headings"]:
        assert heading in flat
    for sentence in KEEP[slug]["text"]:
        assert sentence in flat
    assert "evil.example" not in article  # the script, frame, form and object are gone
    assert "__xss" not in article


def test_external_links_get_rel_and_internal_ones_do_not() -> None:
    out = sanitize(
        '<a href="https://a.example/x">a</a> <a href="HTTP://b.example">b</a> '
        '<a href="/local/">c</a> <a href="#fn1">d</a> <a href="mailto:x@y.z">e</a> '
        '<a href="https://c.example" rel="opener">f</a> <a title="a>b" href="https://d.example">g</a>'
    )
    assert out.count('rel="noopener noreferrer"') == 4
    assert '<a href="/local/">c</a>' in out
    assert '<a href="#fn1">d</a>' in out
    assert '<a href="mailto:x@y.z">e</a>' in out
    assert 'opener"' not in out.replace('"noopener noreferrer"', "")


def test_rel_rewrite_only_touches_real_start_tags() -> None:
    escaped = sanitize('<p>&lt;a href="https://x.example"&gt;</p>')
    assert add_external_rel(escaped) == escaped
    assert "rel=" not in escaped


def test_body_h1_moves_every_heading_down_a_level() -> None:
    assert shift_headings("<h1>A</h1><h2>B</h2><h6>C</h6>") == "<h2>A</h2><h3>B</h3><h6>C</h6>"
    assert shift_headings("<h2>A</h2><h3>B</h3>") == "<h2>A</h2><h3>B</h3>"
    out = render_markdown("# Title again\n\n## Part\n\n<h1 onclick=x>Raw</h1>\n")
    assert "<h1>" not in out
    assert out.count("<h2>") == 2 and "<h3>Part</h3>" in out


def test_markdown_structure_survives() -> None:
    out = render_markdown(
        "Intro with **bold**, *em*, `code` and a [link](https://nhs.uk).[^1]\n\n"
        "| Dose | Times |\n|:--|--:|\n| 1 | 2 |\n\n"
        "> A quote\n\n```\n<script>alert(1)</script>\n```\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n![Alt text](img/a.png)\n\n[^1]: The note.\n"
    )
    for piece in (
        "<strong>bold</strong>",
        "<em>em</em>",
        "<code>code</code>",
        'href="https://nhs.uk" rel="noopener noreferrer"',
        '<th class="align-left">Dose</th>',
        '<td class="align-right">2</td>',
        "<blockquote>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",  # code is shown, not run
        "<ul>",
        "<ol>",
        '<img src="img/a.png" alt="Alt text">',
        'class="footnote-ref"',
        'id="fn1"',
        'class="footnote-backref"',
    ):
        assert piece in out, piece
    assert "style=" not in out
