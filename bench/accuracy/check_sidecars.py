"""Check accuracy-corpus sidecars: every annotated `text` occurs on its `line` of the post.

Usage: python bench/accuracy/check_sidecars.py [FOLDER ...]   (default: bench/accuracy/corpus)
Also checks the sidecar's shape: modelled_on, known classes, text present when line is set and
absent when it is null. Exit code 1 on any problem, with one line per problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

CLASSES = {
    "spelling",
    "real-word",
    "agreement",
    "missing-word",
    "run-on",
    "word-form",
    "claims",
    "safety",
    "plain-language",
    "chrome",
    "accessibility",
    "structure",
    "readability",
}
KEYS = {"line", "text", "class", "fix", "optional", "note"}


def check(side: Path) -> list[str]:
    post = side.with_name(side.name.removesuffix(".expect.yml") + ".md")
    problems: list[str] = []
    if not post.exists():
        return [f"{side}: no post {post.name}"]
    lines = post.read_text(encoding="utf-8").splitlines()
    data = yaml.safe_load(side.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not str(data.get("modelled_on", "")).startswith("http"):
        problems.append(f"{side}: modelled_on missing or not a URL")
        return problems
    for n, d in enumerate(data.get("defects") or [], 1):
        where = f"{side}: defect {n}"
        if set(d) - KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(d) - KEYS)}")
        if d.get("class") not in CLASSES:
            problems.append(f"{where}: unknown class {d.get('class')!r}")
        line, text = d.get("line"), d.get("text")
        if line is None:
            if text is not None:
                problems.append(f"{where}: text given for a post-level defect")
            continue
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            problems.append(f"{where}: line {line!r} outside the post (1-{len(lines)})")
        elif not text or text not in lines[line - 1]:
            problems.append(f"{where}: {text!r} not on line {line}: {lines[line - 1]!r}")
    return problems


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [Path(__file__).parent / "corpus"]
    sides = sorted(p for r in roots for p in r.rglob("*.expect.yml"))
    problems = [p for s in sides for p in check(s)]
    for p in problems:
        print(p)
    print(f"{len(sides)} sidecars, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
