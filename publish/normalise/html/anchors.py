"""Where a page's own links lead: the anchors that name a heading.

A page's contents list links to anchors set just before a heading or inside it (Capital ch. 1:
``<a name="S3a1"> </a> <br> <h6>1. The two poles…</h6>``). The model keeps no anchors, so such a
link works only if the heading takes the anchor's name as its id; an anchor with words between
it and the next heading names a place in running text, which the book cannot reach, and links to
it stay text. Only names a link uses are taken, so the model gains no id that nothing reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml.etree import _Element

from publish.normalise.html.tags import HEADINGS, tag

_USABLE = re.compile(r"^[A-Za-z0-9_.-]+$")
"""A name that is a valid id and fragment as it stands (no spaces, no escapes)."""


@dataclass(frozen=True, slots=True)
class HeadingAnchors:
    ids: dict[_Element, str] = field(default_factory=dict)
    """The id each heading element takes (its own, or the linked anchor just before it)."""
    targets: dict[str, str] = field(default_factory=dict)
    """Each linked anchor name that leads to a heading -> that heading's id."""

    def without(self, unreached: Iterable[str]) -> HeadingAnchors:
        """These anchors, less headings that did not become headings (ids the body never shows)."""
        gone = set(unreached)
        return HeadingAnchors(
            ids={element: ident for element, ident in self.ids.items() if ident not in gone},
            targets={name: ident for name, ident in self.targets.items() if ident not in gone},
        )


def heading_anchors(elements: Sequence[_Element]) -> HeadingAnchors:
    """The headings among ``elements`` that the page's own links lead to, and their ids."""
    linked = {href[1:] for element in elements for href in _hrefs(element) if href.startswith("#") and len(href) > 1}
    if not linked:
        return HeadingAnchors()
    walk = _Walk(linked)
    for element in elements:
        walk.visit(element)
    return HeadingAnchors(ids=walk.ids, targets=walk.targets)


def _hrefs(element: _Element) -> Iterable[str]:
    return ((link.get("href") or "").strip() for link in element.iter("a"))


@dataclass(slots=True)
class _Walk:
    """Reads elements in document order, keeping the anchors met since the last word."""

    linked: set[str]
    ids: dict[_Element, str] = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)

    def visit(self, element: _Element) -> None:
        name = tag(element)
        if name in HEADINGS:
            self._heading(element)
        elif name is not None:
            if ident := _name(element, name):
                self.pending.append(ident)
            if _has_words(element.text):
                self.pending = []
            for child in element:
                self.visit(child)
        if _has_words(element.tail):
            self.pending = []

    def _heading(self, element: _Element) -> None:
        inside = [ident for child in element.iter() if (ident := _name(child, tag(child)))]
        names = [*self.pending, *inside]
        self.pending = []
        used = set(self.ids.values())
        own = element.get("id") or element.get("name")
        chosen = own or next((n for n in names if n in self.linked and _USABLE.match(n) and n not in used), None)
        if chosen is None:
            return
        self.ids[element] = chosen
        for ident in names:
            if ident in self.linked:
                self.targets.setdefault(ident, chosen)


def _name(element: _Element, name: str | None) -> str | None:
    """The anchor an element sets: any element's id, an ``<a>``'s name."""
    return element.get("id") or (element.get("name") if name == "a" else None)


def _has_words(text: str | None) -> bool:
    return bool(text) and any(character.isalnum() for character in text or "")
