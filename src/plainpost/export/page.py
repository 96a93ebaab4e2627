"""Pages from the Jinja2 templates shipped in this package (autoescape on, no timestamps)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import jinja2
from markupsafe import Markup

from plainpost.export.meta import PostInfo, format_date, json_ld

# Defence in depth: the sanitiser already removes every script, and this policy stops one that
# slipped through from running or loading anything. JSON-LD is data, not script, so it is not
# affected. Images may come from this site or any https site; the stylesheet only from here.
CSP = (
    "default-src 'none'; img-src 'self' https:; style-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("plainpost.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    return env


def stylesheet() -> str:
    return (resources.files("plainpost.export") / "templates" / "style.css").read_text("utf-8")


def post_page(info: PostInfo, body_html: str, disclaimer_html: str, site_name: str) -> str:
    """``body_html`` and ``disclaimer_html`` must come from :mod:`plainpost.export.render`."""
    return (
        environment()
        .get_template("post.html")
        .render(
            lang=info.lang,
            title=info.title,
            description=info.description,
            csp=Markup(CSP),  # a constant
            root="../",
            site_name=site_name,
            post=info,
            body=Markup(body_html),  # sanitised by nh3 in render.py
            disclaimer=Markup(disclaimer_html),  # sanitised by nh3 in render.py
            json_ld=Markup(json_ld(info)),  # <, > and & are \u-escaped
        )
    )


def index_page(posts: Sequence[PostInfo], lang: str, site_name: str) -> str:
    return (
        environment()
        .get_template("index.html")
        .render(
            lang=lang,
            title=site_name,
            description="",
            csp=Markup(CSP),  # a constant
            root="./",
            site_name=site_name,
            posts=posts,
        )
    )
