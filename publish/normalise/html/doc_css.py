"""The doc.css / ETOL family (Encyclopaedia of Trotskyism On-Line and its many descendants).

Header: ``p.toplink`` breadcrumb, ``h2`` author, ``h1`` title, ``h3`` date, ``p.info``
credits between rules, ``p.c`` standfirst; body from ``p.fst`` on; ``p.link`` "Top of the
page" and ``p.updat`` "Last updated" at the foot.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.credits import apply_credit_line, names_in
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.furniture import is_empty, is_navigation
from publish.normalise.html.header import header_date, read_credit_block
from publish.normalise.html.page import PageParts
from publish.normalise.html.parse import classes, text_of
from publish.normalise.standfirst import looks_like_standfirst

_CUES = ("doc.css", "etol", "p.info", "p.fst", "p.updat")


def score(root: _Element) -> int:
    """Evidence that a page is of this family: each cue counts, none decides alone."""
    points = 0
    for link in root.iter("link"):
        if "doc.css" in (link.get("href") or "").lower():
            points += 2
    for paragraph in root.iter("p"):
        points += len(classes(paragraph) & {"info", "fst", "updat", "toplink"})
    return points


def read(root: _Element, draft: MetadataDraft) -> PageParts:
    body_element = root.find("body")
    children = [child for child in body_element] if body_element is not None else []
    parts = PageParts(draft=draft, body=[])
    state = _HeaderState()
    for element in children:
        if not isinstance(element.tag, str):
            if state.done:
                parts.body.append(element)
            continue
        if _is_footer(element, draft) or is_navigation(element):
            continue
        if state.done or not _take_header(element, draft, state):
            state.done = True
            parts.body.append(element)
    parts.body = _strip_rules(parts.body)
    return parts


class _HeaderState:
    __slots__ = ("credits_seen", "done")

    def __init__(self) -> None:
        self.done = False
        self.credits_seen = False


def _is_footer(element: _Element, draft: MetadataDraft) -> bool:
    text = text_of(element)
    if "updat" in classes(element) or text.lower().startswith("last updated"):
        apply_credit_line(draft, text)
        return True
    return False


def _take_header(element: _Element, draft: MetadataDraft, state: _HeaderState) -> bool:
    """Fill the draft from one header element; False when the element starts the body."""
    tag, text = element.tag, text_of(element)
    if tag == "hr" or is_empty(element):
        return True
    if tag == "h2" and draft.title is None and not draft.authors:
        for name in names_in(text)[0] or [text]:
            draft.add_author(name)
        return True
    if tag == "h1" and draft.title is None:
        draft.title = text
        return True
    if tag in ("h3", "h4") and draft.title is not None and draft.date is None and (iso := header_date(text)):
        draft.date = iso
        return True
    if tag == "p" and "info" in classes(element):
        read_credit_block(element, draft, first_is_source=not state.credits_seen)
        state.credits_seen = True
        return True
    if tag == "p" and "c" in classes(element) and draft.standfirst is None and looks_like_standfirst(text):
        draft.standfirst = text
        return True
    return False


def _strip_rules(elements: list[_Element]) -> list[_Element]:
    """Rules and spacers at the edges of the body frame it; they are not breaks in the text."""
    while elements and isinstance(elements[-1].tag, str) and (elements[-1].tag == "hr" or is_empty(elements[-1])):
        elements.pop()
    return elements
