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
        if isinstance(node, tuple):
            stack.extend(reversed(node))
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            stack.extend(getattr(node, name) for name in reversed(_fields(type(node))))


@cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields that can hold nodes: not the strings, numbers and enums."""
    return tuple(field.name for field in dataclasses.fields(cls) if field.type not in ("str", "int", "bool"))
