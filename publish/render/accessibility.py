"""EPUB Accessibility 1.1 metadata, derived from what the book really holds.

A claim a reading system or a store relies on must be true of this book: page navigation
only when the archive gave page markers, alternative text only when every picture has one,
a visual access mode only when pictures are packaged. The conformance claim is WCAG 2.1 AA,
which DAISY Ace checks (see the README); the hazards are none since the books hold no
sound, motion or flashing.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from dataclasses import dataclass

from publish.model import Figure, PageMarker

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


@dataclass(frozen=True, slots=True)
class Accessibility:
    access_modes: tuple[str, ...]
    sufficient: tuple[str, ...]
    features: tuple[str, ...]
    hazards: tuple[str, ...]
    summary: str


def claims(
    nodes: Sequence[Figure | PageMarker], *, pictures_packaged: bool, words: gettext.NullTranslations | None = None
) -> Accessibility:
    """The claims, from the book's figures and page markers (``model_walk.query`` gathers both in
    one walk of the book); the summary, read out to a reader, is in the book's language (``words``)."""
    _ = (words or gettext.NullTranslations()).gettext
    figures = [node for node in nodes if isinstance(node, Figure)]
    pages = any(isinstance(node, PageMarker) for node in nodes)
    visual = bool(figures) and pictures_packaged
    described = all(figure.alt.strip() for figure in figures)
    features = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
        *(["alternativeText"] if visual and described else []),
        *(["printPageNumbers", "pageNavigation"] if pages else []),
    ]
    summary = " ".join(
        (
            _(
                "A reflowable text with headings, a navigable table of contents and linked notes, "
                "and page numbers of the printed edition."
            )
            if pages
            else _("A reflowable text with headings, a navigable table of contents and linked notes."),
            _("Pictures are described in text.")
            if figures and not visual
            else _("Every picture has a text alternative.")
            if visual and described
            else _("Some pictures have no text alternative.")
            if visual
            else _("It has no pictures."),
        )
    )
    return Accessibility(
        access_modes=("textual", "visual") if visual else ("textual",),
        sufficient=("textual",) if not visual or described else ("textual", "visual"),
        features=tuple(features),
        hazards=("none",),
        summary=summary,
    )
