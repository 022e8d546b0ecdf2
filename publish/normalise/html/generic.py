"""The fallback for pages no family claims: keep every word, take the obvious header.

Title from the first ``h1`` (else ``<title>``), the rest is body minus site navigation.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.credits import apply_credit_line
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.furniture import is_empty, is_navigation
from publish.normalise.html.page import PageParts
from publish.normalise.html.parse import text_of


def score(root: _Element) -> int:
    return 0


def read(root: _Element, draft: MetadataDraft) -> PageParts:
    body_element = root.find("body")
    children = list(body_element) if body_element is not None else []
    parts = PageParts(draft=draft, body=[])
    for element in children:
        if isinstance(element.tag, str):
            if is_navigation(element) or (is_empty(element) and not parts.body):
                continue
            if text_of(element).lower().startswith("last updated"):
                apply_credit_line(draft, text_of(element))
                continue
            if element.tag == "h1" and draft.title is None:
                draft.title = text_of(element)
                continue
        parts.body.append(element)
    if draft.title is None:
        title = root.find(".//title")
        if title is not None and text_of(title):
            draft.title = text_of(title)
    return parts
