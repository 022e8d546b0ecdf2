"""Who wrote a note: "Notes" headings and their owners, note classes, a note's opening or signature."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.model import NoteKind
from publish.normalise.html.note_tree import HEADINGS
from publish.normalise.html.parse import text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import KindRule, note_words, notes_heading

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues


def is_heading(element: _Element) -> bool:
    return element.tag in HEADINGS


def is_notes_heading(element: _Element, lexicon: Lexicon | None = None) -> bool:
    return _heading_match(element, resolve(lexicon)) is not None


def heading_kind(element: _Element, lexicon: Lexicon | None = None) -> NoteKind | None:
    """The kind a "Translator's notes" or "Note by MIA" heading names, if it names one."""
    lexicon = resolve(lexicon)
    match = _heading_match(element, lexicon)
    owner = (match.group("before") or match.group("after") or "") if match else ""
    return note_words(lexicon).owners.get(owner.lower(), NoteKind.EDITOR) if owner else None


def kind_from_classes(names: frozenset[str], cues: Cues) -> NoteKind | None:
    if names & cues.editor_note:
        return NoteKind.EDITOR
    return NoteKind.TRANSLATOR if names & cues.translator_note else None


def kind_from_opening(text: str, lexicon: Lexicon | None = None) -> NoteKind | None:
    """A note that says who wrote it as it opens ("Translator's note:", "[Note by MIA]")."""
    return _first_kind(note_words(resolve(lexicon)).opening, text)


def kind_from_closing(text: str, lexicon: Lexicon | None = None) -> NoteKind | None:
    """A note signed at its end ("– Trans.", "[Ed.]", "– Marx-Engels-Lenin Institute.")."""
    return _first_kind(note_words(resolve(lexicon)).closing, text.strip())


def _first_kind(rules: tuple[KindRule, ...], text: str) -> NoteKind | None:
    # A rule searched anywhere in the note carries a word it cannot match without, looked for
    # first (in the lower-cased text, as its letters only ever match themselves in either case).
    lowered = text.lower()
    return next(
        (kind for pattern, kind, word in rules if (word is None or word in lowered) and pattern.search(text)), None
    )


def _heading_match(element: _Element, lexicon: Lexicon) -> re.Match[str] | None:
    if not is_heading(element):
        return None
    return notes_heading(lexicon).match(text_of(element).replace("\u2019", "'").strip(" :.-–—*[]()\u00a0"))
