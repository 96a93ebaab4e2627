"""A run as the command line resolves it: the config, this process's PLAINPOST_* environment
and the flags (select, ignore)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from plainpost.config import Config
from plainpost.lint.linter import Linter
from plainpost.run.rules import Run
from plainpost.settings import Overrides, Settings, resolve


def settings_of(config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Settings:
    return resolve(config, os.environ, Overrides(tuple(select), tuple(ignore)))


def run_of(
    config: Config,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    linter: Linter | None = None,
) -> Run:
    return Run(settings_of(config, select, ignore), linter=linter)
