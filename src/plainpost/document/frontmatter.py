"""Front matter YAML, read safely: bounded work, and bad values as problems at their key.

PyYAML's safe loader is safe from code execution, not from cost or crashes:

* **aliases**: ``&a [*a, *a]`` nested ten deep stands for a billion values in a few hundred
  bytes; anything that walks the value (a check, a cache key, the page's JSON-LD) takes hours.
  The node graph is measured before it is turned into values: more than :data:`MAX_VALUES`
  values once aliases are expanded, nesting deeper than :data:`MAX_DEPTH`, or an alias that
  contains itself, and the key is refused;
* **values YAML accepts but Python cannot build** (``2026-02-30``, ``2026-13-45``, ``!!int abc``,
  a 5,000-digit number) raise ValueError deep in the constructor; here each is kept as its text
  and reported as a problem at its key;
* **duplicate keys** (the last silently wins in PyYAML) are reported at the second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_VALUES = 10_000  # values in the front matter, aliases expanded (a real post has ~20)
MAX_DEPTH = 50  # nesting of lists and mappings
MAX_PROBLEMS = 20  # reported per post; the rest would say the same
# libyaml's parser when PyYAML was built with it (3x faster; the same safe constructors)
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class FrontMatter:
    meta: dict[str, Any] | None = None  # None: not a mapping (or nothing usable)
    # (line in the YAML text, 0-based; key or ""; message)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


class _Loader(_BASE):  # type: ignore[misc]
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.problems: list[tuple[int, str]] = []

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, ScalarNode):
                    line = key_node.start_mark.line
                    if key_node.value in seen and len(self.problems) < MAX_PROBLEMS:
                        self.problems.append(
                            (
                                line,
                                f"duplicate key `{key_node.value}` (also at line "
                                f"{seen[key_node.value] + 2}): only the last one counts",
                            )
                        )
                    seen[key_node.value] = line
        return super().construct_mapping(node, deep=deep)


def _lenient(kind: str, build: Any) -> Any:
    def construct(loader: _Loader, node: Node) -> Any:
        try:
            return build(loader, node)
        except (ValueError, OverflowError) as exc:
            value = str(node.value)
            shown = value if len(value) <= 40 else value[:20] + "…" + f" ({len(value)} characters)"
            reason = str(exc).split(";")[0]
            if len(loader.problems) < MAX_PROBLEMS:
                loader.problems.append(
                    (node.start_mark.line, f"{shown!r} is not a valid {kind} ({reason})")
                )
            return value

    return construct


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _lenient("date", SafeConstructor.construct_yaml_timestamp)
)
_Loader.add_constructor(
    "tag:yaml.org,2002:int", _lenient("number", SafeConstructor.construct_yaml_int)
)
_Loader.add_constructor(
    "tag:yaml.org,2002:float", _lenient("number", SafeConstructor.construct_yaml_float)
)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def measure(node: Node) -> str | None:
    """Why a node graph is too costly to build (None: it is fine). Linear in the graph's nodes
    (an alias is one node however many times it is used)."""
    sizes: dict[int, tuple[int, int]] = {}  # id -> (values when expanded, depth)
    open_: set[int] = set()
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        n, closing = stack.pop()
        key = id(n)
        if closing:
            kids = _children(n)
            size = 1 + sum(sizes[id(c)][0] for c in kids)
            depth = 1 + max((sizes[id(c)][1] for c in kids), default=0)
            if size > MAX_VALUES:
                return f"aliases expand to more than {MAX_VALUES:,} values; write them out"
            if depth > MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} levels deep"
            sizes[key] = (size, depth)
            open_.discard(key)
            continue
        if key in sizes:
            continue
        if key in open_:
            return "an alias refers to the value that contains it"
        open_.add(key)
        stack.append((n, True))
        for child in _children(n):
            if id(child) in open_:
                return "an alias refers to the value that contains it"
            if id(child) not in sizes:
                stack.append((child, False))
        if len(open_) > MAX_DEPTH + 1:
            return f"nested more than {MAX_DEPTH} levels deep"
    return None


def load_front_matter(text: str) -> FrontMatter:
    """The front matter's values and its problems. Raises yaml.YAMLError for text that is not
    YAML at all (the caller reports it at its line)."""
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            return FrontMatter(None, [(0, "", f"nested more than {MAX_DEPTH} levels deep")])
        if root is None:
            return FrontMatter({})
        if not isinstance(root, MappingNode):
            return FrontMatter(None)
        out = FrontMatter({})
        kept = []
        for key_node, value_node in root.value:
            name = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            problem = measure(value_node)
            if problem is not None:
                out.problems.append((key_node.start_mark.line, name, f"`{name}`: {problem}"))
                continue
            kept.append((key_node, value_node))
        root.value = kept
        try:
            meta = loader.construct_document(root)
        except RecursionError:
            return FrontMatter(None, [(0, "", f"nested more than {MAX_DEPTH} levels deep")])
        lines = sorted((k.start_mark.line, str(k.value)) for k, _ in kept)
        for line, message in loader.problems:
            owner = ""
            for key_line, key in lines:
                if key_line <= line:
                    owner = key
            out.problems.append((line, owner, f"`{owner}`: {message}" if owner else message))
        if not isinstance(meta, dict):
            return FrontMatter(None, out.problems)
        out.meta = {str(k): v for k, v in meta.items()}
        out.problems.sort()
        return out
    finally:
        loader.dispose()
