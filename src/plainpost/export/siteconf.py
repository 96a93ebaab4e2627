"""``[tool.plainpost.site]`` resolved once per build: URLs, publisher, templates and the page's
Content Security Policy. Every value is checked here, so a typo stops the build before anything
is written, with the config key in the message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from plainpost.config import Config
from plainpost.errors import SetupError
from plainpost.export.meta import Publisher

# Defence in depth: the sanitiser already removes every script, and this policy stops one that
# slipped through from running or loading anything. JSON-LD is data, not script, so it is not
# affected. Images may come from this site or any https site; the stylesheet only from here.
CSP = (
    "default-src 'none'; img-src 'self' https:; style-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
# One CSP source: an https origin (optionally a path or a *. subdomain wildcard) or a hash.
# Nothing that could end the directive (;), add a keyword ('unsafe-inline') or widen it to all
# of https: is accepted.
_SOURCE_RE = re.compile(
    r"^(?:https://(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?(?:/[A-Za-z0-9._~/%-]*)?"
    r"|'sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}')$"
)


class SiteError(SetupError):
    """A bad value in ``[tool.plainpost.site]``."""


@dataclass(frozen=True)
class Site:
    name: str
    base_url: str  # ends with "/", or "" when unknown
    lang: str
    publisher: Publisher
    templates: Path | None
    csp: str

    def url(self, path: str) -> str:
        return self.base_url + path if self.base_url else ""


def resolve_site(config: Config, name: str) -> Site:
    site = config.site
    where = config.where("site")
    base = site.base_url.strip()
    if base:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise SiteError(f"{where}.base_url: {base!r} is not an http(s) address of the site")
        base = base if base.endswith("/") else base + "/"
    logo = site.logo.strip()
    if logo and urlsplit(logo).scheme not in ("http", "https"):
        if not base:
            raise SiteError(f"{where}.logo: a relative logo needs base_url")
        logo = urljoin(base, logo)
    templates = None
    if site.templates:
        templates = config.resolve(site.templates)
        if not templates.is_dir():
            raise SiteError(f"{where}.templates: {templates} is not a folder")
    for source in site.csp_sources:
        if not _SOURCE_RE.match(source):
            raise SiteError(
                f"{where}.csp_sources: {source!r} is not an https origin or a 'sha256-...' hash"
            )
    return Site(
        name=name,
        base_url=base,
        lang=site.language or config.lang,
        publisher=Publisher(site.publisher or name, logo),
        templates=templates,
        csp=content_security_policy(site.csp_sources),
    )


def content_security_policy(sources: list[str]) -> str:
    """The page's policy, with a site's analytics or consent banner allowed when configured."""
    if not sources:
        return CSP
    extra = " ".join(dict.fromkeys(sources))
    return (
        f"default-src 'none'; script-src {extra}; connect-src {extra}; frame-src {extra}; "
        f"img-src 'self' https: {extra}; style-src 'self' {extra}; "
        "base-uri 'none'; form-action 'none'"
    )
