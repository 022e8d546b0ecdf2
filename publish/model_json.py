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


FORMAT = "publish-model"
VERSION = 1
"""The model JSON's own version: raised when a stored file of the old form would no longer load
as the same Document (a field renamed or its meaning changed; not a field added, which loads
with its default)."""


def dumps(document: Document, *, indent: int | None = 2) -> str:
    data = {"format": FORMAT, "version": VERSION, **to_data(document)}
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def loads(text: str) -> Document:
    """The Document ``dumps`` wrote; ValueError, naming the field's path, for anything else:
    another format or version, an unknown key or node type, a value of the wrong type."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"$: expected an object with the {FORMAT!r} header, got {_shown(data)}")
        header = {key: data.pop(key, None) for key in ("format", "version")}
        if header["format"] != FORMAT:
            raise ValueError(f"$.format: expected {FORMAT!r}, got {_shown(header['format'])}: not publish's model JSON")
        if header["version"] != VERSION or type(header["version"]) is not int:
            raise ValueError(f"$.version: this publish reads version {VERSION}, got {_shown(header['version'])}")
        result = from_data(data, Document, "$")
    except RecursionError:
        raise ValueError("$: nested too deeply to read") from None
    assert isinstance(result, Document)
    return result


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def from_data(data: JsonValue, hint: Any, path: str = "$") -> Any:
    """Rebuild a model value of type ``hint`` from its JSON form; ValueError naming ``path`` (where
    in the file, ``$.body[3].content[0].text``) if it does not fit exactly."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _from_union(data, typing.get_args(hint), path)
    if origin is tuple:
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list, got {_shown(data)}")
        item_hint = typing.get_args(hint)[0]
        return tuple(from_data(item, item_hint, f"{path}[{index}]") for index, item in enumerate(data))
    if isinstance(hint, type) and issubclass(hint, Enum):
        names = [member.value for member in hint]
        if not isinstance(data, str) or data not in names:
            raise ValueError(f"{path}: expected one of {', '.join(names)}, got {_shown(data)}")
        return hint(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected an object for {hint.__name__}, got {_shown(data)}")
        return _build(hint, data, path)
    if hint in (str, int, bool) and type(data) is hint:  # not isinstance: true is no number here
        return data
    raise ValueError(f"{path}: expected {getattr(hint, '__name__', hint)}, got {_shown(data)}")


def _from_union(data: JsonValue, options: tuple[Any, ...], path: str) -> Any:
    if data is None and type(None) in options:
        return None
    concrete = [option for option in options if option is not type(None)]
    tagged = [option for option in concrete if isinstance(option, type) and option.__name__ in _TAGGED]
    if not tagged:
        return from_data(data, concrete[0], path)
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ValueError(f'{path}: expected a node with a "type", got {_shown(data)}')
    cls = _TAGGED.get(data["type"])
    if cls is None:
        raise ValueError(f"{path}.type: unknown node type {data['type']!r}")
    if cls not in tagged:
        raise ValueError(f"{path}.type: a {data['type']} cannot stand here")
    return _build(cls, data, path)


def _build(cls: type[Any], data: dict[str, JsonValue], path: str) -> Any:
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields and not (key == "type" and cls.__name__ in _TAGGED):
            raise ValueError(f"{path}: unknown key {key!r} in {cls.__name__}")
    if "type" in data and data["type"] != cls.__name__:
        raise ValueError(f"{path}.type: expected {cls.__name__}, got {_shown(data['type'])}")
    for name, item in fields.items():
        if name not in data and item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
            raise ValueError(f"{path}: {cls.__name__} needs {name!r}")
    values = {name: from_data(data[name], hints[name], f"{path}.{name}") for name in fields if name in data}
    return cls(**values)


def _shown(value: JsonValue) -> str:
    """A value as a message quotes it: short, whatever its size."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
