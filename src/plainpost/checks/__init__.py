"""Check kinds: the closed set of Python check types that rule files choose with ``kind:``.

Each kind is a module with an ``Options`` dataclass (validated from the rule's ``options:``) and a
pure function ``check(doc, rule, ctx) -> Iterable[Hit]``. Modules are imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plainpost.checks.context import Context
    from plainpost.document import Document
    from plainpost.findings import Hit
    from plainpost.rulebook import Rule

KINDS: dict[str, str] = {
    "existence": "existence",
    "substitution": "substitution",
    "required-section": "sections",
    "readability": "readability",
    "hard-sentence": "readability",
    "list-intro": "structure",
    "empty-section": "structure",
    "empty-callout": "structure",
    "pseudo-bullets": "structure",
    "heading-order": "structure",
    "image-alt": "structure",
    "orphan-caption": "structure",
    "unpublishable-html": "publishable",
    "front-matter": "frontmatter",
    "suppression": "suppression_rule",
    "safety-note": "safety",
    "claim": "claims",
    "unsafe-advice": "claims",
    "review": "review",
    "grammar-pattern": "grammar_pattern",
    "spelling": "language_engine",
    "grammar": "language_engine",
}

CheckFn = Callable[["Document", "Rule", "Context"], Iterable["Hit"]]


def register(kind: str, module: str) -> None:
    """Add a kind (used by plug-in modules such as the grammar and health checks)."""
    KINDS[kind] = module


def _module(kind: str) -> ModuleType:
    if kind not in KINDS:
        raise KeyError(f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    name = KINDS[kind]
    return importlib.import_module(name if "." in name else f"plainpost.checks.{name}")


def options_class(kind: str) -> type[Any]:
    module = _module(kind)
    per_kind = getattr(module, "OPTIONS", None)
    if isinstance(per_kind, dict) and kind in per_kind:
        return per_kind[kind]  # type: ignore[no-any-return]
    return module.Options  # type: ignore[no-any-return]


def check_function(kind: str) -> CheckFn:
    module = _module(kind)
    per_kind = getattr(module, "CHECKS", None)
    if isinstance(per_kind, dict) and kind in per_kind:
        return per_kind[kind]  # type: ignore[no-any-return]
    return module.check  # type: ignore[no-any-return]
