"""A page's resolved notes: the graph the body converter reads, and the links it is resolved from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml.etree import _Element

from publish.errors import Diagnostic
from publish.model import NoteKind


@dataclass(frozen=True, slots=True)
class NoteRef:
    """One resolved reference: the caller replaces ``element`` (not its tail) by a Note inline.

    ``element`` is the outermost element that is the reference (the ``<sup>`` around the link,
    or the link); ``marker`` is its visible marker without brackets ("1", "*", "a");
    ``note_elements`` are the blocks holding the note's text, in order.
    """

    element: _Element
    marker: str
    kind: NoteKind
    note_elements: tuple[_Element, ...]


@dataclass(frozen=True, slots=True)
class NoteGraph:
    """A page's notes as the block converter needs them.

    ``consumed`` must not become body blocks (note blocks, the "Notes" heading, rules and
    wrappers that only framed notes). ``strip`` are elements inside note blocks to drop (the
    note's own marker or back-link); their tails stay. ``marker_prefix`` gives, for a note block
    whose marker is plain text, the marker as it opens the block's visible text once the
    ``strip`` elements are gone and leading whitespace is ignored ("1.", "[1]", or a stray ".").
    Diagnostics: N030 unresolved reference (its marker stays in the text), N031 a note nothing
    calls (it stays in the body), N032 a note called again (the later reference stays text).
    """

    refs: Mapping[_Element, NoteRef]
    consumed: frozenset[_Element]
    strip: frozenset[_Element]
    marker_prefix: Mapping[_Element, str]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class Link:
    anchor: _Element
    element: _Element
    marker: str
    fragment: str
    target: _Element | None


@dataclass(frozen=True, slots=True)
class Start:
    link: Link
    target: _Element
    block: _Element
