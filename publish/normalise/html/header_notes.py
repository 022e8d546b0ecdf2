"""Notes called from the page's header (a note on the title): they close the body as asides."""

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import _Element

from publish.model import Aside, Block
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.blocks import Converter
from publish.normalise.html.parse import text_of


def header_notes(converter: Converter, body: Sequence[_Element], draft: MetadataDraft) -> tuple[Block, ...]:
    """Notes called from the header (a note on the title) close the body as asides, where the page has them.

    The title is a plain string in the metadata, so the call's marker is taken off it.
    """
    blocks = {element for element in body if isinstance(element.tag, str)}
    asides: list[Block] = []
    for element, call in converter.notes.refs.items():
        if element in blocks or any(ancestor in blocks for ancestor in element.iterancestors()):
            continue
        note = converter.note(call)
        asides.append(Aside(kind=call.kind, blocks=note.blocks))
        marker = text_of(element).strip()
        draft.title = _unmarked(draft.title, marker)
        draft.subtitle = _unmarked(draft.subtitle, marker)
        draft.collection = _unmarked(draft.collection, marker)
    return tuple(asides)


def _unmarked(value: str | None, marker: str) -> str | None:
    """``value`` without the note ``marker`` it ends with, if it does."""
    if value and marker and value.rstrip().endswith(marker):
        return value.rstrip()[: -len(marker)].rstrip()
    return value
