"""Load and validate rule files. One rule per YAML file; the folder is its pack.

The loader knows nothing of the check kinds: it is handed ``options_for`` (kind -> its options
dataclass, ``KeyError`` for a kind that does not exist), so the kind table above it decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from plainpost.config import Config
from plainpost.errors import SetupError
from plainpost.findings import CATEGORIES, Severity
from plainpost.rulebook.model import Examples, Rule, RuleDoc
from plainpost.schema import SchemaError, coerce, from_mapping, join_key
from plainpost.textmatch.redos import catastrophic, patterns_in

OptionsFor = Callable[[str], type[Any]]  # a kind -> its options dataclass (KeyError: none)

ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(SetupError):
    """A malformed rule file; the message names the file and the key."""


@dataclass(frozen=True)
class _RawRule:
    id: str
    category: str
    severity: Literal["error", "warning", "info"]
    kind: str
    message: str
    doc: RuleDoc
    examples: dict[str, list[str]]
    options: dict[str, Any] | None = None
    stage: Literal["preview", "stable", "deprecated"] = "stable"


def rule_folders(config: Config) -> list[Path]:
    """The shipped rules, then the config's ``rule_folders`` (a later rule replaces one with
    the same id)."""
    return [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]


def shipped_rules_dir() -> Path:
    """rules/ inside the wheel, or the repository's rules/ in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML (libyaml's parser when available: 10x faster) that rejects duplicate keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"{path}: invalid YAML{at}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read: {exc}") from None


def load_rule(path: Path, options_for: OptionsFor, pack: str = "", guard: bool = False) -> Rule:
    """One rule file. ``guard``: refuse regular expressions that can backtrack exponentially
    (rule files of a content repo; the shipped ones are tested for it)."""
    data = load_yaml(path)
    where = str(path)
    try:
        raw = from_mapping(_RawRule, data, where)
    except SchemaError as exc:
        raise RuleError(str(exc)) from None
    if not ID_RE.match(raw.id):
        raise RuleError(f"{where}: id: {raw.id!r} must be kebab-case (a-z, 0-9, -)")
    if raw.category not in CATEGORIES:
        raise RuleError(
            f"{where}: category: {raw.category!r} is not one of {', '.join(CATEGORIES)}"
        )
    try:
        opts_cls = options_for(raw.kind)
    except KeyError as exc:
        raise RuleError(f"{where}: kind: {exc.args[0]}") from None
    options = _options(opts_cls, raw.options or {}, f"{where}: options")
    if guard:
        for regex in patterns_in(options):
            if catastrophic(regex):
                raise RuleError(
                    f"{where}: options: the regular expression {regex.pattern[:60]!r} can take "
                    "exponential time (a repeat inside a repeat, like (a+)+): bound the inner "
                    "repeat or make the two parts unable to match the same text"
                )
    unknown = set(raw.examples) - {"fire", "pass"}
    if unknown:
        raise RuleError(f"{where}: examples: unknown key {sorted(unknown)[0]!r} (use fire, pass)")
    try:
        fire = coerce(tuple[str, ...], raw.examples.get("fire") or [], f"{where}: examples.fire")
        passing = coerce(tuple[str, ...], raw.examples.get("pass") or [], f"{where}: examples.pass")
    except SchemaError as exc:
        raise RuleError(str(exc)) from None
    return Rule(
        id=raw.id,
        category=raw.category,
        severity=Severity.parse(raw.severity),
        kind=raw.kind,
        message=raw.message,
        doc=raw.doc,
        options=options,
        examples=Examples(fire=fire, pass_=passing),
        path=where,
        stage=raw.stage,
        pack=pack,
        raw_options=dict(raw.options or {}),
    )


def rule_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*.y*ml")
        if p.suffix in (".yml", ".yaml") and "vocab" not in p.parts
    )


@dataclass(frozen=True)
class Dropped:
    """A content repo's rule file that did not load: the one line saying why, and the rule's id
    when the file names one (so config that tunes the rule is not an error on top)."""

    problem: str
    rule_id: str | None = None


def load_rules(
    folders: list[Path], options_for: OptionsFor, dropped: list[Dropped] | None = None
) -> list[Rule]:
    """All rules of the given folders; a later folder's rule replaces one with the same id.

    A broken rule file raises :class:`RuleError`, unless ``dropped`` is given and the file is a
    content repo's (not a shipped one): then it is left out and its problem added to
    ``dropped``, so one editor's slip in one rule does not stop every other check."""
    by_id: dict[str, Rule] = {}
    shipped = shipped_rules_dir().resolve()
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(f"{folder}: rule folder not found")
        seen: dict[str, str] = {}
        guard = folder.resolve() != shipped
        for path in rule_files(folder):
            rel = path.relative_to(folder)
            pack = rel.parts[0] if len(rel.parts) > 1 else ""
            try:
                rule = _load_rule_once(path, options_for, pack, guard)
                if rule.id in seen:
                    raise RuleError(f"{path}: id: {rule.id!r} is already used by {seen[rule.id]}")
            except RuleError as exc:
                if dropped is None or not guard:
                    raise
                dropped.append(Dropped(str(exc), _named_id(path)))
                continue
            seen[rule.id] = rule.path
            by_id[rule.id] = rule
    return sorted(by_id.values(), key=lambda r: (r.category, r.id))


# Rule files this process has loaded, by path, bytes and how they were loaded: a rule is frozen
# data decided by its file alone, so a second run in one process (another config over the same
# rule folders, the language server after a config reload, a test suite's commands) does not
# parse and validate the same file again. A file that fails to load is not kept.
_LOADED: dict[tuple[str, bytes, str, bool, OptionsFor], Rule] = {}
LOADED_KEEP = 1024  # rule files kept (the shipped ones are about 75)


def forget_loaded_rules() -> None:
    """Drop the rules this process keeps (the next load parses every file again)."""
    _LOADED.clear()


def _load_rule_once(path: Path, options_for: OptionsFor, pack: str, guard: bool) -> Rule:
    try:
        data = path.read_bytes()
    except OSError:
        return load_rule(path, options_for, pack, guard=guard)  # it says why
    key = (str(path), data, pack, guard, options_for)
    rule = _LOADED.get(key)
    if rule is None:
        rule = load_rule(path, options_for, pack, guard=guard)
        if len(_LOADED) >= LOADED_KEEP:  # an editor saving a house rule again and again
            _LOADED.clear()
        _LOADED[key] = rule
    return rule


def _named_id(path: Path) -> str | None:
    """The id a rule file gives itself, if it can be read that far."""
    try:
        data = load_yaml(path)
    except RuleError:
        return None
    found = data.get("id") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


def with_options(rule: Rule, overrides: dict[str, Any], where: str) -> Rule:
    """A rule with options and severity overridden from config (validated the same way)."""
    overrides = dict(overrides)
    severity = overrides.pop("severity", None)
    if overrides:
        merged = {**rule.raw_options, **overrides}
        options = _options(type(rule.options), merged, where)
        rule = replace(rule, options=options, raw_options=merged)
    if severity is not None:
        try:
            rule = replace(rule, severity=Severity.parse(str(severity)))
        except ValueError as exc:
            raise RuleError(f"{join_key(where, 'severity')}: {exc}") from None
    return rule


def _options(cls: type[Any], raw: Any, where: str) -> Any:
    """A kind's options from a mapping; a bad value or regular expression names its key."""
    try:
        return from_mapping(cls, raw, where)
    except SchemaError as exc:
        raise RuleError(str(exc)) from None
    except re.error as exc:
        raise RuleError(_regex_problem(exc, raw, where)) from None
    except (ValueError, TypeError) as exc:
        raise RuleError(f"{where}: {exc}") from None


def _regex_problem(exc: re.error, raw: Any, where: str) -> str:
    """Find the option value that does not compile, so the message can name it."""
    items = raw.items() if isinstance(raw, dict) else ()
    for key, value in items:
        values = value if isinstance(value, list) else [value]
        for i, pattern in enumerate(values):
            if not isinstance(pattern, str):
                continue
            try:
                re.compile(pattern)
            except re.error as own:
                index = f"[{i}]" if isinstance(value, list) else ""
                return (
                    f"{join_key(where, str(key))}{index}: bad regular expression "
                    f"{pattern!r}: {own.msg}"
                )
    return f"{where}: bad regular expression {exc.pattern!r}: {exc.msg}"
