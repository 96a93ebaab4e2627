"""Rules as data: the YAML rule files in rules/ and the schema they are validated against."""

from plainpost.rulebook.loader import RuleError, load_rules, rule_folders, shipped_rules_dir
from plainpost.rulebook.model import Examples, Rule, RuleDoc

__all__ = [
    "Examples",
    "Rule",
    "RuleDoc",
    "RuleError",
    "load_rules",
    "rule_folders",
    "shipped_rules_dir",
]
