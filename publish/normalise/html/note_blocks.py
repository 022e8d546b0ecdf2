"""A note's block in the tree: where it starts and ends, what frames it, what is its own marker.

None of these cues decides alone; ``notes.py`` weighs them against the anchor graph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.normalise.html.note_kinds import is_heading, is_notes_heading
from publish.normalise.html.note_markers import leading_marker, link_marker
from publish.normalise.html.note_tree import (
    HOLDERS,
    INLINE,
    LOOSE,
    PARAGRAPHS,
    bare,
    first_content,
    text_chunks,
    visible_text,
    within,
)
from publish.normalise.html.parse import classes, has_descendant, text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import note_words

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_RULE_TEXT = re.compile(r"^[\s_\-–—=~]{3,}$")
_NOT_RULE = re.compile(r"[^\s_\-–—=~]")


def is_furniture(element: _Element, cues: Cues, lexicon: Lexicon | None = None) -> bool:
    """Navigation and page-maintenance lines end a note: they are never part of one."""
    return bool(classes(element) & cues.note_furniture) or bool(
        note_words(resolve(lexicon)).furniture.match(text_of(element))
    )


def is_rule(element: _Element) -> bool:
    """A rule, or a line of underscores standing in for one: what sets notes off from the text.

    A row of asterisks is not one: it breaks the text (or a poem quoted in a note) in two.
    """
    if element.tag == "hr":
        return True
    if has_prose(element.text or ""):
        return False  # the block's opening words: no need to walk its text
    if any(has_prose(chunk) for chunk in element.itertext()):
        return False  # most blocks are prose: known at their first letter, without joining their text
    return not has_descendant(element, "img") and bool(_RULE_TEXT.match(text_of(element)))


def has_prose(text: str) -> bool:
    """Some character a rule is not drawn with: a block holding it is no rule."""
    return _NOT_RULE.search(text) is not None


def is_empty(element: _Element) -> bool:
    if element.tag in ("img", "table", "hr"):
        return False
    return not text_of(element).replace("\u00a0", " ").strip() and not has_descendant(element, "img")


def signs(element: _Element, elements: list[_Element]) -> bool:
    """The last paragraph signs a note, unless it is a bracketed addendum ("(In this translation…)")."""
    return element is elements[0] or text_of(element)[:1] not in "(["


def opens_line(element: _Element) -> bool:
    """Nothing but a line break, a rule or an empty anchor comes before ``element`` in its block."""
    previous, parent = element.getprevious(), element.getparent()
    before = (previous.tail if previous is not None else parent.text if parent is not None else "") or ""
    if before.strip():
        return False
    if previous is None:
        return parent is not None and parent.tag in PARAGRAPHS
    return previous.tag in ("br", "hr") or (previous.tag == "a" and not text_of(previous).strip())


def dressed_alike(node: _Element, block: _Element) -> bool:
    return node.tag == block.tag and bool(classes(block)) and classes(node) == classes(block)


def note_block(target: _Element) -> _Element | None:
    """The block that holds a note's text, or None when its text lies loose in the page."""
    if target.tag in PARAGRAPHS or target.tag in HOLDERS:
        return _row(target) if target.tag in ("td", "th") else target
    block = next((el for el in target.iterancestors() if el.tag in PARAGRAPHS | HOLDERS | LOOSE), None)
    cell = block.getparent() if block is not None and block.tag in PARAGRAPHS else block
    if cell is not None and cell.tag in ("td", "th") and bare(text_of(cell)) == bare(text_of(target)):
        return _row(cell)
    if block is None or block.tag in PARAGRAPHS:
        return block
    following = target.getnext()
    if not text_of(target).strip() and not (target.tail or "").strip() and following is not None:
        return following if following.tag in PARAGRAPHS | HOLDERS else None
    if block.tag not in LOOSE and not any(child.tag in PARAGRAPHS | HOLDERS for child in block):
        return block
    return None


def _row(cell: _Element) -> _Element:
    """A note laid out as a table row (marker cell, text cell) is the row, or its one-row table."""
    row = cell.getparent()
    if row is None or row.tag != "tr" or len(row) < 2:
        return cell
    table = next((el for el in row.iterancestors() if el.tag == "table"), None)
    return table if table is not None and len(list(table.iter("tr"))) == 1 else row


def reference_element(anchor: _Element) -> _Element:
    """The ``<sup>`` or ``<span class=note>`` that holds nothing but the link is the reference too."""
    element, parent = anchor, anchor.getparent()
    while parent is not None and parent.tag in INLINE and bare(text_of(parent)) == bare(text_of(element)):
        element, parent = parent, parent.getparent()
    return element


def in_link_row(anchor: _Element) -> bool:
    """A row of bare links ("A | B | C", "1 2 3") is navigation, never a run of references."""
    block = next((el for el in anchor.iterancestors() if el.tag in PARAGRAPHS), None)
    if block is None:
        return False
    links = list(block.iter("a"))
    if len(links) < 2:
        return False  # most references are the only link in their paragraph
    rest = text_of(block)
    for link in links:
        rest = rest.replace(text_of(link), "", 1)
    return not any(char.isalnum() for char in rest)


def has_text_beyond_marker(block: _Element, target: _Element) -> bool:
    """A paragraph that is only a marker (an index letter, a section number) is no note."""
    inner = target is not block and within(target, block)
    if inner and link_marker(text_of(target)) is not None:
        # The marker is the target, so any word beside it will do: most notes show one at once.
        return any(char.isalnum() for chunk in text_chunks(block, {target}) for char in chunk)
    rest = visible_text(block, {target}) if inner else text_of(block)
    opening = leading_marker(rest)
    return any(char.isalnum() for char in (rest[len(opening[0]) :] if opening else rest))


def own_marker(block: _Element, target: _Element) -> tuple[set[_Element], str | None]:
    """The note's own marker: elements to drop, or the plain-text prefix (``"1."``) to cut."""
    dropped: set[_Element] = set()
    marked = False
    if target is not block and within(target, block):
        wrapper = target
        while (parent := wrapper.getparent()) is not None and parent is not block and parent.tag in INLINE:
            if bare(text_of(parent)) != bare(text_of(wrapper)):
                break
            wrapper = parent
        dropped.add(wrapper)
        marked = link_marker(text_of(wrapper)) is not None
    first = first_content(block, dropped)
    if not marked and isinstance(first, _Element) and first.tag in INLINE and link_marker(text_of(first)):
        dropped.add(first)
        marked = True
        first = first_content(block, dropped)
    if not isinstance(first, str):
        return dropped, None
    rest = visible_text(block, dropped)
    opening = None if marked else leading_marker(rest)
    if opening is not None:
        return dropped, opening[0]
    return dropped, rest[:1] if marked and rest[:1] in (".", ":", ")", "]") else None


def framing_before(element: _Element, lexicon: Lexicon | None = None) -> list[_Element]:
    """Empty blocks and rules just before ``element``, then the notes heading if one is there."""
    framing: list[_Element] = []
    node = element.getprevious()
    while node is not None and (not isinstance(node.tag, str) or is_empty(node) or is_rule(node)):
        if isinstance(node.tag, str):
            framing.append(node)
        node = node.getprevious()
    if node is not None and is_notes_heading(node, lexicon):
        framing.append(node)
    return framing


def section_consumed(heading: _Element, consumed: set[_Element], cues: Cues, lexicon: Lexicon | None = None) -> bool:
    """Every block under the heading went into resolved notes: the heading has nothing left to head."""
    node = heading.getnext()
    while node is not None and not (is_heading(node) or is_rule(node) or is_furniture(node, cues, lexicon)):
        if isinstance(node.tag, str) and node not in consumed and not is_empty(node):
            return False
        node = node.getnext()
    return True


def wrappers(consumed: set[_Element], lexicon: Lexicon | None = None) -> None:
    """A ``div``, ``blockquote``, ``section.footnotes`` or layout table holding nothing but notes goes too."""
    pending = list(consumed)
    while pending:
        parent = pending.pop().getparent()
        if parent is None or parent in consumed or parent.tag in LOOSE or (parent.text or "").strip():
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        if all(child in consumed or _frames(child, lexicon) for child in children) and not any(
            (child.tail or "").strip() for child in parent
        ):
            consumed.add(parent)
            pending.append(parent)


def _frames(element: _Element, lexicon: Lexicon | None) -> bool:
    """Empty, a rule or a "Notes" heading: what may stand beside notes in a box of notes."""
    return is_empty(element) or is_rule(element) or is_notes_heading(element, lexicon)
