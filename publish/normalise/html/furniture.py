"""The archive's site furniture: navigation and page-maintenance lines that are never body text."""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.normalise.html.parse import classes, text_of

_NAVIGATION_TEXT = re.compile(
    r"^(?:top of (?:the )?page|back to (?:the )?(?:top|index|contents)|(?:table of )?contents|"
    r"next(?: chapter)?|previous(?: chapter)?|index|home|mia|archive)$",
    re.IGNORECASE,
)
_NAVIGATION_CLASSES = {"toplink", "link", "footer", "navigation", "nav", "breadcrumb"}


def is_navigation(element: _Element) -> bool:
    """A breadcrumb or a row of links whose words are all navigation words."""
    if classes(element) & _NAVIGATION_CLASSES:
        return True
    links = [text_of(link) for link in element.iter("a")]
    if not links:
        return False
    return text_of(element) == " ".join(links) and all(_NAVIGATION_TEXT.match(text.strip(" |>[]()")) for text in links)


def is_empty(element: _Element) -> bool:
    """Spacer paragraphs (``<p>&#160;</p>``) and bare rules hold nothing a reader reads."""
    if element.tag in ("img", "table"):
        return False
    return not text_of(element).replace("\u00a0", " ").strip() and element.find(".//img") is None
