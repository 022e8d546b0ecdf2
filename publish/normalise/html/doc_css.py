"""The doc.css / ETOL family (Encyclopaedia of Trotskyism On-Line and its many descendants).

Header: ``p.toplink`` breadcrumb, ``h2`` author, ``h1`` title, ``h3`` date, ``p.info``
credits between rules, ``p.c`` standfirst; ``p.link`` "Top of the page" and ``p.updat``
"Last updated" at the foot. Its one cue of its own is the standfirst.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.draft import MetadataDraft
from publish.normalise.html.page import PageParts, split_page
from publish.normalise.html.parse import classes, text_of
from publish.normalise.standfirst import looks_like_standfirst

_CLASSES = frozenset({"info", "fst", "updat", "toplink"})


def score(root: _Element) -> int:
    points = 0
    for link in root.iter("link"):
        if "doc.css" in (link.get("href") or "").lower():
            points += 3
    for paragraph in root.iter("p"):
        points += len(classes(paragraph) & _CLASSES)
    return points


def read(elements: list[_Element], draft: MetadataDraft) -> PageParts:
    return split_page(elements, draft, standfirst=_is_standfirst)


def _is_standfirst(element: _Element) -> bool:
    return element.tag == "p" and "c" in classes(element) and looks_like_standfirst(text_of(element))
