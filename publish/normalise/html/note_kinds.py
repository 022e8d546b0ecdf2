"""Who wrote a note: "Notes" headings and their owners, note classes, a note's opening or signature."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.model import NoteKind
from publish.normalise.html.note_tree import HEADINGS
from publish.normalise.html.parse import text_of

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_WHO = r"author|editors?|editorial|translators?|transcriber|mia|etol|publishers?|traductor"
_NOTES_HEADING = re.compile(
    rf"^(?:(?P<before>{_WHO})(?:'?s|s')?\s+)?(?:foot|end|foot-|end-)?notes?"
    rf"(?:\s+(?:by|of|from)\s+(?:the\s+)?(?P<after>{_WHO}))?$"
    rf"|^(?:notas?|fußnoten|anmerkungen)(?:\s+(?:del?|des)\s+(?:la\s+)?(?P<es>{_WHO}))?$",
    re.IGNORECASE,
)
_I = re.IGNORECASE
# Who wrote a note, by what it says, in order of precedence. A pattern that may match anywhere and
# opens with ``\b`` is tried at every position of the note, so it comes with a word it cannot
# match without, looked for first (in the lower-cased text, as these letters only ever match
# themselves in either case).
_OPENING: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...] = (
    (re.compile(r"^\W*(?:translator|trans\.?|tr\.)(?:['’]s)?\s+note", _I), NoteKind.TRANSLATOR, None),
    (re.compile(r"^\W*(?:editor|ed\.|editorial|mia|etol|transcriber)(?:['’]s)?\s+note", _I), NoteKind.EDITOR, None),
    (
        re.compile(r"^\W*note\s+(?:by|of)\s+(?:the\s+)?(?:editors?|mia|etol|transcriber|marxists)", _I),
        NoteKind.EDITOR,
        None,
    ),
    (
        re.compile(r"^\W*in\s+the\s+(?:\w+\s+){0,2}(?:edition|printed\s+version|published\s+version)\b", _I),
        NoteKind.EDITOR,
        None,
    ),
    (re.compile(r"\bonly\s+in\s+the\s+(?:\w+\s+){0,2}edition\b", _I), NoteKind.EDITOR, "only"),
)
_CLOSING: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...] = (
    (re.compile(r"[\[(–—-]\s*(?:trans(?:lator)?|tr)\.?\s*[\])]?\.?$", _I), NoteKind.TRANSLATOR, None),
    (
        re.compile(r"\b(?:appears?|appeared)\s+in\s+\w+\s+in\s+the\s+original\b", _I),
        NoteKind.TRANSLATOR,
        "appear",
    ),
    (re.compile(r"[\[(–—-]\s*(?:eds?|editors?|mia|etol)\.?\s*[\])]?\.?$", _I), NoteKind.EDITOR, None),
    (re.compile(r"[\[(–—-][^\[\]()–—]{0,40}\b(?:institute|publishers)\.?\s*[\])]?\.?$", _I), NoteKind.EDITOR, None),
    (re.compile(r"\[[^\[\]]{0,60}\b(?:edition|editor|ed\.)[^\[\]]*\]\.?$", _I), NoteKind.EDITOR, None),
)
_OWNER = {"author": NoteKind.AUTHOR} | dict.fromkeys(("translator", "translators", "traductor"), NoteKind.TRANSLATOR)


def is_heading(element: _Element) -> bool:
    return element.tag in HEADINGS


def is_notes_heading(element: _Element) -> bool:
    return _heading_match(element) is not None


def heading_kind(element: _Element) -> NoteKind | None:
    """The kind a "Translator's notes" or "Note by MIA" heading names, if it names one."""
    match = _heading_match(element)
    owner = (match.group("before") or match.group("after") or match.group("es") or "") if match else ""
    return _OWNER.get(owner.lower(), NoteKind.EDITOR) if owner else None


def kind_from_classes(names: frozenset[str], cues: Cues) -> NoteKind | None:
    if names & cues.editor_note:
        return NoteKind.EDITOR
    return NoteKind.TRANSLATOR if names & cues.translator_note else None


def kind_from_opening(text: str) -> NoteKind | None:
    """A note that says who wrote it as it opens ("Translator's note:", "[Note by MIA]")."""
    return _first_kind(_OPENING, text)


def kind_from_closing(text: str) -> NoteKind | None:
    """A note signed at its end ("– Trans.", "[Ed.]", "– Marx-Engels-Lenin Institute.")."""
    return _first_kind(_CLOSING, text.strip())


def _first_kind(rules: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...], text: str) -> NoteKind | None:
    lowered = text.lower()
    return next(
        (kind for pattern, kind, word in rules if (word is None or word in lowered) and pattern.search(text)), None
    )


def _heading_match(element: _Element) -> re.Match[str] | None:
    if not is_heading(element):
        return None
    return _NOTES_HEADING.match(text_of(element).replace("\u2019", "'").strip(" :.-–—*[]()\u00a0"))
