"""What the body converter needs of a page's resolved notes, and how a note's own marker goes.

The converter reads the note graph through these protocols, so it does not depend on how
``notes.find_notes`` resolves it; ``NoNotes`` is the graph of a page (or a header line) read
without notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from lxml.etree import _Element

from publish.errors import Diagnostic
from publish.model import Block, NoteKind, Paragraph, Text
from publish.normalise.inlines import tidy


class NoteLookup(Protocol):
    """What the converter needs from the page's resolved note graph (``notes.find_notes``)."""

    @property
    def refs(self) -> Mapping[_Element, NoteCall]: ...
    @property
    def consumed(self) -> frozenset[_Element]: ...
    @property
    def strip(self) -> frozenset[_Element]: ...
    @property
    def marker_prefix(self) -> Mapping[_Element, str]: ...


class NoteCall(Protocol):
    @property
    def marker(self) -> str: ...
    @property
    def kind(self) -> NoteKind: ...
    @property
    def note_elements(self) -> tuple[_Element, ...]: ...


@dataclass(frozen=True, slots=True)
class NoNotes:
    refs: Mapping[_Element, NoteCall] = field(default_factory=dict)
    consumed: frozenset[_Element] = frozenset()
    strip: frozenset[_Element] = frozenset()
    marker_prefix: Mapping[_Element, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


def strip_prefix(blocks: tuple[Block, ...], prefix: str) -> tuple[Block, ...]:
    """Drop a note's own leading marker text ("1. ") from its first paragraph."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return blocks
    first = blocks[0]
    content = list(first.content)
    if content and isinstance(content[0], Text) and content[0].text.startswith(prefix):
        rest = content[0].text[len(prefix) :].lstrip()
        content[0] = Text(text=rest)
        return (dataclasses.replace(first, content=tidy(content)), *blocks[1:])
    return blocks
