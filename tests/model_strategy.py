"""Hypothesis strategies for any document the model's types allow, read off the types themselves.

Every node is built from its dataclass fields and their annotations (``typing.get_type_hints``),
and the node types from the ``Block`` and ``Inline`` unions, so a node or field added to
``publish.model`` is generated without a change here; an annotation this module cannot
generate fails loudly (``TypeError``) instead of being skipped.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any

from hypothesis import strategies as st

from publish import model

HOSTILE = ("\x01", "\x0b", "\x1f", "\ud800", "\ufffe", "<", ">", "&", "]]>", '"', "'", "\u00ad", "\u200b", "-\n", " ")
"""Text a page may hold that markup must survive: XML-forbidden characters, markup's own, soft hyphens."""

TEXT = st.lists(st.text(max_size=4) | st.sampled_from(HOSTILE), max_size=4).map("".join)
NODES: dict[type, st.SearchStrategy[Any]] = {}
BLOCK_TYPES: tuple[type, ...] = typing.get_args(model.Block)
INLINE_TYPES: tuple[type, ...] = typing.get_args(model.Inline)


def _union_of(kinds: tuple[type, ...]) -> st.SearchStrategy[Any]:
    return st.deferred(lambda: st.one_of(*(node(kind) for kind in kinds)))


BLOCKS = _union_of(BLOCK_TYPES)
INLINES = _union_of(INLINE_TYPES)


def node(kind: type) -> st.SearchStrategy[Any]:
    """Any value of the dataclass ``kind``, each field from its annotation."""
    if kind not in NODES:
        hints = typing.get_type_hints(kind)
        fields = {field.name: of_type(hints[field.name]) for field in dataclasses.fields(kind)}
        NODES[kind] = st.builds(kind, **fields)
    return NODES[kind]


def of_type(hint: Any) -> st.SearchStrategy[Any]:
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return TEXT
    if hint is int:
        return st.integers(-3, 12)
    if hint is bool:
        return st.booleans()
    if hint == model.Block:
        return BLOCKS
    if hint == model.Inline:
        return INLINES
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return node(hint)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return st.lists(of_type(arguments[0]), max_size=2).map(tuple)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if argument is type(None) else of_type(argument) for argument in arguments))
    raise TypeError(f"model_strategy cannot generate {hint!r}: teach of_type this annotation")


def documents() -> st.SearchStrategy[model.Document]:
    return node(model.Document)


def model_types() -> set[type]:
    """Every dataclass of the model: what a generated tree can hold."""
    return {value for value in vars(model).values() if isinstance(value, type) and dataclasses.is_dataclass(value)}
