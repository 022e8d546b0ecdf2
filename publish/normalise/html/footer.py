"""The page's foot: navigation, "Last updated", and credit blocks set after the text.

Read backwards from the end up to the last element of text, so a credit block at the bottom
(Capital's transcription credits, Lenin's copyleft line) lands in metadata, not in the body.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import _Comment, _Element

from publish.normalise.credits import apply_credit_line, is_credit_line
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.furniture import is_empty, is_navigation
from publish.normalise.html.header import is_info_block, lines_of, read_credit_block
from publish.normalise.html.parse import classes, text_of

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_UPDATED = re.compile(r"^\s*(?:last\s+updated|(?:última|ultima)\s+(?:actualización|modifica))", re.IGNORECASE)


def trim_footer(elements: list[_Element], draft: MetadataDraft, cues: Cues) -> list[_Element]:
    """Remove the footer from the end of ``elements``, filing what it says in ``draft``."""
    end = len(elements)
    while end > 0:
        element = elements[end - 1]
        if isinstance(element, _Comment) or not isinstance(element.tag, str):
            end -= 1
            continue
        if not _take(element, draft, cues):
            break
        end -= 1
    return elements[:end]


def _take(element: _Element, draft: MetadataDraft, cues: Cues) -> bool:
    text = text_of(element)
    if element.tag == "hr" or is_empty(element) or is_navigation(element, cues):
        return True
    if classes(element) & cues.updated or _UPDATED.match(text):
        apply_credit_line(draft, text)
        return True
    if is_info_block(element, cues) and _is_credit_block(element, cues):
        read_credit_block(element, draft, cues, first_is_source=False)
        return True
    return False


def _is_credit_block(element: _Element, cues: Cues) -> bool:
    """Credits at the foot carry credit labels; a ``p.information`` without them is a note (Capital, letters)."""
    lines = lines_of(element, cues)
    return bool(lines) and sum(1 for line in lines if is_credit_line(line)) * 2 >= len(lines)
