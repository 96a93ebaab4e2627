"""The layers import only downward and no package has an import cycle: the import contract in
pyproject.toml ([tool.importlinter]), checked on the installed source, so an upward import fails
CI. Every top-level module of plainpost must be in a layer, so a new one cannot slip past it."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
SRC = REPO / "src" / "plainpost"


def _layers() -> list[str]:
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
    (layers,) = [c for c in contracts if c["type"] == "layers"]
    return [name.strip() for layer in layers["layers"] for name in layer.split("|")]


def test_import_contract_holds():
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    assert code == 0, "the import contract is broken (run `lint-imports` for the details)"


def test_every_module_is_in_a_layer():
    modules = {
        p.stem if p.is_file() else p.name
        for p in SRC.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").is_file()) and not p.name.startswith("_")
    }
    missing = modules - set(_layers())
    assert not missing, f"modules outside the layers contract: {sorted(missing)}"


ENV_NAMES = ("environ", "getenv", "environb")


def _reads_environment(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ENV_NAMES
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and any(a.name in ENV_NAMES for a in node.names)
        ):
            return True
    return False


def test_nothing_below_the_command_line_reads_the_environment():
    """The PLAINPOST_* switches are read once, into the run's settings, by the front doors."""
    front_doors = {SRC / "cli.py", SRC / "api.py"}
    readers = [
        p.relative_to(SRC).as_posix()
        for p in sorted(SRC.rglob("*.py"))
        if p not in front_doors and _reads_environment(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert not readers, f"modules below the command line that read os.environ: {readers}"


def _module_level_weak_maps(tree: ast.Module) -> list[int]:
    """Lines of module-level weak dictionaries: a cache keyed by a live object (a document)."""
    lines = []
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is None:
            continue
        for sub in ast.walk(value):
            name = getattr(sub, "attr", None) or getattr(sub, "id", None)
            if isinstance(sub, ast.Attribute | ast.Name) and name in WEAK_MAPS:
                lines.append(node.lineno)
    return lines


WEAK_MAPS = ("WeakKeyDictionary", "WeakValueDictionary", "WeakSet")


def test_no_module_holds_per_post_state():
    """What checks derive from a post lives in the lint's Derived object (document/derived.py),
    handed to every check in its context, not in module globals keyed by the document."""
    found = [
        f"{p.relative_to(SRC).as_posix()}:{line}"
        for p in sorted(SRC.rglob("*.py"))
        for line in _module_level_weak_maps(ast.parse(p.read_text(encoding="utf-8")))
    ]
    assert not found, f"module-level per-object caches: {found}"
