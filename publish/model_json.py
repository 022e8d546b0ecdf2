"""JSON form of the model: what ``publish inspect`` prints and what golden tests store.

Loading is driven by the dataclasses' own type hints, so a new node or field needs no code
here, and ``load(dump(doc)) == doc`` holds for every document. Block and inline nodes carry
a ``"type"`` tag because they sit in unions; metadata records do not need one.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from typing import Any

from publish import model
from publish.model import Document

_TAGGED: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (*typing.get_args(model.Block), *typing.get_args(model.Inline), model.ListItem, model.TableCell)
}

JsonValue = Any


def to_data(value: object) -> JsonValue:
    """Turn a model value into JSON-ready lists, dicts and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, JsonValue] = {}
        if type(value).__name__ in _TAGGED:
            data["type"] = type(value).__name__
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item == () and f.metadata.get("json") == "omit-empty":
                continue  # loading gives the field its default, the same empty value
            data[f.name] = to_data(item)
        return data
    if isinstance(value, tuple):
        return [to_data(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def dumps(document: Document, *, indent: int | None = 2) -> str:
    return json.dumps(to_data(document), ensure_ascii=False, indent=indent) + "\n"


def loads(text: str) -> Document:
    result = from_data(json.loads(text), Document)
    assert isinstance(result, Document)
    return result


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def from_data(data: JsonValue, hint: Any) -> Any:
    """Rebuild a model value of type ``hint`` from its JSON form; raise ValueError if it does not fit."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        if isinstance(data, dict) and "type" in data:
            return _from_tagged(data)
        concrete = [option for option in options if option is not type(None)]
        return from_data(data, concrete[0])
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"expected a list for {hint}, got {data!r}")
        item_hint = typing.get_args(hint)[0]
        return tuple(from_data(item, item_hint) for item in data)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {hint.__name__}, got {data!r}")
        return _build(hint, data)
    if hint in (str, int, bool) and isinstance(data, hint):
        return data
    raise ValueError(f"cannot read {data!r} as {hint}")


def _from_tagged(data: dict[str, JsonValue]) -> Any:
    cls = _TAGGED.get(data["type"])
    if cls is None:
        raise ValueError(f"unknown node type {data['type']!r}")
    return _build(cls, data)


def _build(cls: type[Any], data: dict[str, JsonValue]) -> Any:
    hints = _hints(cls)
    values = {f.name: from_data(data[f.name], hints[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**values)
