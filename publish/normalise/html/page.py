"""Splitting a page into header, body and footer: the steps every page family shares.

A family module passes its own cues (``standfirst``: doc.css's ``p.c``); the header and
footer rules themselves live in ``header.py`` and ``footer.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.etree import _Element

from publish.errors import Diagnostic
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.footer import trim_footer
from publish.normalise.html.header import apply_header, header_zone
from publish.normalise.html.parse import text_of

StandfirstTest = Callable[[_Element], bool]


@dataclass(slots=True)
class PageParts:
    draft: MetadataDraft
    body: list[_Element]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def split_page(
    elements: list[_Element], draft: MetadataDraft, *, standfirst: StandfirstTest | None = None
) -> PageParts:
    header = header_zone(elements)
    leftover = apply_header(header.elements, draft)
    body = trim_footer(elements[header.body_start :], draft)
    if standfirst is not None and draft.standfirst is None:
        body = _take_standfirst([*leftover, *body], draft, standfirst)
        leftover = []
    return PageParts(draft=draft, body=[*leftover, *body])


def _take_standfirst(body: list[_Element], draft: MetadataDraft, test: StandfirstTest) -> list[_Element]:
    for index, element in enumerate(body[:3]):
        if isinstance(element.tag, str) and test(element):
            draft.standfirst = text_of(element)
            return body[:index] + body[index + 1 :]
    return body
