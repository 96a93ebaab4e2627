"""The rule set of a run: rule files loaded, config overrides applied, validated, selected;
and the linter built from it. No printing here."""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, SupportsIndex

from plainpost.checks.context import Context
from plainpost.checks.kinds import KINDS, options_for
from plainpost.config import Config
from plainpost.findings import CATEGORIES
from plainpost.lint.linter import Linter
from plainpost.rulebook import Rule, load_rules
from plainpost.rulebook import rule_folders as rule_folders  # where it used to live
from plainpost.rulebook.loader import Dropped, RuleError, forget_loaded_rules, with_options
from plainpost.run import compiled
from plainpost.schema import did_you_mean
from plainpost.settings import Settings


def load_rule_files(folders: list[Path], dropped: list[Dropped] | None = None) -> list[Rule]:
    """The rules of these folders, validated against the kind table (no config applied).
    With ``dropped``, a content repo's broken rule file is left out and listed there."""
    return load_rules(folders, options_for, dropped)


def all_rules(config: Config) -> list[Rule]:
    """Every rule, with config overrides of severity and options applied."""
    return _configured(load_rule_files(rule_folders(config)), config)[0]


def _configured(
    rules: list[Rule], config: Config, dropped: frozenset[str] = frozenset()
) -> tuple[list[Rule], list[Rule]]:
    """The rules with the config's overrides applied, and those it switches off (as loaded).
    ``dropped``: ids of rules whose files did not load (tuning them is not an error too)."""
    ids = {r.id for r in rules}
    for rule_id in config.rules:
        if rule_id not in ids and rule_id not in dropped:
            where = config.where(f"rules.{rule_id}")
            hint = did_you_mean(rule_id, ids)
            raise RuleError(f"{where}: no rule with this id{hint} (see `plainpost rules`)")
    out, off = [], []
    for rule in rules:
        overrides = config.rules.get(rule.id)
        if overrides:
            if str(overrides.get("severity", "")).lower() == "off":
                off.append(rule)
                continue
            rule = with_options(rule, overrides, config.where(f"rules.{rule.id}"))
        out.append(rule)
    return out, off


def select_rules(
    rules: Iterable[Rule],
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    dropped: Iterable[str] = (),
) -> list[Rule]:
    """The rules chosen by ``select`` and ``ignore`` (ids or categories); naming a ``dropped``
    rule (its file did not load) is not an error."""
    select, ignore = set(select), set(ignore)
    rules = list(rules)
    known = {r.id for r in rules} | set(CATEGORIES) | set(dropped)
    for name in select | ignore:
        if name not in known:
            hint = did_you_mean(name, known)
            raise RuleError(f"unknown rule or category {name!r}{hint} (see `plainpost rules`)")

    def chosen(r: Rule) -> bool:
        if select and r.id not in select and r.category not in select:
            return False
        return r.id not in ignore and r.category not in ignore

    # the meta rules (about suppression directives) run unless ignored by id
    return [r for r in rules if chosen(r) or (KINDS[r.kind].meta and not ignore & {r.id})]


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, loaded, overridden, validated and selected once (sqlfluff's RulePack).

    Plain data: it is handed to worker processes as it is, so they never read a rule file.
    """

    loaded: tuple[Rule, ...]  # every rule, with the config's overrides (rules set "off" left out)
    chosen: tuple[Rule, ...]  # the ones this run checks (select and ignore applied)
    switched_off: tuple[Rule, ...] = ()  # set "off" in the config, as their files have them
    # a content repo's rule files that did not load, one line each: the run checks every other
    # rule and ends with exit code 2
    problems: tuple[str, ...] = ()

    @property
    def all_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.loaded)

    # The compiled rulebook (run/compiled.py) this rule set was loaded from or written to: a
    # pickle whose regular expressions load without compiling. A worker process is handed
    # those bytes, so it builds nothing.
    def keep_compiled(self, data: bytes) -> None:
        object.__setattr__(self, "_compiled", data)

    @property
    def compiled(self) -> bytes | None:
        data = self.__dict__.get("_compiled")
        return data if isinstance(data, bytes) else None

    # The engines' vocabulary (language/vocab.py) read with the rules when the compiled
    # rulebook was written (its files are in the rulebook's key): None when it is to be read.
    def keep_vocabulary(self, vocabulary: Any) -> None:
        object.__setattr__(self, "_vocabulary", vocabulary)

    @property
    def vocabulary(self) -> Any:
        return self.__dict__.get("_vocabulary")

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        data = self.compiled
        if data is not None:
            return from_compiled, (data,)
        return super().__reduce_ex__(protocol)


@dataclass(frozen=True)
class Compiled:
    """What a compiled rulebook holds: the rule set, the process-wide tables its checks read
    (a kind's ``tables``: the word table, the real-word model, the hyphenation patterns),
    already built, and the engines' vocabulary when a chosen rule needs the engines (the
    accept and reject lists, the installed medical dictionary, the medical word parts)."""

    ruleset: RuleSet
    tables: dict[str, Any]
    vocabulary: Any = None


def compiled_form(ruleset: RuleSet, settings: Settings | None = None) -> Compiled:
    from plainpost import language

    names = sorted({t for r in ruleset.chosen for t in KINDS[r.kind].tables})
    vocabulary = ruleset.vocabulary
    if vocabulary is None and settings is not None:
        vocabulary = _vocabulary(settings, ruleset.chosen)
    return Compiled(ruleset, {name: language.export_table(name) for name in names}, vocabulary)


def _vocabulary(settings: Settings, rules: Iterable[Rule]) -> Any:
    """The vocabulary the chosen rules' engines read, or None (none needed, or it cannot be
    read: then building the linter reads it again and reports the problem, as it always did)."""
    from plainpost.run.resources import load_vocabulary

    try:
        return load_vocabulary(settings, list(rules))
    except Exception:
        return None


def _use_tables(tables: dict[str, Any]) -> None:
    """Put a compiled rulebook's process-wide tables to use in this process."""
    from plainpost import language

    for name, table in tables.items():
        language.use_table(name, table)


def from_compiled(data: bytes) -> RuleSet:
    """The rule set of a compiled rulebook, its tables put to use in this process."""
    found = pickle.loads(data)
    if not isinstance(found, Compiled) or not isinstance(found.ruleset, RuleSet):
        raise TypeError(f"not a compiled rulebook: {type(found).__name__}")
    _use_tables(found.tables)
    found.ruleset.keep_compiled(data)
    found.ruleset.keep_vocabulary(found.vocabulary)
    return found.ruleset


def build_ruleset(settings: Settings) -> RuleSet:
    """Load every rule file once, apply the config, check select and ignore, choose."""
    config = settings.config
    folders = rule_folders(config)
    dropped: list[Dropped] = []
    rules = load_rule_files(folders, dropped)
    gone = frozenset(d.rule_id for d in dropped if d.rule_id)
    loaded, off = _configured(rules, config, gone)
    _check_snippets(loaded, folders)
    known = {r.id for r in loaded} | set(CATEGORIES) | gone
    for key, names in (("select", config.select), ("ignore", config.ignore)):
        for name in names:
            if name not in known:
                where = config.where(key)
                raise RuleError(
                    f"{where}: unknown rule or category {name!r}{did_you_mean(name, known)} "
                    "(see `plainpost rules`)"
                )
    chosen = select_rules(loaded, settings.all_select, settings.all_ignore, gone)
    return RuleSet(tuple(loaded), tuple(chosen), tuple(off), tuple(d.problem for d in dropped))


# Rule sets this process has loaded or built, by rulebook key (the rule files, vocabularies,
# config, settings and plainpost's own source: compiled.rulebook_key). A rule set is plain frozen
# data, so a second run in one process with the same inputs (the language server after a config
# reload, a test suite's in-process commands, the library called twice) reuses it rather than
# reading and validating every rule file again: seconds of CPU each time.
# Each holds its vocabulary (about 75 MB with the installed medical dictionary), so only the
# last two are kept: a config reload and back is instant, and a long-lived process does not grow.
_IN_PROCESS: OrderedDict[str, RuleSet] = OrderedDict()
IN_PROCESS_KEEP = 2


def forget_rule_sets() -> None:
    """Drop the rule sets and rule files this process keeps (the next run reads its own)."""
    _IN_PROCESS.clear()
    forget_loaded_rules()


def load_or_build(settings: Settings) -> RuleSet:
    """The run's rule set: one this process already has for these inputs; else from the
    compiled rulebook (run/compiled.py) when one is kept for them, else built from the rule
    files, and the compiled rulebook written for the next process. A config with a problem
    raises; a content repo's broken rule file is left out and named in the rule set's
    ``problems``. Only a rule set with no problem is ever kept, on disk or in the process."""
    key = compiled.rulebook_key(settings)
    kept = _IN_PROCESS.get(key)
    if kept is not None:
        _IN_PROCESS.move_to_end(key)
        return kept
    ruleset = _load_or_build(settings, key)
    if not ruleset.problems:
        if ruleset.vocabulary is None:  # read once with the rules, as the compiled rulebook does
            ruleset.keep_vocabulary(_vocabulary(settings, ruleset.chosen))
        _IN_PROCESS[key] = ruleset
        while len(_IN_PROCESS) > IN_PROCESS_KEEP:
            _IN_PROCESS.popitem(last=False)
    return ruleset


def _load_or_build(settings: Settings, key: str) -> RuleSet:
    path = compiled.cache_file(settings, key)
    if path is not None:
        data = compiled.read(path)
        if data is not None:
            try:
                return from_compiled(data)
            except Exception:  # corrupt, truncated, something else: rebuilt and replaced
                pass
    ruleset = build_ruleset(settings)
    if path is not None and not ruleset.problems:
        compiled.warm(ruleset)  # every derived value worked out, so the file holds it
        form = compiled_form(ruleset, settings)
        ruleset.keep_vocabulary(form.vocabulary)
        _use_tables(form.tables)  # as a process that loads the file does
        data = compiled.store(path, form)
        if data is not None:
            ruleset.keep_compiled(data)
    return ruleset


def _check_snippets(rules: Iterable[Rule], folders: list[Path]) -> None:
    """A rule that inserts a standard wording must name a snippet that exists in a rule
    folder's ``snippets/`` (a misspelt name would insert an empty note)."""
    for rule in rules:
        if not KINDS[rule.kind].needs_snippets:
            continue
        name = getattr(rule.options, "snippet", "")
        if name and not any((f / "snippets" / f"{name}.md").is_file() for f in folders):
            known = sorted({p.stem for f in folders for p in (f / "snippets").glob("*.md")})
            raise RuleError(
                f"{rule.path}: options.snippet: no snippet {name!r} in the rule folders' "
                f"snippets/ (known: {', '.join(known)})"
            )


def build_context(settings: Settings, rules: Iterable[Rule], vocabulary: Any = None) -> Context:
    from plainpost.run.resources import build_context_extras

    ctx = Context(today=settings.today)
    return build_context_extras(settings, list(rules), ctx, vocabulary)


def build_linter(settings: Settings, ruleset: RuleSet | None = None) -> Linter:
    """The linter of a run: from its rule set (built here when not given) and its resources."""
    from plainpost.language import warm_up

    if ruleset is None:
        warm_up(settings)  # Harper's dictionary builds on a thread while the rules load
        ruleset = load_or_build(settings)
    return Linter(
        rules=ruleset.chosen,
        ctx=build_context(settings, ruleset.chosen, ruleset.vocabulary),
        default_lang=settings.config.lang,
        all_rule_ids=ruleset.all_ids,
    )


class Run:
    """One run: its settings, and (built on first use, once per process) its rule set and its
    linter. A run whose posts are all in the cache never reads a rule file."""

    def __init__(
        self, settings: Settings, ruleset: RuleSet | None = None, linter: Linter | None = None
    ) -> None:
        self.settings = settings
        self._ruleset = ruleset
        self._linter = linter  # when given, built from these settings

    def ruleset(self, warm: bool = True) -> RuleSet:
        """``warm``: this process will lint with it, so Harper's dictionary starts building on
        a thread while the rules load; a parent that only hands the rule set to its workers
        passes False (it would hold the dictionary's 80 MB and 1.5 s of CPU for nothing)."""
        if self._ruleset is None:
            if warm:
                from plainpost.language import warm_up

                warm_up(self.settings)
            self._ruleset = load_or_build(self.settings)
        return self._ruleset

    def linter(self) -> Linter:
        if self._linter is None:
            self._linter = build_linter(self.settings, self.ruleset())
        return self._linter

    @property
    def problems(self) -> tuple[str, ...]:
        """The content repo's rule files this run left out, one line each (none until its rules
        are loaded: a run whose posts are all cached never reads them, and a run with a problem
        caches nothing, so the next run reads them and says it again)."""
        return self._ruleset.problems if self._ruleset is not None else ()
