"""French (``francais/``): credit labels, navigation and the words of its headers."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("fr",),
    roles=(((Role.TRANSLATOR,), r"tradu(?:ction|it|ite)"),),
    written=("écrit",),
    published=(r"première\s+publication", "publié"),
    published_joins=("en",),
    name_joins=("et",),
    ordinal_suffixes=("er",),
    issue_words=("n°",),
    byline=("par",),
    bare_by=("par",),
    name_particles=("le", "du", "la", "de"),
    run_on_words=("du", "des"),
    language_links=("original", "originale", "version", "traduction", "texte", "en"),
    navigation=("retour",),
    error_page=("introuvable",),
    contents_words=("sommaire",),
    about_the_work="À propos de cette œuvre",
    notes_of=("des",),
    salutations=("cher", "chère"),
    stopwords=(
        "de",
        "la",
        "le",
        "les",
        "des",
        "et",
        "est",
        "que",
        "une",
        "pour",
        "dans",
        "qui",
        "pas",
        "par",
        "sur",
        "au",
    ),
)
