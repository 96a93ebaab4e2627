"""Per-run resources that checks read through the Context (vocabulary, engines, snippets).

Each resource is built once per run and only when a selected rule needs it.
"""

from __future__ import annotations

from dataclasses import replace

from plainpost.checks.context import Context
from plainpost.rulebook import Rule
from plainpost.settings import Settings


def build_context_extras(settings: Settings, rules: list[Rule], ctx: Context) -> Context:
    config = settings.config
    ctx = replace(ctx)
    if any(r.kind == "safety-note" for r in rules):
        from plainpost.checks.safety import load_snippets
        from plainpost.rulebook import shipped_rules_dir

        folders = [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]
        ctx = replace(ctx, snippets={**ctx.snippets, **load_snippets(folders)})
    if any(r.kind in ("spelling", "grammar") for r in rules):
        from plainpost import language
        from plainpost.rulebook import shipped_rules_dir

        folders = [shipped_rules_dir(), *(config.resolve(f) for f in config.rule_folders)]
        vocab, engines = language.build(settings, rules, folders)
        ctx = replace(ctx, vocab=vocab, engines=engines)
    return ctx
