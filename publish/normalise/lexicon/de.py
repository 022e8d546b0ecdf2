"""German (``deutsch/``): credit labels, navigation and the words of its headers."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("de",),
    roles=(
        ((Role.TRANSCRIBER,), "transkription"),
        ((Role.MARKUP,), r"html-?bearbeitung"),
        ((Role.TRANSLATOR,), r"übersetz(?:t|ung)"),
        ((Role.PROOFREADER,), "korrektur"),
    ),
    last_updated=(r"zuletzt\s+aktualisiert",),
    written=("geschrieben",),
    source=("quelle",),
    published=("erstveröffentlicht", "veröffentlicht"),
    credit_by=("von",),
    name_ends=("für",),
    name_joins=("und",),
    issue_words=("nr",),
    byline=("von",),
    bare_by=("von",),
    name_particles=("von", "der"),
    run_on_words=("der", "und"),
    language_links=("original", "originaltext", "fassung", "übersetzung", "text", "auf"),
    navigation=("zurück",),
    error_page=("nicht gefunden",),
    contents_words=("inhalt",),
    about_the_work="Zu diesem Werk",
    notes_headings=("fußnoten", "anmerkungen"),
    notes_page_names=(r"(?:end)?noten",),
    salutations=("werter", "lieber", "liebe"),
    stopwords=(
        "der",
        "die",
        "und",
        "das",
        "nicht",
        "den",
        "ist",
        "mit",
        "des",
        "sich",
        "von",
        "auf",
        "für",
        "ein",
        "eine",
    ),
)
