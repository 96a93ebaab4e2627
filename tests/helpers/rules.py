"""Shared helpers for the health rule tests: the health packs and the fixtures' expectations."""

from __future__ import annotations

import re
from pathlib import Path

from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files

REPO = Path(__file__).resolve().parents[2]
HEALTH_PACKS = ("safety", "claims", "review")
ALL_RULES = load_rule_files([shipped_rules_dir()])
HEALTH_RULES = [r for r in ALL_RULES if r.pack in HEALTH_PACKS]
HEALTH_IDS = frozenset(r.id for r in HEALTH_RULES)
PLAIN_IDS = frozenset(r.id for r in ALL_RULES if r.pack == "plain-language")
NOTE_RULES = [r for r in HEALTH_RULES if r.kind == "safety-note"]

EXPECT_RE = re.compile(r"<!--\s*expect:(.*?)-->", re.S)
EXPECT_LINE_RE = re.compile(r"^\s*(\d+):\s*(.+?)\s*$")


def expectations(text: str) -> list[tuple[int, str]]:
    """(line, description) pairs from a fixture's trailing `<!-- expect: -->` comment."""
    m = EXPECT_RE.search(text)
    if not m:
        return []
    out = []
    for raw in m.group(1).splitlines():
        em = EXPECT_LINE_RE.match(raw)
        if em:
            out.append((int(em.group(1)), em.group(2)))
    return out
