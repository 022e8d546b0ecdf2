"""The page's foot: navigation, "Last updated", and credit blocks set after the text.

Read backwards from the end up to the last element of text, so a credit block at the bottom
(Capital's transcription credits, Lenin's copyleft line) lands in metadata, not in the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.etree import _Comment, _Element

from publish.normalise.credits import apply_credit_line, is_credit_line
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.furniture import is_empty, is_navigation
from publish.normalise.html.header import is_info_block, lines_of, read_credit_block
from publish.normalise.html.parse import classes, text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import furniture_words

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues


def trim_footer(
    elements: list[_Element], draft: MetadataDraft, cues: Cues, lexicon: Lexicon | None = None
) -> list[_Element]:
    """Remove the footer from the end of ``elements``, filing what it says in ``draft``."""
    lexicon = resolve(lexicon)
    end = len(elements)
    while end > 0:
        element = elements[end - 1]
        if isinstance(element, _Comment) or not isinstance(element.tag, str):
            end -= 1
            continue
        if not _take(element, draft, cues, lexicon):
            break
        end -= 1
    return elements[:end]


def _take(element: _Element, draft: MetadataDraft, cues: Cues, lexicon: Lexicon) -> bool:
    text = text_of(element)
    if element.tag == "hr" or is_empty(element) or is_navigation(element, cues, lexicon):
        return True
    if classes(element) & cues.updated or furniture_words(lexicon).last_updated.match(text):
        apply_credit_line(draft, text, lexicon=lexicon)
        return True
    if is_info_block(element, cues, lexicon) and _is_credit_block(element, cues, lexicon):
        read_credit_block(element, draft, cues, first_is_source=False, lexicon=lexicon)
        return True
    return False


def _is_credit_block(element: _Element, cues: Cues, lexicon: Lexicon) -> bool:
    """Credits at the foot carry credit labels; a ``p.information`` without them is a note (Capital, letters)."""
    lines = lines_of(element, cues)
    return bool(lines) and sum(1 for line in lines if is_credit_line(line, lexicon)) * 2 >= len(lines)
