"""Italian (``italiano/``): credit labels, navigation and the words of its headers."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("it",),
    roles=(
        ((Role.TRANSCRIBER,), r"transcri(?:zione|tto)|trascri(?:tto|zione)"),
        ((Role.MARKUP,), r"html-?izzazione|formattazione"),
        ((Role.TRANSLATOR,), r"trad(?:uzione|otto|otta|uttore|uttrice)"),
        ((Role.PROOFREADER,), "revisione"),
        ((Role.EDITOR,), r"a\s+cura\s+di"),
    ),
    last_updated=(r"(?:última|ultima)\s+modifica",),
    written=("scritto",),
    delivered=("pronunciato",),
    source=("fonte",),
    published=("pubblicato", r"prima\s+pubblicazione"),
    rights=(r"pubblico\s+dominio",),
    credit_by=("da",),
    name_ends=("per",),
    name_joins=("e",),
    ordinal_suffixes=("º",),
    byline=("di",),
    bare_by=("di",),
    name_particles=("di", "da"),
    not_names=("biografia",),
    run_on_words=("e", "di"),
    chapter_words=("parte",),
    language_links=("originale", "versione", "traduzione", "testo", "in"),
    navigation=("indice", "sommario", "torna", "indietro"),
    archive_names=("sezione",),
    error_page=(r"non trovat[oa]",),
    contents_words=("indice",),
    about_the_work="Su quest’opera",
    stopwords=("di", "che", "il", "la", "per", "non", "una", "sono", "della", "del", "con", "gli", "le", "nel", "alla"),
)
