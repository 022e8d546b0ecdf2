"""Editors' matter as a reader sees it: set apart from the author's text, under a label saying whose.

An editor's preface (the model's ``Aside``), an editor's or translator's note and an editor's
insertion are not the author's words, and a book must not let them pass for the author's. The
body writer asks here for the label (in the book's language) and the element that frames an
aside; the stylesheets (``aside.aside``, ``.note-label``, ``.inserted``) give them their look.
"""

from __future__ import annotations

from publish.model import Aside, NoteKind
from publish.render.markup import Element, element
from publish.render.translations import N_, translations

NOTE_LABELS = {NoteKind.EDITOR: N_("Editor’s note"), NoteKind.TRANSLATOR: N_("Translator’s note")}
"""Whose a note is, for every kind but the author's own (a book's notes are the author's unless labelled)."""

PREFACE_LABELS = {NoteKind.EDITOR: N_("Editors’ preface"), NoteKind.TRANSLATOR: N_("Translator’s preface")}
"""An aside that comes before the author's text introduces it."""


def aside_label(kind: NoteKind, *, preface: bool) -> str | None:
    """The untranslated label of an aside of ``kind``: the author's own matter has none."""
    return (PREFACE_LABELS if preface else NOTE_LABELS).get(kind)


def note_label(kind: NoteKind, language: str) -> list[Element | str]:
    """ "Editor's note" opening an editor's or translator's note, so a reader at the foot of the
    page or among the notes knows whose words follow; nothing for the author's notes."""
    label = NOTE_LABELS.get(kind)
    if label is None:
        return []
    return [element("span", translations(language).gettext(label), class_="note-label"), " "]


def aside_element(aside: Aside, inner: list[Element | str], *, preface: bool, language: str, ident: str) -> Element:
    """The aside's frame with its label (``ident`` names the label for ``aria-labelledby``).

    ARIA's ``note`` role (parenthetic matter) keeps the aside out of the page's landmarks, where
    a ``complementary`` region nested in a chapter does not belong (axe's top-level rule)."""
    result = element("aside", class_=f"aside {aside.kind.value}", role="note")
    label = aside_label(aside.kind, preface=preface)
    if label is not None:
        result.attrs["aria-labelledby"] = ident
        result.append(element("p", translations(language).gettext(label), class_="aside-label", id=ident))
    return result.extend(inner)
