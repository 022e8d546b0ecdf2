"""Esperanto (``esperanto/``)."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("eo",),
    contents_words=("enhavo",),
    notes_page_names=("notoj",),
    about_the_work="Pri ĉi tiu verko",
    stopwords=("la", "kaj", "de", "en", "estas", "al", "por", "ne", "kun", "ke", "el", "tiu", "sed"),
)
