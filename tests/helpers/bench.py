"""The scripts of bench/ loaded as modules, for tests that use their functions (the scorer,
the corpus generator). Each script is loaded once per process."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def bench_module(relative: str) -> ModuleType:
    """``bench/<relative>`` (e.g. ``"accuracy/score.py"``) as a module."""
    name = "plainpost_bench_" + relative.removesuffix(".py").replace("/", "_")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / relative)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module
