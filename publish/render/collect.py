"""Every node of one kind in a model tree, in reading order (notes where they are called).

Backends ask questions of the whole book before writing it (does it have page markers for a
page list, pictures for an access mode?); one walker answers them all. It runs for every
book, so it keeps a list of each node type's fields rather than asking ``dataclasses``
about every node.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TypeVar

_Kind = TypeVar("_Kind")


def find(value: object, kind: type[_Kind] | tuple[type[_Kind], ...]) -> Iterator[_Kind]:
    stack: list[object] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            yield node
        if type(node) is tuple:
            stack.extend(reversed(node))
        elif names := _fields(type(node)):
            stack.extend(getattr(node, name) for name in names)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    """The fields that can hold nodes, last first: not the strings, numbers and enums (and
    none for a type that is not a model node)."""
    names = _FIELDS.get(cls)
    if names is None:
        fields = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        names = _FIELDS[cls] = tuple(f.name for f in reversed(fields) if f.type not in ("str", "int", "bool"))
    return names
