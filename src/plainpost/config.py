"""Configuration: ``plainpost.toml`` or ``[tool.plainpost]`` in pyproject.toml, found upward."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from plainpost.errors import SetupError
from plainpost.schema import SchemaError, from_mapping, join_key

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2}|-[A-Z][a-z]{3})?$")


class ConfigError(SetupError):
    """Bad configuration; the message names the file and the key."""


@dataclass(frozen=True)
class HarperConfig:
    enabled: bool = True


@dataclass(frozen=True)
class LanguageToolConfig:
    enabled: bool = False
    url: str = ""  # a running server, e.g. http://localhost:8010; empty: start a local one
    language: str = ""  # default: the post's lang
    batch_chars: int = 20000
    timeout: float = 60.0  # seconds to wait for one request


@dataclass(frozen=True)
class SiteConfig:
    """``[tool.plainpost.site]``: what `plainpost build` needs to know about the site."""

    name: str = ""  # default: "Health advice" (or --site-name)
    base_url: str = ""  # https://clinic.example/advice/ : canonical URLs, sitemap, feed
    language: str = ""  # the site's language (default: lang)
    logo: str = ""  # URL of the publisher's logo (JSON-LD, Open Graph fallback image)
    publisher: str = ""  # the organisation that publishes the site
    templates: str = ""  # a folder of templates searched before plainpost's own
    csp_sources: list[str] = field(default_factory=list)  # extra script/connect/img sources
    format: Literal["html", "fragments", "markdown"] = "html"


@dataclass(frozen=True)
class Config:
    lang: str = "en-GB"
    include: list[str] = field(default_factory=lambda: ["**/*.md", "**/*.markdown"])
    exclude: list[str] = field(default_factory=list)
    rule_folders: list[str] = field(default_factory=list)  # extra rule packs, after rules/
    accept: list[str] = field(default_factory=list)  # vocabulary files: words always accepted
    reject: list[str] = field(default_factory=list)  # words always flagged
    fail_on: Literal["error", "warning", "never"] = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-rule severity/options
    harper: HarperConfig = field(default_factory=HarperConfig)
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    site: SiteConfig = field(default_factory=SiteConfig)
    # where the file was found; relative paths in it are resolved from here
    root: Path = field(default_factory=Path.cwd, compare=False, metadata={"internal": True})
    path: Path | None = field(default=None, compare=False, metadata={"internal": True})

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    def where(self, key: str = "") -> str:
        """A key's place for error messages: ``plainpost.toml: rules.x``, or
        ``pyproject.toml: tool.plainpost.rules.x``."""
        if self.path is None:
            base = "configuration"
        elif self.path.name == "pyproject.toml":
            base = f"{self.path}: tool.plainpost"
        else:
            base = str(self.path)
        return join_key(base, key) if key else base


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents]:
        own = folder / "plainpost.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if (
            pyproject.is_file()
            and "tool" in _read(pyproject)
            and "plainpost" in _read(pyproject).get("tool", {})
        ):
            return pyproject
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    path = explicit or find_config(start or Path.cwd())
    if path is None:
        return Config(root=(start or Path.cwd()).resolve())
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("plainpost", {})
    where = Config(path=path).where()
    try:
        config = from_mapping(Config, data, where)
    except SchemaError as exc:
        raise ConfigError(str(exc)) from None
    if not LANG_RE.match(config.lang):
        raise ConfigError(
            f"{join_key(where, 'lang')}: {config.lang!r} is not a language tag such as en-GB"
        )
    return replace(config, root=path.parent.resolve(), path=path.resolve())
