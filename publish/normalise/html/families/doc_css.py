"""The doc.css / ETOL family (Encyclopaedia of Trotskyism On-Line and its many descendants).

Header: ``p.toplink`` breadcrumb, ``h2`` author, ``h1`` title, ``h3`` date, ``p.info``
credits between rules, ``p.c`` standfirst; ``p.link`` "Top of the page" and ``p.updat``
"Last updated" at the foot. Its own cues: the standfirst (``p.c``, a header line even where it
reads like prose), ``p.link`` and ``p.updat``.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE, Cues
from publish.normalise.html.parse import classes

_CLASSES = frozenset({"info", "fst", "updat", "toplink"})  # the evidence, not cues: most are the base's

CUES = BASE.extended(
    Cues(
        standfirst=frozenset({"c"}),
        header_line=frozenset({"c"}),
        navigation=frozenset({"link"}),
        updated=frozenset({"updat"}),
    )
)


def score(root: _Element) -> int:
    points = 0
    for link in root.iter("link"):
        if "doc.css" in (link.get("href") or "").lower():
            points += 3
    for paragraph in root.iter("p"):
        points += len(classes(paragraph) & _CLASSES)
    return points
