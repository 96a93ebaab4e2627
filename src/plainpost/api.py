"""The stable programmatic interface: what other tools (the language server, scripts, benchmarks)
import. Everything else in the package may move; these names keep their meaning.

    from plainpost.api import Source, build_linter, load_config

    config = load_config(start=Path("content"))  # plainpost.toml or pyproject.toml, found upward
    linter = build_linter(config)  # rules loaded, overridden, validated and selected once
    findings = linter.lint_source(Source.from_text(text, "content/post.md"))

``build_linter`` takes a :class:`Config` (its settings are resolved with this process's
``PLAINPOST_*`` environment, as the command line does) or :class:`Settings` resolved already.

``Linter.lint_source(Source) -> list[Finding]`` is a pure function of the text (no I/O once the
linter is built), safe to call again and again. A post that cannot be checked raises
:class:`InputError`; a setup problem (bad config or rule files, an engine that cannot run)
raises a :class:`SetupError`; both are :class:`PlainpostError`\\ s with a one-line message.
"""

import os
from collections.abc import Iterable

from plainpost.config import Config, ConfigError, load_config
from plainpost.document import InputError, Source, read_source
from plainpost.errors import PlainpostError, SetupError
from plainpost.findings import Finding, Severity
from plainpost.lint.linter import Linter
from plainpost.rulebook import Rule, RuleError
from plainpost.run import rules as _rules
from plainpost.settings import Overrides, Settings, resolve

__all__ = [
    "Config",
    "ConfigError",
    "Finding",
    "InputError",
    "Linter",
    "PlainpostError",
    "Rule",
    "RuleError",
    "Settings",
    "SetupError",
    "Severity",
    "Source",
    "build_linter",
    "load_config",
    "read_source",
]


def build_linter(
    config: Config | Settings, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> Linter:
    """A linter for ``config`` (plus ``select`` and ``ignore``, as the flags are) or for
    resolved ``Settings``: rule files read, overridden, validated and selected once."""
    if isinstance(config, Settings):
        settings = config
    else:
        settings = resolve(config, os.environ, Overrides(tuple(select), tuple(ignore)))
    return _rules.Run(settings).linter()
