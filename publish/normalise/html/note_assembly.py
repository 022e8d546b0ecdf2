"""Assembling the note graph: each resolved note's extent, its kind, and the framing that goes with it.

A note runs on over unanchored blocks that continue it (Lafargue ch. 3, Capital note A); the
"Notes" heading, rules and wrappers that only framed resolved notes go with them.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.model import NoteKind
from publish.normalise.html.note_blocks import (
    dressed_alike,
    framing_before,
    is_empty,
    is_furniture,
    is_rule,
    own_marker,
    section_consumed,
    signs,
    wrappers,
)
from publish.normalise.html.note_frame import PageFrame
from publish.normalise.html.note_graph import Link, NoteGraph, NoteRef, Start
from publish.normalise.html.note_kinds import (
    heading_kind,
    is_heading,
    kind_from_classes,
    kind_from_closing,
    kind_from_opening,
)
from publish.normalise.html.note_markers import is_back_link
from publish.normalise.html.note_tree import visible_text, within
from publish.normalise.html.parse import classes, text_of


def assemble(page: PageFrame, starts: list[Start], links: list[Link]) -> NoteGraph:
    by_block = sorted(starts, key=lambda start: page.order[start.block])
    barriers = {start.block for start in starts} | {link.anchor for link in links}
    last_reference = max((page.order[start.link.anchor] for start in starts), default=-1)
    consumed: set[_Element] = set()
    strip: set[_Element] = set()
    prefixes: dict[_Element, str] = {}
    refs: dict[_Element, NoteRef] = {}
    for index, start in enumerate(by_block):
        following = by_block[index + 1].block if index + 1 < len(by_block) else None
        elements, spare = _extent(page, start, following, barriers, last_reference)
        consumed.update(elements, spare)
        if not within(start.target, start.block):
            consumed.add(start.target)
        dropped, prefix = own_marker(start.block, start.target)
        strip.update(dropped, (a for element in elements for a in element.iter("a") if is_back_link(a, page.lexicon)))
        if prefix:
            prefixes[start.block] = prefix
        kind = _kind(page, start, elements, visible_text(start.block, strip)[len(prefix or "") :])
        refs[start.link.element] = NoteRef(start.link.element, start.link.marker, kind, tuple(elements))
    _frame(page, by_block, consumed, last_reference)
    refs = dict(sorted(refs.items(), key=lambda item: page.order[item[0]]))
    return NoteGraph(refs, frozenset(consumed), frozenset(strip), prefixes, ())


def _extent(
    page: PageFrame, start: Start, following: _Element | None, barriers: set[_Element], last_reference: int
) -> tuple[list[_Element], list[_Element]]:
    """The note's block and the unanchored blocks that continue it (Lafargue ch. 3, Capital note A).

    Under a "Notes" heading or past a closing rule every block up to the next note or the page
    furniture continues the note, and so does any block between two notes with no reference
    in between; elsewhere only blocks dressed like the note's first (``p.note`` after ``p.note``).
    """
    anywhere = page.in_notes_section(start.block) or page.after_rule(start.block, last_reference)
    parent = start.block.getparent()
    sandwich = following is not None and following.getparent() is parent and page.adjacent(start.block, following)
    elements, spare, pending = [start.block], list[_Element](), list[_Element]()
    node: _Element | None = start.block
    while node is not None and not (node.tail or "").strip():
        node = node.getnext()
        if node is None or not isinstance(node.tag, str):
            continue
        if node is following or is_heading(node) or is_rule(node) or is_furniture(node, page.cues, page.lexicon):
            break
        if any(element in barriers for element in node.iter()):
            break
        if is_empty(node):
            pending.append(node)
        elif anywhere or sandwich or dressed_alike(node, start.block) or _wraps_alike(node, start.block):
            elements.append(node)
            spare, pending = spare + pending, []
        else:
            break
    return elements, spare + pending


def _wraps_alike(node: _Element, block: _Element) -> bool:
    """A centred table or box holding paragraphs dressed like the note (verse quoted in a note)."""
    if node.tag not in ("table", "blockquote", "div", "center"):
        return False
    inner = [paragraph for paragraph in node.iter("p")]
    return bool(inner) and all(dressed_alike(paragraph, block) for paragraph in inner)


def _kind(page: PageFrame, start: Start, elements: list[_Element], text: str) -> NoteKind:
    """Who wrote the note: its own words first, then classes, its heading, its signature."""
    names = classes(start.link.element) | classes(start.link.anchor) | classes(start.block)
    heading = page.heading_of(start.block)
    return (
        kind_from_opening(text, page.lexicon)
        or kind_from_classes(names, page.cues)
        or (heading_kind(heading, page.lexicon) if heading is not None else None)
        or kind_from_closing(text_of(next(el for el in reversed(elements) if signs(el, elements))), page.lexicon)
        or NoteKind.AUTHOR
    )


def _frame(page: PageFrame, starts: list[Start], consumed: set[_Element], last_reference: int) -> None:
    """Wrappers, rules and "Notes" headings that only framed resolved notes go with them."""
    wrappers(consumed, page.lexicon)
    for start in starts:
        framing = framing_before(start.block, page.lexicon)
        heading = framing.pop() if framing and is_heading(framing[-1]) else None
        if heading is not None and section_consumed(heading, consumed, page.cues, page.lexicon):
            consumed.update(framing, [heading], framing_before(heading, page.lexicon))
        elif heading is None and framing and page.after_rule(start.block, last_reference):
            consumed.update(framing)
    wrappers(consumed, page.lexicon)
