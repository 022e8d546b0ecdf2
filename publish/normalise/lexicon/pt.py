"""Portuguese (``portugues/``): the words of its headers."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("pt",),
    language_links=("original", "versão", "tradução", "texto", "em"),
    written=("escrito",),
    source=("fonte",),
    credit_by=("por",),
    name_ends=("para",),
    name_joins=("e",),
    ordinal_suffixes=("º",),
    byline=("por",),
    bare_by=("por",),
    name_particles=("da", "e"),
    contents_words=("índice",),
    notes_page_names=("notas",),
    about_the_work="Sobre esta obra",
    stopwords=("de", "que", "não", "uma", "os", "das", "para", "com", "por", "mais", "como", "dos", "ao", "seu"),
)
