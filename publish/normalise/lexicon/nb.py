"""Norwegian Bokmål (``norsk/``)."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("nb",),
    name_joins=("og",),
    archive_names=("seksjon",),
    error_page=("finnes ikke",),
    stopwords=("og", "i", "det", "som", "er", "på", "til", "en", "av", "for", "ikke", "med"),
)
