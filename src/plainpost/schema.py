"""Turn plain mappings (from YAML or TOML) into dataclasses, rejecting unknown keys and bad types.

Errors name the file and the key, e.g. ``rules/structure/x.yml: options.min_words: expected a
whole number``. A dataclass field with ``metadata={"internal": True}`` cannot be set from a file.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar, Union

T = TypeVar("T")


class SchemaError(ValueError):
    pass


def join_key(where: str, key: str) -> str:
    """``file: key`` for a top-level key, ``file: a.b`` below it."""
    if not where:
        return key
    return f"{where}.{key}" if ": " in where else f"{where}: {key}"


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest known name, or ""."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def settable(field: dataclasses.Field[Any]) -> bool:
    return field.init and not field.metadata.get("internal", False)


def from_mapping(cls: type[T], data: Any, where: str) -> T:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SchemaError(f"{where}: expected a mapping, got {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls) if settable(f)}  # type: ignore[arg-type]
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = str(key).replace("-", "_")
        if name not in fields:
            allowed = ", ".join(sorted(fields))
            raise SchemaError(
                f"{where}: unknown key {key!r}{did_you_mean(name, fields)} (allowed: {allowed})"
            )
        values[name] = coerce(hints[name], value, join_key(where, str(key)))
    missing = [
        n
        for n, f in fields.items()
        if n not in values
        and f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
    ]
    if missing:
        raise SchemaError(f"{where}: missing required key {missing[0]!r}")
    return cls(**values)


def coerce(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return value
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return coerce(arg, value, where)
            except SchemaError as exc:
                errors.append(str(exc))
        raise SchemaError(errors[0] if errors else f"{where}: bad value")
    if dataclasses.is_dataclass(hint):
        return from_mapping(hint, value, where)  # type: ignore[arg-type]
    if origin is tuple or origin is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            raise SchemaError(f"{where}: expected a list, got {type(value).__name__}")
        inner = args[0] if args else Any
        items = [coerce(inner, v, f"{where}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected a mapping, got {type(value).__name__}")
        kt, vt = args or (Any, Any)
        return {
            coerce(kt, k, where): coerce(vt, v, join_key(where, str(k))) for k, v in value.items()
        }
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SchemaError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(f"{where}: expected a whole number, got {value!r}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise SchemaError(f"{where}: expected true or false, got {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise SchemaError(f"{where}: expected text, got {type(value).__name__}")
        return str(value)
    if typing.get_origin(hint) is typing.Literal:
        if value not in args:
            choices = ", ".join(map(str, args))
            raise SchemaError(f"{where}: {value!r} is not one of {choices}")
        return value
    return value


# --- JSON Schema ------------------------------------------------------------------------------


def json_schema(cls: type[Any], descriptions: dict[str, str] | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for a dataclass, from the same type hints that
    :func:`from_mapping` validates against, so the two cannot disagree."""
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):
        if not settable(f):
            continue
        prop = type_schema(hints[f.name])
        if f.default is not dataclasses.MISSING and _plain(f.default):
            prop["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
            if _plain(value):
                prop["default"] = list(value) if isinstance(value, tuple) else value
        if descriptions and f.name in descriptions:
            prop["description"] = descriptions[f.name]
        props[f.name] = prop
        if "_" in f.name:  # from_mapping reads `max-grade` as `max_grade` (TOML's usual style)
            props[f.name.replace("_", "-")] = {"$comment": f"same as {f.name}", **prop}
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def _plain(value: Any) -> bool:
    if value is None or isinstance(value, bool | int | float | str):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def type_schema(hint: Any) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return {}
    if origin in (Union, types.UnionType):
        options = [type_schema(a) for a in args if a is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if dataclasses.is_dataclass(hint):
        return json_schema(hint)  # type: ignore[arg-type]
    if origin is tuple or origin is list:
        inner = type_schema(args[0]) if args else {}
        # a lone string is read as a list of one (see coerce)
        return {"anyOf": [{"type": "array", "items": inner}, {"type": "string"}]}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(args[1]) if args else {}}
    if hint is float:
        return {"type": "number"}
    if hint is int:
        return {"type": "integer"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is str:
        return {"type": "string"}
    if origin is typing.Literal:
        return {"enum": list(args)}
    return {}
