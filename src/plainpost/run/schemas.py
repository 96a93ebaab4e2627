"""JSON Schemas for plainpost.toml and for rule files, generated from the dataclasses the loaders
validate against (the config's own types, the rule file model and every kind's options), so an
editor completes and checks exactly what plainpost accepts. Checked in under ``schemas/``;
``plainpost schema config|rule`` prints them and a test keeps the files current."""

from __future__ import annotations

import json
from typing import Any

from plainpost.checks.kinds import KINDS
from plainpost.config import Config
from plainpost.findings import CATEGORIES
from plainpost.rulebook.loader import _RawRule as RawRule
from plainpost.schema import json_schema

BASE = "https://raw.githubusercontent.com/plainpost/plainpost/main/schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def config_schema() -> dict[str, Any]:
    keys = json_schema(Config)
    keys["properties"]["rules"]["additionalProperties"] = {
        "type": "object",
        "description": "severity (error, warning, info or off) and the rule kind's options",
        "properties": {"severity": {"enum": ["error", "warning", "info", "off"]}},
    }
    return {
        "$schema": DRAFT,
        "$id": BASE + "plainpost.schema.json",
        "title": "plainpost.toml (the same keys as [tool.plainpost] in pyproject.toml)",
        "$defs": {"settings": keys},
        "anyOf": [
            {"$ref": "#/$defs/settings"},
            {
                "type": "object",
                "properties": {
                    "tool": {
                        "type": "object",
                        "properties": {"plainpost": {"$ref": "#/$defs/settings"}},
                        "required": ["plainpost"],
                        "additionalProperties": False,
                    }
                },
                "required": ["tool"],
                "additionalProperties": False,
            },
        ],
    }


def rule_schema() -> dict[str, Any]:
    rule = json_schema(RawRule)
    rule["properties"]["category"] = {"enum": sorted(CATEGORIES)}
    rule["properties"]["kind"] = {"enum": sorted(KINDS)}
    rule["properties"]["examples"] = {
        "type": "object",
        "properties": {
            "fire": {"type": "array", "items": {"type": "string"}, "minItems": 5},
            "pass": {"type": "array", "items": {"type": "string"}, "minItems": 5},
        },
        "required": ["fire", "pass"],
        "additionalProperties": False,
    }
    rule["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {"properties": {"options": json_schema(KINDS[kind].options)}},
        }
        for kind in sorted(KINDS)
    ]
    return {
        "$schema": DRAFT,
        "$id": BASE + "rule.schema.json",
        "title": "A plainpost rule file (rules/<pack>/<id>.yml)",
        **rule,
    }


SCHEMAS = {
    "config": ("plainpost.schema.json", config_schema),
    "rule": ("rule.schema.json", rule_schema),
}


def dumps(name: str) -> str:
    return json.dumps(SCHEMAS[name][1](), indent=2, ensure_ascii=False) + "\n"
