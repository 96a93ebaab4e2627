"""Per-run resources that checks read through the Context (vocabulary, engines, snippets).

Each resource is built once per run and only when a selected rule needs it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from plainpost.checks.context import Context
from plainpost.checks.kinds import KINDS
from plainpost.rulebook import Rule, shipped_rules_dir
from plainpost.settings import Settings


def _folders(settings: Settings) -> list[Path]:
    config = settings.config
    return [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]


def load_vocabulary(settings: Settings, rules: list[Rule]) -> Any:
    """The vocabulary the engines of these rules read (None when no rule needs the engines):
    what the compiled rulebook keeps, so a process that loads one reads no word list."""
    if not any(KINDS[r.kind].needs_engines for r in rules):
        return None
    from plainpost import language

    return language.load_vocab(settings, _folders(settings))


def build_context_extras(
    settings: Settings, rules: list[Rule], ctx: Context, vocabulary: Any = None
) -> Context:
    """``vocabulary``: the engines' vocabulary from the compiled rulebook; None reads it."""
    folders = _folders(settings)
    ctx = replace(ctx)
    if any(KINDS[r.kind].needs_snippets for r in rules):
        from plainpost.checks.safety import load_snippets

        ctx = replace(ctx, snippets={**ctx.snippets, **load_snippets(folders)})
    engine_rules = [r for r in rules if KINDS[r.kind].needs_engines]
    if engine_rules:
        from plainpost import language
        from plainpost.checks.language_engine import engine_needs

        vocab, engines = language.build(settings, engine_needs(engine_rules), folders, vocabulary)
        ctx = replace(ctx, vocab=vocab, engines=engines)
    return ctx
