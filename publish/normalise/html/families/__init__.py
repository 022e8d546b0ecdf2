"""Page families: the evidence that a page is one of a kind, and the cues its kind is read by.

``FAMILIES`` is the one registry; each module offers ``score(root)`` (how much the page looks
like one of its kind) and ``CUES`` (``cues.BASE`` extended by the class words only its pages
use). The header, body, footer and note rules are the same for every family: they differ
only in the cues they are given. The generic family scores 0 and catches every page the
others do not claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml.etree import _Element

from publish.normalise.html.families import doc_css, generic, html5, index_page, lenin_cw, old_html, works_css
from publish.normalise.html.families.cues import Cues


@dataclass(frozen=True, slots=True)
class Family:
    """A page family: how much a page looks like one of its kind, and the cues to read it by."""

    name: str
    score: Callable[[_Element], int]
    cues: Cues


FAMILIES: tuple[Family, ...] = (
    Family("lenin_cw", lenin_cw.score, lenin_cw.CUES),
    Family("doc_css", doc_css.score, doc_css.CUES),
    Family("works_css", works_css.score, works_css.CUES),
    Family("old_html", old_html.score, old_html.CUES),
    Family("index", index_page.score, index_page.CUES),
    Family("html5", html5.score, html5.CUES),
    Family("generic", generic.score, generic.CUES),
)


def family_of(root: _Element) -> Family:
    """The family whose evidence the page shows most (the first registered wins a tie); a page
    that shows none is the generic family's, the last, not the first family that scored 0."""
    scores = [family.score(root) for family in FAMILIES]
    best = max(range(len(FAMILIES)), key=scores.__getitem__)
    return FAMILIES[best] if scores[best] > 0 else FAMILIES[-1]
