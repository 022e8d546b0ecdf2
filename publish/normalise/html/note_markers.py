"""Note markers: how a note's call and its text spell its number, in one normal form.

MIA pages mark notes every way a hand-edited archive can (``[1]``, ``1.``, ``(1)``, ``*``,
``1*``, ``[i]``, ``A.``, ``[note]``), so markers are compared in one normal form.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.normalise.html.note_tree import INLINE, first_content, within
from publish.normalise.html.parse import text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import note_words

_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{1,3}|v)|x{1,3})"
_MARK = rf"(?:\d{{1,4}}[a-z]?\*?|[*†‡§¶]{{1,4}}|{_ROMAN}|[a-z]\*?|note)"
# One optional space run before the closing bracket and one after it, never two in a row (which
# would share out a long run of spaces every way before failing).
_LINK_MARKER = re.compile(rf"^[\[(]?\s*({_MARK})\s*(?:[\])]\s*)?[.:]?$", re.IGNORECASE)
_LEADING_MARKER = re.compile(
    rf"^\s*(?:\[\s*({_MARK})\s*\]|\(\s*({_MARK})\s*\)|({_MARK})\s*[.)\]:]|([*†‡§¶]{{1,4}}))\s*[.:]?(?=\s|$)",
    re.IGNORECASE,
)


def link_marker(text: str) -> str | None:
    """The marker a link's whole visible text spells (``[1]`` -> ``1``), or None for words."""
    match = _LINK_MARKER.match(" ".join(text.split()))
    return match.group(1) if match else None


def leading_marker(text: str) -> tuple[str, str] | None:
    """The marker a note's text opens with, as written (``"1."``) and as a marker (``"1"``).

    Letters and numbers need punctuation after them ("1." or "[1]"), so that "A commodity"
    or "1917 was" never read as markers; bare symbols (``*``) do not.
    """
    match = _LEADING_MARKER.match(text)
    if match is None:
        return None
    return match.group(0).strip(), next(group for group in match.groups() if group)


def written_marker(block: _Element, target: _Element) -> str | None:
    """The marker the note shows for itself: its anchor's text, its opening, or its list number."""
    if target is not block and within(target, block) and (own := link_marker(text_of(target))):
        return own
    first = first_content(block, set())
    if isinstance(first, _Element) and first.tag in INLINE and (marker := link_marker(text_of(first))):
        return marker
    if (opening := leading_marker(text_of(block))) is not None:
        return opening[1]
    parent = block.getparent()
    if block.tag == "li" and parent is not None and parent.tag == "ol":
        items = [item for item in parent if item.tag == "li"]
        start = parent.get("start", "1")
        return str(items.index(block) + (int(start) if start.isdigit() else 1))
    return None


def same_marker(first: str, second: str) -> bool:
    return first.casefold().rstrip(".") == second.casefold().rstrip(".")


def is_back_link(anchor: _Element, lexicon: Lexicon | None = None) -> bool:
    """An in-page link whose text says "back" or is only an arrow or the like: a note's way up."""
    if not (anchor.get("href") or "").strip().startswith("#"):
        return False
    return bool(note_words(resolve(lexicon)).back_link.match(text_of(anchor)))
