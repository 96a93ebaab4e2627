"""A run's settings, resolved once: the config file, then the ``PLAINPOST_*`` environment, then
the command line's flags.

ruff's pattern: the file's values are read and validated first (:mod:`plainpost.config`), and
the flags are overrides applied to them in one step (:func:`resolve`). The result is frozen and
picklable, handed down to everything that runs (the rule set, the engines, the cache key, the
worker processes). Nothing below the command line (and :mod:`plainpost.api`) reads the
environment: :func:`resolve` is given it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from plainpost.config import Config
from plainpost.errors import SetupError

ENV_PREFIX = "PLAINPOST_"
# switches that change no finding (test harness), left out so they do not split the cache
# (PLAINPOST_TODAY changes findings, but it reaches the cache key as the run's `today`)
ENV_IGNORED = frozenset(
    {
        "PLAINPOST_REQUIRE_BROWSER",
        "PLAINPOST_PROGRESS_DELAY",
        "PLAINPOST_RULEBOOK_CACHE",
        "PLAINPOST_TODAY",
    }
)
# the day a run checks dates against (review out of date, a date in the future): YYYY-MM-DD,
# to reproduce a run of another day; default: today
TODAY = "PLAINPOST_TODAY"
HARPER_SWITCH = "PLAINPOST_HARPER"
# where the compiled rulebook is kept: a folder, or off (default: the user's cache folder)
RULEBOOK_CACHE = "PLAINPOST_RULEBOOK_CACHE"
_OFF = ("0", "off", "false", "no", "none")


@dataclass(frozen=True)
class Overrides:
    """What the command line's flags change; empty values leave the config's."""

    select: tuple[str, ...] = ()  # added to the config's select
    ignore: tuple[str, ...] = ()  # added to the config's ignore
    fail_on: str | None = None  # instead of the config's


@dataclass(frozen=True)
class Settings:
    config: Config
    select: tuple[str, ...] = ()  # the flags' (the config's own are ``config.select``)
    ignore: tuple[str, ...] = ()
    # the PLAINPOST_* environment, sorted: engine switches (Harper, LanguageTool)
    environ: tuple[tuple[str, str], ...] = field(default=())
    fail_on: str | None = None  # the flag's; None: the config's
    # the folder of the compiled rulebook cache (run/compiled.py); "" keeps none on disk
    rulebook_cache: str = field(default="", compare=False)
    # the day dates are checked against: part of every cached finding's key
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def fail_level(self) -> str:
        """The lowest severity that makes the exit code 1 (error, warning or never)."""
        return self.fail_on or self.config.fail_on

    @property
    def env(self) -> dict[str, str]:
        return dict(self.environ)

    @property
    def all_select(self) -> tuple[str, ...]:
        return (*self.config.select, *self.select)

    @property
    def all_ignore(self) -> tuple[str, ...]:
        return (*self.config.ignore, *self.ignore)

    @property
    def harper_enabled(self) -> bool:
        """``PLAINPOST_HARPER`` (on/off) over the config's ``harper.enabled``."""
        switch = self.env.get(HARPER_SWITCH, "").strip().lower()
        if switch in ("0", "off", "false", "no"):
            return False
        if switch in ("1", "on", "true", "yes"):
            return True
        return bool(self.config.harper.enabled)


def plainpost_environ(environ: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            (k, v) for k, v in environ.items() if k.startswith(ENV_PREFIX) and k not in ENV_IGNORED
        )
    )


def resolve(
    config: Config, environ: Mapping[str, str] | None = None, overrides: Overrides = Overrides()
) -> Settings:
    """The settings of a run: ``config``, the ``PLAINPOST_*`` part of ``environ``, ``overrides``."""
    return Settings(
        config=config,
        select=tuple(overrides.select),
        ignore=tuple(overrides.ignore),
        environ=plainpost_environ(environ or {}),
        fail_on=overrides.fail_on,
        rulebook_cache=user_cache_folder(environ or {}),
        today=run_day(environ or {}),
    )


def run_day(environ: Mapping[str, str]) -> dt.date:
    """``PLAINPOST_TODAY`` (YYYY-MM-DD), else today."""
    value = environ.get(TODAY, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SetupError(f"{TODAY}: {value!r} is not a date such as 2026-10-12") from None


def user_cache_folder(environ: Mapping[str, str]) -> str:
    """The compiled rulebook's folder: ``PLAINPOST_RULEBOOK_CACHE`` (a folder, or off), else
    the user's cache folder (XDG_CACHE_HOME, ~/Library/Caches, LOCALAPPDATA, ~/.cache), else
    "" (no home: nothing is kept)."""
    explicit = environ.get(RULEBOOK_CACHE)
    if explicit is not None:
        return "" if explicit.strip().lower() in ("", *_OFF) else explicit
    base = environ.get("XDG_CACHE_HOME") or environ.get("LOCALAPPDATA")
    home = environ.get("HOME") or environ.get("USERPROFILE")
    if not base and home:
        base = f"{home}/Library/Caches" if sys.platform == "darwin" else f"{home}/.cache"
    return f"{base}/plainpost/rulebook" if base else ""
