"""Every node of one kind in a model tree, in reading order (notes where they are called).

Backends ask questions of the whole book before writing it (does it have page markers for a
page list, pictures for an access mode?); one walker answers them all. It runs for every
book, so it keeps a list of each node type's fields rather than asking ``dataclasses``
about every node.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
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


@cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields that can hold nodes, last first: not the strings, numbers and enums (and
    none for a type that is not a model node)."""
    if not dataclasses.is_dataclass(cls):
        return ()
    names = [field.name for field in dataclasses.fields(cls) if field.type not in ("str", "int", "bool")]
    return tuple(reversed(names))
