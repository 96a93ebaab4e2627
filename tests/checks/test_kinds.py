"""The kind table: every kind declares its options, its check and its capabilities; every kind
module in checks/ is in the table and every kind has a shipped rule (a new kind is its file, one
line in the table and its rule file)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import plainpost.checks
from plainpost.checks.kinds import KINDS, kind_of
from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files

CHECKS_DIR = Path(plainpost.checks.__file__).parent
NOT_KINDS = {"__init__", "kinds", "context"}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_declares_typed_options_and_a_check(name):
    kind = KINDS[name]
    assert kind.name == name
    assert dataclasses.is_dataclass(kind.options)
    assert callable(kind.check)


def test_every_kind_module_is_in_the_table():
    modules = {p.stem for p in CHECKS_DIR.glob("*.py")} - NOT_KINDS
    used = {kind.check.__module__.rsplit(".", 1)[-1] for kind in KINDS.values()}
    assert modules == used, f"kind modules not in the table: {sorted(modules - used)}"


def test_every_kind_has_a_shipped_rule():
    shipped = {r.kind for r in load_rule_files([shipped_rules_dir()])}
    assert set(KINDS) == shipped, f"kinds without a rule file: {sorted(set(KINDS) - shipped)}"


def test_an_unknown_kind_names_the_known_ones():
    with pytest.raises(KeyError, match="unknown kind 'nonsense' \\(known: claim, "):
        kind_of("nonsense")
