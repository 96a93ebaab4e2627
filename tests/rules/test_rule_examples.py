"""Every rule's own examples: each `fire` example must produce a finding of that rule, each
`pass` example none. A rule without examples fails. The examples live in the rule files."""

from __future__ import annotations

import pytest

from plainpost.rulebook import shipped_rules_dir
from plainpost.run.rules import load_rule_files

RULES = load_rule_files([shipped_rules_dir()])
MIN_EXAMPLES = 5


def _cases():
    for rule in RULES:
        for i, text in enumerate(rule.examples.fire):
            yield pytest.param(rule.id, text, True, id=f"{rule.id}-fire-{i}")
        for i, text in enumerate(rule.examples.pass_):
            yield pytest.param(rule.id, text, False, id=f"{rule.id}-pass-{i}")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule):
    need = f"{rule.path}: needs at least {MIN_EXAMPLES}"
    assert len(rule.examples.fire) >= MIN_EXAMPLES, f"{need} examples that fire"
    assert len(rule.examples.pass_) >= MIN_EXAMPLES, f"{need} examples that pass"


@pytest.mark.parametrize(("rule_id", "text", "fires"), list(_cases()))
def test_rule_example(rule_id, text, fires, lint_text):
    found = [f for f in lint_text(text, "example.md") if f.rule == rule_id]
    if fires:
        assert found, f"{rule_id} should fire on:\n{text}"
    else:
        assert not found, f"{rule_id} should not fire on:\n{text}\n→ {[f.message for f in found]}"
