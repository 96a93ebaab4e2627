"""Spelling and grammar: engines behind one interface, vocabulary, typography, merging.

* :mod:`engine` -- the interface: a post's prose as plain text with a source-offset map in,
  :class:`EngineHit` s (source offsets) out;
* :mod:`harper_engine` -- Harper, embedded (default); :mod:`languagetool` -- LanguageTool, opt-in;
* :mod:`vocab` -- accept and reject lists, the medical lexicon, front-matter names;
* :mod:`typography` -- curly apostrophes and quotes in and out of the engines;
* :mod:`merge` -- one report per problem across engines and rules;
* :mod:`lexicon`, :mod:`tokens`, :mod:`patterns` -- plainpost's own grammar rules.

:func:`build` makes the per-run resources (once per run, or once per worker process).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainpost.settings import Settings

ENGINE_KINDS = frozenset({"spelling", "grammar"})


def build(
    settings: Settings, rules: Iterable[Any], rule_folders: Iterable[Any]
) -> tuple[Any, tuple[Any, ...]]:
    """The vocabulary and the engines the selected rules need: (Vocabulary, engines)."""
    config = settings.config
    from plainpost.language.engine import EngineError
    from plainpost.language.vocab import VocabError, load_vocabulary

    rules = [r for r in rules if r.kind in ENGINE_KINDS]
    if not rules:
        return None, ()
    try:
        vocab = load_vocabulary(
            list(rule_folders),
            [config.resolve(p) for p in config.accept],
            [config.resolve(p) for p in config.reject],
        )
    except VocabError as exc:
        raise EngineError(str(exc)) from None
    spelling = any(r.kind == "spelling" for r in rules)
    grammar = [r for r in rules if r.kind == "grammar"]
    harper_off: dict[str, str] = {}
    lt_off: dict[str, str] = {}
    lt_off_categories: dict[str, str] = {}
    where = ""
    for rule in rules:
        if rule.kind == "spelling":
            harper_off.update(rule.options.harper_off)
            where = where or rule.path
    for rule in grammar:
        harper_off.update(rule.options.harper_off)
        lt_off.update(rule.options.languagetool_off)
        lt_off_categories.update(rule.options.languagetool_off_categories)
        where = where or rule.path
    engines: list[Any] = []
    if settings.harper_enabled:
        from plainpost.language.harper_engine import HarperEngine

        harper = HarperEngine(
            off=harper_off,
            vocab=vocab,
            spelling=spelling,
            default_lang=config.lang,
            where=where,
        )
        harper.prewarm(config.lang)  # if build_linter has not already
        engines.append(harper)
    from plainpost.language.languagetool import LanguageToolEngine, settings_from

    lt_settings = settings_from(config, settings.env)
    if lt_settings.enabled:
        lt = LanguageToolEngine(lt_settings, lt_off, lt_off_categories)
        lt.connect()  # unreachable: an error now, before any post is read
        engines.append(lt)
    return vocab, tuple(engines)


def warm_up(settings: Settings) -> None:
    """Start building Harper's dictionary now if this run will probably use Harper.

    Called before the rules load, so the build overlaps start-up (see ``harper_engine``).
    """
    select, ignore = set(settings.all_select), set(settings.all_ignore)
    wanted = {"spelling", "grammar", "misspelling", "grammar-check"}
    if select and not select & wanted:
        return
    if {"spelling", "grammar"} <= ignore:
        return
    if settings.harper_enabled:
        from plainpost.language.harper_engine import warm_up as start

        start()
