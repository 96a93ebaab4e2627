"""Per-run resources that checks read through the Context (vocabulary, engines, snippets).

Each resource is built once per run and only when a selected rule needs it.
"""

from __future__ import annotations

from dataclasses import replace

from plainpost.checks.context import Context
from plainpost.checks.kinds import KINDS
from plainpost.rulebook import Rule, shipped_rules_dir
from plainpost.settings import Settings


def build_context_extras(settings: Settings, rules: list[Rule], ctx: Context) -> Context:
    config = settings.config
    folders = [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]
    ctx = replace(ctx)
    if any(KINDS[r.kind].needs_snippets for r in rules):
        from plainpost.checks.safety import load_snippets

        ctx = replace(ctx, snippets={**ctx.snippets, **load_snippets(folders)})
    engine_rules = [r for r in rules if KINDS[r.kind].needs_engines]
    if engine_rules:
        from plainpost import language
        from plainpost.checks.language_engine import engine_needs

        vocab, engines = language.build(settings, engine_needs(engine_rules), folders)
        ctx = replace(ctx, vocab=vocab, engines=engines)
    return ctx
