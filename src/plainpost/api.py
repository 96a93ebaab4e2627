"""The stable programmatic interface: what other tools (the language server, scripts, benchmarks)
import. Everything else in the package may move; these names keep their meaning.

    from plainpost.api import Source, build_linter, load_config

    config = load_config(start=Path("content"))  # plainpost.toml or pyproject.toml, found upward
    linter = build_linter(config)  # rules loaded, overridden, validated and selected once
    findings = linter.lint_source(Source.from_text(text, "content/post.md"))

``build_linter`` takes a :class:`Config` (its settings are resolved with this process's
``PLAINPOST_*`` environment, as the command line does) or :class:`Settings` resolved already.

An editor's integration (the language server) also finds the config as the CLI does
(:func:`find_config`), asks whether the config selects a post (:func:`selects`; a whole run's
posts, nested configs included: :func:`select_posts` with a :class:`ConfigSet`), checks a
buffer rather than a file (:func:`buffer_source`), applies every safe fix (:func:`fix_with`),
watches the rule folders (:func:`rule_folders`) and links a rule's docs (:data:`RULE_DOC_URL`).

``Linter.lint_source(Source) -> list[Finding]`` is a pure function of the text (no I/O once the
linter is built), safe to call again and again. A post that cannot be checked raises
:class:`InputError`; a setup problem (bad config or rule files, an engine that cannot run)
raises a :class:`SetupError`; both are :class:`PlainpostError`\\ s with a one-line message.
A caller that lints the same posts again and again keeps a :class:`Memo` and passes it
(``lint_source(source, memo)``): each block whose text has not changed is not checked again,
and the findings are the same as without it.
"""

import os
from collections.abc import Iterable

from plainpost.config import Config, ConfigError, ConfigSet, find_config, load_config
from plainpost.document import Document, InputError, Source, buffer_source, read_source
from plainpost.document.derived import Memo
from plainpost.errors import PlainpostError, SetupError
from plainpost.findings import Finding, Severity
from plainpost.fix import fix_with
from plainpost.formats.sarif_format import HELP_URI as RULE_DOC_URL
from plainpost.fsutil import atomic_write
from plainpost.lint.linter import Linter
from plainpost.rulebook import Rule, RuleError, shipped_rules_dir
from plainpost.run import rules as _rules
from plainpost.run.files import select_posts, selects
from plainpost.run.rules import rule_folders
from plainpost.settings import Overrides, Settings, resolve

__all__ = [
    "RULE_DOC_URL",
    "Config",
    "ConfigError",
    "ConfigSet",
    "Document",
    "Finding",
    "InputError",
    "Linter",
    "Memo",
    "PlainpostError",
    "Rule",
    "RuleError",
    "Settings",
    "SetupError",
    "Severity",
    "Source",
    "atomic_write",
    "buffer_source",
    "build_linter",
    "build_linter_keeping_going",
    "find_config",
    "fix_with",
    "load_config",
    "read_source",
    "rule_folders",
    "select_posts",
    "selects",
    "shipped_rules_dir",
]


def build_linter(
    config: Config | Settings, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> Linter:
    """A linter for ``config`` (plus ``select`` and ``ignore``, as the flags are) or for
    resolved ``Settings``: rule files read, overridden, validated and selected once. A broken
    rule file raises :class:`RuleError` (see :func:`build_linter_keeping_going`)."""
    linter, problems = build_linter_keeping_going(config, select, ignore)
    if problems:
        raise RuleError(problems[0])
    return linter


def build_linter_keeping_going(
    config: Config | Settings, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> tuple[Linter, tuple[str, ...]]:
    """As :func:`build_linter`, but a content repo's broken rule file is left out rather than
    raised: the linter of every other rule, and one line per file left out (as ``plainpost
    lint`` does). A broken config still raises."""
    if isinstance(config, Settings):
        settings = config
    else:
        settings = resolve(config, os.environ, Overrides(tuple(select), tuple(ignore)))
    run = _rules.Run(settings)
    return run.linter(), run.problems
