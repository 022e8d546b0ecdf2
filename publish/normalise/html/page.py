"""Splitting a page into header, body and footer: the steps every page family shares.

The family's cues say which classes mark what; the header and footer rules themselves live in
``header.py`` and ``footer.py``. A family whose cues name a standfirst class (doc.css's
``p.c``) has its standfirst taken from the top of the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.errors import Diagnostic
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.footer import trim_footer
from publish.normalise.html.header import apply_header, header_zone
from publish.normalise.html.parse import classes, text_of
from publish.normalise.standfirst import looks_like_standfirst

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues


@dataclass(slots=True)
class PageParts:
    draft: MetadataDraft
    body: list[_Element]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def split_page(elements: list[_Element], draft: MetadataDraft, cues: Cues) -> PageParts:
    header = header_zone(elements, cues)
    leftover = apply_header(header.elements, draft, cues)
    body = trim_footer(elements[header.body_start :], draft, cues)
    if cues.standfirst and draft.standfirst is None:
        body = _take_standfirst([*leftover, *body], draft, cues)
        leftover = []
    return PageParts(draft=draft, body=[*leftover, *body])


def _take_standfirst(body: list[_Element], draft: MetadataDraft, cues: Cues) -> list[_Element]:
    for index, element in enumerate(body[:3]):
        if element.tag == "p" and classes(element) & cues.standfirst and looks_like_standfirst(text_of(element)):
            draft.standfirst = text_of(element)
            return body[:index] + body[index + 1 :]
    return body
