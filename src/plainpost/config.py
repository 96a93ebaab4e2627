"""Configuration: ``plainpost.toml`` or ``[tool.plainpost]`` in pyproject.toml, found upward.

A ``plainpost.toml`` takes its keys at the top level or under a ``[tool.plainpost]`` header (so
the README's pyproject example pastes in as it is); it says which it read. Config files nest: the
nearest one above a post applies to it and *extends* the one above it (``extend = false`` stops
the walk). A key a nearer file sets replaces the parent's, except ``rules``, ``harper`` and
``languagetool`` (merged key by key), ``accept``, ``reject`` and ``rule_folders`` (added to the
parent's) and ``exclude`` (each file's patterns apply inside its own folder). Relative paths are
resolved from the file that names them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from plainpost.errors import SetupError
from plainpost.schema import SchemaError, from_mapping, join_key

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z]{2}|-[A-Z][a-z]{3})?$")
NAMES = ("plainpost.toml", "pyproject.toml")
BASELINE_FILE = ".plainpost-baseline.json"
# Not posts, even when a hook or an editor names them: the repository's own documents, and
# folders of other tools' files. Patterns are gitignore's (no slash: at any depth).
DEFAULT_EXCLUDE = (
    "README.md",
    "README.markdown",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "LICENSE.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
    "node_modules/",
)
PATH_KEYS = ("rule_folders", "accept", "reject", "paths")  # relative to the file naming them
ADDED_KEYS = ("rule_folders", "accept", "reject")  # a nearer file adds to the parent's
MERGED_KEYS = ("rules", "harper", "languagetool")  # merged key by key


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
class Scope:
    """One config file's say over which files are posts: gitignore patterns from its folder."""

    folder: Path
    include: tuple[str, ...]
    exclude: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    lang: str = "en-GB"
    paths: list[str] = field(default_factory=lambda: ["content"])  # what a bare `lint` checks
    include: list[str] = field(default_factory=lambda: ["**/*.md", "**/*.markdown"])
    exclude: list[str] = field(default_factory=list)
    # never posts, whatever `exclude` says ([] to lint a README or node_modules/ as a post)
    default_exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    respect_gitignore: bool = True
    force_exclude: bool = True  # files named on the command line are filtered too
    rule_folders: list[str] = field(default_factory=list)  # extra rule packs, after rules/
    accept: list[str] = field(default_factory=list)  # vocabulary files: words always accepted
    reject: list[str] = field(default_factory=list)  # words always flagged
    fail_on: Literal["error", "warning", "never"] = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    baseline: str = BASELINE_FILE  # known findings to hide (`plainpost baseline`); "" for none
    extend: bool = True  # also read the config files above this one
    # the address-space bound of each worker process of a parallel run, in MB (0: none); a
    # worker with Harper and every model loaded maps about 620 MB
    worker_memory_mb: int = 2048
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-rule severity/options
    harper: HarperConfig = field(default_factory=HarperConfig)
    languagetool: LanguageToolConfig = field(default_factory=LanguageToolConfig)
    site: SiteConfig = field(default_factory=SiteConfig)
    # where the file was found; relative paths in it are resolved from here
    root: Path = field(default_factory=Path.cwd, compare=False, metadata={"internal": True})
    path: Path | None = field(default=None, compare=False, metadata={"internal": True})
    # every file read, farthest first; which file set each key; the files' selection scopes
    files: tuple[Path, ...] = field(default=(), compare=False, metadata={"internal": True})
    origins: dict[str, str] = field(
        default_factory=dict, compare=False, metadata={"internal": True}
    )
    scopes: tuple[Scope, ...] = field(default=(), compare=False, metadata={"internal": True})
    header: bool = field(default=False, compare=False, metadata={"internal": True})

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    def where(self, key: str = "") -> str:
        """A key's place for error messages: ``plainpost.toml: rules.x``, or
        ``pyproject.toml: tool.plainpost.rules.x``."""
        if self.path is None:
            base = "configuration"
        elif self.path.name == "pyproject.toml" or self.header:
            base = f"{self.path}: tool.plainpost"
        else:
            base = str(self.path)
        return join_key(base, key) if key else base

    def selection(self) -> tuple[Scope, ...]:
        """The scopes that decide which files are posts (the defaults where no file is read)."""
        if self.scopes:
            return self.scopes
        return (
            Scope(
                self.root.resolve(),
                tuple(self.include),
                (*self.default_exclude, *self.exclude),
            ),
        )


def settable_keys() -> list[str]:
    return [f.name for f in fields(Config) if not f.metadata.get("internal")]


# --- finding and reading files ---------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(f"{path}: cannot read: {reason}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _is_config(path: Path) -> bool:
    if path.name == "plainpost.toml":
        return path.is_file() or path.exists()  # an unreadable one is still ours: say so
    if not path.is_file():
        return False
    try:
        data = _read(path)
    except ConfigError:
        return False  # a broken pyproject.toml that may not be ours
    return "plainpost" in data.get("tool", {})


def config_in(folder: Path) -> Path | None:
    """The config file of one folder: plainpost.toml, else a pyproject.toml that has
    [tool.plainpost]."""
    for name in NAMES:
        candidate = folder / name
        if _is_config(candidate):
            return candidate
    return None


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in [start, *start.parents]:
        found = config_in(folder)
        if found is not None:
            return found
    return None


def read_table(path: Path) -> tuple[dict[str, Any], bool]:
    """A config file's plainpost keys, and whether they were under [tool.plainpost]."""
    data = _read(path)
    tool = data.get("tool", {})
    if path.name == "pyproject.toml":
        return dict(tool.get("plainpost", {}) or {}), True
    if isinstance(tool, dict) and "plainpost" in tool:
        others = [k for k in data if k != "tool"]
        if others or len(tool) > 1:
            stray = others[0] if others else next(k for k in tool if k != "plainpost")
            raise ConfigError(
                f"{path}: {stray!r} is outside [tool.plainpost]: put every key under the header, "
                "or drop the header"
            )
        table = tool["plainpost"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: tool.plainpost: expected a table")
        return dict(table), True
    return data, False


def _validated(path: Path) -> tuple[dict[str, Any], Config, bool]:
    data, header = read_table(path)
    where = Config(path=path, header=header).where()
    try:
        config = from_mapping(Config, data, where)
    except SchemaError as exc:
        raise ConfigError(str(exc)) from None
    if not LANG_RE.match(config.lang):
        raise ConfigError(
            f"{join_key(where, 'lang')}: {config.lang!r} is not a language tag such as en-GB"
        )
    normal = {str(k).replace("-", "_"): v for k, v in data.items()}
    for key in PATH_KEYS:
        if key in normal:  # made absolute: nearer files may sit in other folders
            normal[key] = [str((path.parent / p).resolve()) for p in getattr(config, key)]
    return normal, config, header


def chain(start: Path) -> list[Path]:
    """The config files that apply in ``start``: the nearest, then each it extends."""
    out: list[Path] = []
    start = start.resolve()
    for folder in [start, *start.parents]:
        found = config_in(folder)
        if found is None:
            continue
        out.append(found)
        data, _ = read_table(found)
        if data.get("extend", True) is False:
            break
    return out


def load_files(files: list[Path], root: Path | None = None) -> Config:
    """The settings of config files, nearest first, merged: nearer keys win."""
    if not files:
        return Config(root=(root or Path.cwd()).resolve())
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    scopes: list[Scope] = []
    include: tuple[str, ...] = tuple(Config().include)
    nearest = files[0]
    header = False
    for i, path in enumerate(reversed(files)):  # farthest first
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        data, config, header = _validated(path)
        if "include" in data:
            include = tuple(config.include)
        exclude = [*config.default_exclude] if i == 0 else data.get("default_exclude", [])
        exclude += data.get("exclude", [])
        scopes.append(Scope(path.parent.resolve(), include, tuple(exclude)))
        for key, value in data.items():
            if key in ADDED_KEYS and key in merged:
                merged[key] = [*merged[key], *value]
            elif key in MERGED_KEYS and key in merged and isinstance(value, dict):
                both = dict(merged[key])
                for name, inner in value.items():
                    if isinstance(inner, dict) and isinstance(both.get(name), dict):
                        both[name] = {**both[name], **inner}
                    else:
                        both[name] = inner
                merged[key] = both
            else:
                merged[key] = value
            origins[key] = str(path)
    top = files[-1]
    try:
        config = from_mapping(Config, merged, Config(path=nearest, header=header).where())
    except SchemaError as exc:  # each file was valid alone, so this is a merge problem
        raise ConfigError(str(exc)) from None
    return replace(
        config,
        root=top.parent.resolve(),
        path=nearest.resolve(),
        files=tuple(p.resolve() for p in reversed(files)),
        origins=origins,
        scopes=tuple(scopes),
        header=header,
    )


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The settings for ``start`` (default: the working folder), or of one explicit file."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        return load_files([explicit])
    base = (start or Path.cwd()).resolve()
    return load_files(chain(base), root=base)


class ConfigSet:
    """The config of each folder of a run, read once per folder (nested configs extend the
    ones above them). With an explicit ``--config`` every folder gets that one file."""

    def __init__(
        self, explicit: Path | None = None, start: Path | None = None, base: Config | None = None
    ) -> None:
        """``base``: one config already loaded, used for every folder (as ``explicit`` is)."""
        self.fixed = explicit is not None or base is not None
        self.base = base if base is not None else load_config(explicit, start)
        self._by_folder: dict[Path, Config] = {}
        self._by_files: dict[tuple[Path, ...], Config] = {}

    def for_folder(self, folder: Path) -> Config:
        """Raises ConfigError (naming the file) for a config that cannot be read."""
        folder = folder.resolve()
        if self.fixed:
            return self.base
        if folder not in self._by_folder:
            files = tuple(chain(folder))
            if files not in self._by_files:
                self._by_files[files] = (
                    self.base
                    if files == tuple(reversed(self.base.files))
                    else load_files(list(files), root=folder)
                )
            self._by_folder[folder] = self._by_files[files]
        return self._by_folder[folder]
