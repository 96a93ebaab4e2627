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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainpost.settings import Settings


@dataclass(frozen=True)
class EngineNeeds:
    """What the run's spelling and grammar rules ask of the engines (gathered by their kind)."""

    spelling: bool = False  # a spelling rule runs: Harper's spelling lints stay on
    harper_off: Mapping[str, str] = field(default_factory=dict)  # rule -> why it is off
    languagetool_off: Mapping[str, str] = field(default_factory=dict)
    languagetool_off_categories: Mapping[str, str] = field(default_factory=dict)
    where: str = ""  # the rule file to name in an engine's error


# Process-wide tables derived from the packages' data (lemminflect, symspellpy's lists, the CMU
# dictionary, Pyphen's hyphenation patterns) that checks read, by name (a kind's ``tables``):
# built on first use, or handed over from a compiled rulebook (run/compiled.py).
TABLES = ("words", "inflections", "realword", "hyphenation")


def export_table(name: str) -> Any:
    """The table ``name``, built now if this process has not built it yet."""
    if name == "words":
        from plainpost.language import lexicon

        return lexicon.word_table()
    if name == "inflections":
        from plainpost.language import lexicon

        return lexicon.inflection_table()
    if name == "realword":
        from plainpost.language import realword

        return realword.tables()
    if name == "hyphenation":
        from plainpost.readability import syllables

        return syllables.hyphenation_table()
    raise KeyError(f"no table {name!r} (known: {', '.join(TABLES)})")


def use_table(name: str, table: Any) -> None:
    """Use ``table`` (from :func:`export_table`, maybe in another process) for ``name``."""
    if name == "words":
        from plainpost.language import lexicon

        lexicon.use_word_table(table)
    elif name == "inflections":
        from plainpost.language import lexicon

        lexicon.use_inflection_table(table)
    elif name == "realword":
        from plainpost.language import realword

        realword.use_tables(table)
    elif name == "hyphenation":
        from plainpost.readability import syllables

        syllables.use_hyphenation_table(table)
    else:
        raise KeyError(f"no table {name!r} (known: {', '.join(TABLES)})")


def load_vocab(settings: Settings, rule_folders: Iterable[Any]) -> Any:
    """The run's vocabulary: its rule folders' word lists and the config's accept and reject
    files (an unreadable one raises ``EngineError`` naming it)."""
    from plainpost.language.engine import EngineError
    from plainpost.language.vocab import VocabError, load_vocabulary

    config = settings.config
    try:
        return load_vocabulary(
            list(rule_folders),
            [config.resolve(p) for p in config.accept],
            [config.resolve(p) for p in config.reject],
        )
    except VocabError as exc:
        raise EngineError(str(exc)) from None


def build(
    settings: Settings, needs: EngineNeeds, rule_folders: Iterable[Any], vocab: Any = None
) -> tuple[Any, tuple[Any, ...]]:
    """The vocabulary and the engines the run's rules need: (Vocabulary, engines).
    ``vocab``: the vocabulary read already (from the compiled rulebook); None reads it."""
    config = settings.config
    if vocab is None:
        vocab = load_vocab(settings, rule_folders)
    engines: list[Any] = []
    if settings.harper_enabled:
        from plainpost.language.harper_engine import HarperEngine

        harper = HarperEngine(
            off=dict(needs.harper_off),
            vocab=vocab,
            spelling=needs.spelling,
            default_lang=config.lang,
            where=needs.where,
        )
        harper.prewarm(config.lang)  # if the run has not already
        engines.append(harper)
    from plainpost.language.languagetool import LanguageToolEngine, settings_from

    lt_settings = settings_from(config, settings.env)
    if lt_settings.enabled:
        lt = LanguageToolEngine(
            lt_settings, dict(needs.languagetool_off), dict(needs.languagetool_off_categories)
        )
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
