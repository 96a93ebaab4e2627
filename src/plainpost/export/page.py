"""Pages from Jinja2 templates (autoescape on, no timestamps).

A site's own template folder (``[tool.plainpost.site] templates``) is searched before the
package's ``templates/``, so a clinic overrides ``base.html`` (its header, navigation and
footer) or ``post.html`` and keeps the rest. Autoescape stays on whoever wrote the template:
only the sanitised body, the disclaimer and the escaped JSON-LD are marked safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from plainpost.export.meta import PostInfo, format_date, json_ld
from plainpost.export.siteconf import CSP, Site

__all__ = ["CSP", "environment", "index_page", "post_page", "stylesheet"]


@lru_cache(maxsize=4)
def environment(templates: Path | None = None) -> jinja2.Environment:
    package = jinja2.PackageLoader("plainpost.export", "templates")
    loader: jinja2.BaseLoader = package
    if templates is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(templates)), package])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    return env


def _default_site(name: str, lang: str) -> Site:
    from plainpost.export.meta import Publisher

    return Site(name, "", lang, Publisher(name), None, CSP)


def stylesheet() -> str:
    return (resources.files("plainpost.export") / "templates" / "style.css").read_text("utf-8")


def post_page(
    info: PostInfo, body_html: str, disclaimer_html: str, site_name: str, site: Site | None = None
) -> str:
    """``body_html`` and ``disclaimer_html`` must come from :mod:`plainpost.export.render`."""
    site = site or _default_site(site_name, info.lang)
    return (
        environment(site.templates)
        .get_template("post.html")
        .render(
            lang=info.lang,
            title=info.title,
            description=info.description,
            csp=site.csp,  # checked source by source in siteconf; autoescaped all the same
            root="../",
            site_name=site_name,
            site=site,
            canonical=info.url,
            og_type="article",
            image=info.image,
            post=info,
            body=Markup(body_html),  # sanitised by nh3 in render.py
            disclaimer=Markup(disclaimer_html),  # sanitised by nh3 in render.py
            json_ld=Markup(json_ld(info, site.publisher)),  # <, > and & are \u-escaped
        )
    )


def index_page(
    posts: Sequence[PostInfo], lang: str, site_name: str, site: Site | None = None
) -> str:
    site = site or _default_site(site_name, lang)
    tags = sorted({t for p in posts for t in p.tags}, key=str.casefold)
    return (
        environment(site.templates)
        .get_template("index.html")
        .render(
            lang=lang,
            title=site_name,
            description="",
            csp=site.csp,
            root="./",
            site_name=site_name,
            site=site,
            canonical=site.base_url,
            og_type="website",
            image=site.publisher.logo,
            posts=posts,
            tags=tags,
        )
    )
