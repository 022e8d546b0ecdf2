"""Every node of one kind in a model tree, in reading order (notes where they are called).

Backends ask questions of the whole book before writing it (does it have page markers for a
page list, pictures for an access mode?); one walker answers them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import TypeVar

_Kind = TypeVar("_Kind")


def find(value: object, kind: type[_Kind]) -> Iterator[_Kind]:
    if isinstance(value, kind):
        yield value
    if isinstance(value, tuple):
        for item in value:
            yield from find(item, kind)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from find(getattr(value, field.name), kind)
