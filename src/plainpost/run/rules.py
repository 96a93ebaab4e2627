"""The rule set of a run: rule files loaded, config overrides applied, validated, selected;
and the linter built from it. No printing here."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from plainpost.checks import options_class
from plainpost.checks.context import Context
from plainpost.config import Config
from plainpost.findings import CATEGORIES
from plainpost.lint.linter import Linter
from plainpost.rulebook import Rule, load_rules, shipped_rules_dir
from plainpost.rulebook.loader import RuleError, with_options


def rule_folders(config: Config) -> list[Path]:
    return [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]


def load_rule_files(folders: list[Path]) -> list[Rule]:
    """The rules of these folders, validated against the kind table (no config applied)."""
    return load_rules(folders, options_class)


def all_rules(config: Config) -> list[Rule]:
    """Every rule, with config overrides of severity and options applied."""
    rules = load_rule_files(rule_folders(config))
    ids = {r.id for r in rules}
    for rule_id in config.rules:
        if rule_id not in ids:
            where = config.where(f"rules.{rule_id}")
            raise RuleError(f"{where}: no rule with this id (see `plainpost rules`)")
    out = []
    for rule in rules:
        overrides = config.rules.get(rule.id)
        if overrides:
            if str(overrides.get("severity", "")).lower() == "off":
                continue
            rule = with_options(rule, overrides, config.where(f"rules.{rule.id}"))
        out.append(rule)
    return out


def select_rules(
    rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    select, ignore = set(select), set(ignore)
    known = {r.id for r in rules} | set(CATEGORIES)
    for name in select | ignore:
        if name not in known:
            raise RuleError(f"unknown rule or category {name!r} (see `plainpost rules`)")

    def chosen(r: Rule) -> bool:
        if select and r.id not in select and r.category not in select:
            return False
        return r.id not in ignore and r.category not in ignore

    return [r for r in rules if chosen(r) or (r.kind == "suppression" and not ignore & {r.id})]


def build_context(config: Config, rules: list[Rule]) -> Context:
    from plainpost.run.resources import build_context_extras

    return build_context_extras(config, rules, Context())


def build_linter(config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Linter:
    from plainpost.language import warm_up

    warm_up(config, select, ignore)  # Harper's dictionary builds on a thread while rules load
    rules = all_rules(config)
    known = {r.id for r in rules} | set(CATEGORIES)
    for key, names in (("select", config.select), ("ignore", config.ignore)):
        for name in names:
            if name not in known:
                where = config.where(key)
                raise RuleError(
                    f"{where}: unknown rule or category {name!r} (see `plainpost rules`)"
                )
    chosen = select_rules(rules, [*config.select, *select], [*config.ignore, *ignore])
    ctx = build_context(config, chosen)
    return Linter(
        rules=tuple(chosen),
        ctx=ctx,
        default_lang=config.lang,
        all_rule_ids=frozenset(r.id for r in rules),
    )
