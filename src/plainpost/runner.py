"""One lint run: config -> rules -> files -> findings and input errors. No printing here."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from plainpost.checks.context import Context
from plainpost.config import Config
from plainpost.document import InputError, read_source
from plainpost.findings import CATEGORIES, Finding
from plainpost.lint import Linter
from plainpost.rulebook import Rule, load_rules, shipped_rules_dir
from plainpost.rulebook.loader import RuleError, with_options


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, naming the path
    files: list[str] = field(default_factory=list)


def rule_folders(config: Config) -> list[Path]:
    return [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]


def all_rules(config: Config) -> list[Rule]:
    """Every rule, with config overrides of severity and options applied."""
    rules = load_rules(rule_folders(config))
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
    from plainpost.plugins import build_context_extras

    return build_context_extras(config, rules, Context())


def make_linter(
    config: Config, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> Linter:
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


def collect_files(paths: Iterable[Path], config: Config) -> tuple[list[Path], list[str]]:
    """Posts under the given paths (files are taken as given), and errors for missing paths."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            try:
                found = [
                    p for p in sorted(path.rglob("*")) if p.is_file() and _wanted(p, path, config)
                ]
            except OSError as exc:  # a folder we may not list
                errors.append(f"{display_path(path)}: cannot list ({exc.strerror or exc})")
                continue
            if not found:
                errors.append(f"{display_path(path)}: no Markdown posts found in this folder")
            files.extend(found)
        else:
            errors.append(f"{display_path(path)}: no such file or folder")
    unique = list(dict.fromkeys(files))
    return unique, errors


def _wanted(path: Path, base: Path, config: Config) -> bool:
    rel = path.relative_to(base).as_posix()
    if any(part.startswith(".") for part in path.relative_to(base).parts):
        return False
    return _glob_any(rel, config.include) and not _glob_any(rel, config.exclude)


def _glob_any(rel: str, globs: Iterable[str]) -> bool:
    """fnmatch, where a leading `**/` also matches at the top level."""
    return any(
        fnmatch.fnmatch(rel, g) or (g.startswith("**/") and fnmatch.fnmatch(rel, g[3:]))
        for g in globs
    )


def display_path(path: Path) -> str:
    """Paths relative to the current directory where possible, with forward slashes."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def lint_files(
    linter: Linter,
    files: list[Path],
    on_file: Callable[[str], None] | None = None,
) -> RunResult:
    result = RunResult()
    for path in files:
        shown = display_path(path)
        result.files.append(shown)
        try:
            source = read_source(path, shown)
            result.findings.extend(linter.lint_source(source))
        except InputError as exc:  # unreadable, or a crash while checking it
            result.errors.append(str(exc))
            continue
        if on_file:
            on_file(shown)
    return result


def with_lang(config: Config, lang: str | None) -> Config:
    return replace(config, lang=lang) if lang else config
