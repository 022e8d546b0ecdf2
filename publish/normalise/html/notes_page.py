"""A work's separate notes page, merged into the chapters whose note calls point at it.

Some works keep every note on one ``notes.htm`` and call them across pages
(``<a href="notes.htm#n3">3</a>``). A book cannot: each note belongs at its call. Rather
than teach the note resolver a second, cross-page graph, the cited notes are copied into the
chapter page, before its footer, as if the page had always carried them as endnotes, and
the links are made local on both sides; the one resolver then treats them like any other
page's notes. What the chapters took is then cut from the notes page, so a note is printed
once; whatever no chapter calls stays on the notes page, which remains a chapter only if
anything is left.

These functions work on decoded page text, so reading stays a pure function of the bytes
of the pages involved.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import _Element

from publish.normalise.html.families import family_of
from publish.normalise.html.note_blocks import is_empty, is_furniture, is_rule, note_block, opens_line
from publish.normalise.html.note_markers import link_marker
from publish.normalise.html.parse import parse_html, text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import note_words
from publish.urls import split, unquote
from publish.workfiles import NotesEvidence

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_BLOCKS = frozenset({"p", "div", "blockquote", "pre", "ul", "ol", "dl", "table", "li", "dd", "dt", "center"})


def citations(page: str | _Element) -> dict[str, list[str]]:
    """Note calls that point into another page of the folder: page -> the ids they call
    (``page``: the page's text, or its parsed tree).

    A marker that opens its line is a note's own number linking back to its call, not a call.
    """
    root = parse_html(page) if isinstance(page, str) else page
    cited: dict[str, list[str]] = {}
    for anchor in root.iter("a"):
        target = _target(anchor.get("href"))
        if target is not None and link_marker(text_of(anchor)) is not None and not opens_line(anchor):
            ids = cited.setdefault(target[0], [])
            if target[1] not in ids:
                ids.append(target[1])
    return cited


def notes_evidence(name: str, page: str | _Element, lexicon: Lexicon | None = None) -> NotesEvidence:
    """What says a page holds notes: its name or title ("endnotes.htm", "Notas"), and its own calls."""
    root = parse_html(page) if isinstance(page, str) else page
    title = root.findtext(".//title") or ""
    page_name = note_words(resolve(lexicon)).page_name
    named = bool(page_name.search(name.rsplit(".", 1)[0]) or page_name.search(title))
    own_calls = sum(
        1
        for anchor in root.iter("a")
        if (anchor.get("href") or "").startswith("#") and link_marker(text_of(anchor)) is not None
    )
    return NotesEvidence(named=named, own_calls=own_calls)


def is_notes_page(name: str, text: str, calls: int, lexicon: Lexicon | None = None) -> bool:
    """The page holds notes for other pages: it says so in its name or title, or several calls
    from other pages point into it while it calls no notes of its own."""
    return notes_evidence(name, text, lexicon).is_notes_page(calls)


def graft(text: str, own_name: str, pages: Mapping[str, str], lexicon: Lexicon | None = None) -> str:
    """The chapter page with the notes it calls on ``pages`` (name -> text) copied in."""
    lexicon = resolve(lexicon)
    root = parse_html(text)
    body = root.find("body")
    if body is None:
        return text
    roots = {name: parse_html(page) for name, page in pages.items()}
    anchors = {name: _anchors(page) for name, page in roots.items()}
    cues = {name: family_of(page).cues for name, page in roots.items()}  # each page read by its own family's
    taken: list[_Element] = []
    used_ids = {element.get("id") or element.get("name") for element in root.iter() if _ident(element)}
    for anchor in list(root.iter("a")):
        target = _target(anchor.get("href"))
        if target is None or target[0] not in anchors or link_marker(text_of(anchor)) is None:
            continue
        page, ident = target
        blocks = note_blocks(anchors[page].get(ident), ident, cues[page], lexicon)
        if not blocks:
            continue
        local = ident if ident not in used_ids else f"{_slug(page)}-{ident}"
        used_ids.add(local)
        anchor.set("href", f"#{local}")
        taken.extend(_localised(block, ident, local, own_name) for block in blocks)
    if taken:
        _insert_before_footer(body, [etree.Element("hr"), *taken], family_of(root).cues, lexicon)
    return etree.tostring(root, encoding="unicode", method="html")


def prune(text: str, ids: Collection[str], lexicon: Lexicon | None = None) -> str:
    """The notes page without the notes the chapters took."""
    lexicon = resolve(lexicon)
    root = parse_html(text)
    anchors, cues = _anchors(root), family_of(root).cues
    blocks = [block for ident in ids for block in note_blocks(anchors.get(ident), ident, cues, lexicon)]
    for block in blocks:
        _drop_keeping_tail(block)
    return etree.tostring(root, encoding="unicode", method="html")


def _anchors(root: _Element) -> dict[str, _Element]:
    """A page's named places (id, or a's name), the first of each name: looked up once per note."""
    found: dict[str, _Element] = {}
    for element in root.iter():
        if ident := _ident(element):
            found.setdefault(ident, element)
    return found


def note_blocks(target: _Element | None, ident: str, cues: Cues, lexicon: Lexicon | None = None) -> list[_Element]:
    """The note whose anchor is ``target`` (named ``ident``) on a notes page: its block and the
    blocks that continue it, up to the next note (a block holding an anchor shaped like this
    one), a heading or a rule."""
    if target is None:
        return []
    block = note_block(target)
    if block is None or block.tag in ("body", "html"):
        return []
    shape = _shape(ident)
    blocks = [block]
    following = block.getnext()
    while following is not None and following.tag in _BLOCKS and not is_furniture(following, cues, lexicon):
        if is_rule(following) or any(_shape(_ident(el)) == shape for el in following.iter() if _ident(el)):
            break
        if not is_empty(following):
            blocks.append(following)
        following = following.getnext()
    return blocks


def _localised(block: _Element, ident: str, local: str, own_name: str) -> _Element:
    """A copy of a note block whose anchor and back link work inside the chapter page."""
    block = copy.deepcopy(block)
    block.tail = "\n"
    for element in block.iter():
        if _ident(element) == ident:
            if element.get("id") is not None:
                element.set("id", local)
            if element.get("name") is not None:
                element.set("name", local)
        href = element.get("href") if element.tag == "a" else None
        target = _target(href)
        if target is not None and target[0].lower() == own_name.lower():
            element.set("href", f"#{target[1]}")
    return block


def _insert_before_footer(body: _Element, elements: list[_Element], cues: Cues, lexicon: Lexicon) -> None:
    """After the text, before the page's trailing rules and navigation."""
    children = [child for child in body if isinstance(child.tag, str)]
    position = len(children)
    while position and _is_trailing(children[position - 1], cues, lexicon):
        position -= 1
    if position == len(children):
        body.extend(elements)
        return
    anchor = children[position]
    for element in elements:
        anchor.addprevious(element)


def _is_trailing(element: _Element, cues: Cues, lexicon: Lexicon) -> bool:
    return is_furniture(element, cues, lexicon) or is_rule(element) or is_empty(element)


def _drop_keeping_tail(element: _Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _target(href: str | None) -> tuple[str, str] | None:
    """("notes.htm", "n3") for a link into another page of the same folder, else None."""
    if not href:
        return None
    parts = split(href.strip())
    if parts is None:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or not parts.fragment or "/" in path:
        return None
    return (path, unquote(parts.fragment)) if re.search(r"\.html?$", path, re.IGNORECASE) else None


def _ident(element: _Element) -> str:
    if not isinstance(element.tag, str):
        return ""
    return element.get("id") or (element.get("name") if element.tag == "a" else None) or ""


def _shape(ident: str) -> str:
    return re.sub(r"\d+", "#", ident)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().rsplit(".", 1)[0]).strip("-")
