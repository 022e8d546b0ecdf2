"""What the reader knows of one language's words, as data: the ``Lexicon`` type and its union.

The archive labels its credits, dates, notes and navigation in every language it holds, and
the header is read before the page's language is known. So each language brings its words in
a ``Lexicon`` of its own, and the engines read with the union of them all (``combine``), or
with one language's words where the language is known.

Fields hold regular-expression fragments (case is ignored) unless they say "words": words are
escaped when a pattern is built. The union keeps each fragment once, in the registry's order,
so the engines try English first as they always have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from publish.model import Role

RoleLabel = tuple[tuple[Role, ...], str]
"""A credit label and the roles it gives the names after it ("Transcription/Markup" -> both)."""

Phrase = tuple[str, str]
"""A word, lower-cased, and a pattern that cannot match without it: the word is looked for
first, so a pattern searched for anywhere in a text is tried only where it may match."""


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """One language's words (or the union of several), compared by identity.

    Identity is what lets the engines compile each lexicon's patterns once per process and
    find them again in a cache at the cost of a pointer's hash.
    """

    languages: tuple[str, ...]
    """Primary BCP 47 subtags; CLDR (Babel) gives their month names and date orders."""

    # --- credit lines ---------------------------------------------------------------------
    roles: tuple[RoleLabel, ...] = ()
    last_updated: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    delivered: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    published_plain: tuple[str, ...] = ()
    """A "published" label that says nothing more than where the text came from."""
    published_joins: tuple[str, ...] = ()
    """Words between a "published" label and what follows it ("in", "on", "en")."""
    rights: tuple[str, ...] = ()
    label_joins: tuple[str, ...] = ()
    """Words: "Transcription and Markup": a label of two parts."""
    credit_by: tuple[str, ...] = ()
    """Words that end a credit label before the names ("Marked up by")."""
    name_ends: tuple[str, ...] = ()
    """Words: what follows the names in a credit ("… for the MIA", "… para el MIA")."""
    name_joins: tuple[str, ...] = ()
    """Words between names ("A and B", "A y B")."""
    articles: tuple[str, ...] = ()
    """Words: "… for the MIA": the article after a name's end word."""
    list_and: tuple[str, ...] = ()
    """Words after the comma before the last name of a list ("A, B, and C")."""
    qualifiers: tuple[str, ...] = ()
    """A credit that says more than who ("Additional transcription", "Revised markup")."""
    the_late: tuple[str, ...] = ()
    """ "the late George Hanna": a name with a word of mourning before it."""
    dedications: tuple[str, ...] = ()
    """ "for the Marxists' Internet Archive": after names, it adds nothing."""

    # --- dates ----------------------------------------------------------------------------
    cldr_variants: tuple[str, ...] = ()
    """CLDR locales read besides ``languages`` ("en_GB" writes "Sept" and "8 June 1917")."""
    free_abbreviations: tuple[str, ...] = ()
    """CLDR locales whose short month names are read with a year alone ("Sept 1919"): short
    names of other languages are ordinary words too often ("ago", "set", "mar"), so they are
    read only between a day and a year."""
    date_joins: tuple[str, ...] = ()
    """Words: between a date's day and month besides CLDR's own literals ("8th of June")."""
    date_glue: tuple[str, ...] = ()
    """Words a credit's date may hold and still say no more than the date ("on 8 June")."""
    date_words: tuple[str, ...] = ()
    """Words a heading may hold and still be a date ("Spring 1919", "early 1920")."""
    ordinal_suffixes: tuple[str, ...] = ()
    """Words: "8th", "1er"."""
    issue_words: tuple[str, ...] = ()
    """Words: "No.1803" is an issue number, not a year."""

    # --- the header -----------------------------------------------------------------------
    byline: tuple[str, ...] = ()
    """What opens a byline before the name ("by", "por", "an interview with")."""
    bare_by: tuple[str, ...] = ()
    """Words: "by" alone on a line, with the name on the next."""
    interview: tuple[str, ...] = ()
    name_particles: tuple[str, ...] = ()
    """Small words inside names ("de", "van", "ibn")."""
    not_names: tuple[str, ...] = ()
    """Words: a line with one of them is no person's name ("Archive", "Obras")."""
    run_on_words: tuple[str, ...] = ()
    """Words: a heading ending in one goes on in the next ("Visita Virtual a la")."""
    chapter_words: tuple[str, ...] = ()
    """What opens a chapter's heading ("Chapter", "Capítulo", "Kafli")."""
    letter_to: tuple[str, ...] = ()
    """Words: "Marx to Kugelmann": a letter's title."""

    # --- site furniture and pages ---------------------------------------------------------
    navigation: tuple[str, ...] = ()
    """Link texts that lead around the site ("Index", "Siguiente", "Zurück")."""
    top_of_page: tuple[str, ...] = ()
    next_previous: tuple[str, ...] = ()
    language_links: tuple[str, ...] = ()
    """Words: beside a language's name, a link to the text in another language ("German original")."""
    archive_names: tuple[str, ...] = ()
    """Last words of a link to a section's index ("Eugen Varga Archive", "… archivo")."""
    page_furniture: tuple[str, ...] = ()
    """Lines of a plain-text rendering that only point elsewhere ("Back to the index")."""
    error_page: tuple[str, ...] = ()
    """Title words of the archive's "not found" page."""
    contents_words: tuple[str, ...] = ()
    """Words: the heading of a contents list."""
    about_the_work: str | None = None
    """The title of an index page's own text when it has none."""

    # --- notes and letters (read by the notes and blocks engines) -------------------------
    notes_headings: tuple[str, ...] = ()
    """A heading over notes ("Notes", "Footnotes", "Notas", "Anmerkungen")."""
    note_owners: tuple[str, ...] = ()
    """Who a notes heading may name ("Translator's notes", "Notas del traductor")."""
    notes_of: tuple[str, ...] = ()
    """Words between a notes heading and its owner ("Notes by the editor", "Notas de la …")."""
    notes_page_names: tuple[str, ...] = ()
    """What a notes page's file name or title says ("endnotes.htm", "notas.htm")."""
    author_owners: tuple[str, ...] = ()
    """Words: an owner of a notes heading that makes its notes the author's own."""
    translator_owners: tuple[str, ...] = ()
    """Words: an owner that makes them the translator's (any other owner makes them an editor's)."""
    translator_note_openings: tuple[str, ...] = ()
    """How a translator's note says whose it is as it opens ("Translator's note:")."""
    editor_note_openings: tuple[str, ...] = ()
    """How an editor's note says so as it opens ("Note by MIA", "In the first edition …")."""
    editor_note_phrases: tuple[Phrase, ...] = ()
    """What an editor's note says anywhere in it ("… only in the 1913 edition")."""
    translator_closing_phrases: tuple[Phrase, ...] = ()
    """What a translator's note says in its signing paragraph ("… appears in English in the original")."""
    translator_signs: tuple[str, ...] = ()
    """A translator's signature closing a note in brackets or after a dash ("– Trans.")."""
    editor_signs: tuple[str, ...] = ()
    """An editor's signature closing a note ("[Ed.]", "– MIA")."""
    editor_sign_ends: tuple[str, ...] = ()
    """The last word of an editor's longer signature ("– Marx-Engels-Lenin Institute.")."""
    edition_words: tuple[str, ...] = ()
    """Words of a bracketed remark closing a note that make it an editor's ("[… edition …]")."""
    back_links: tuple[str, ...] = ()
    """Words: a note's link back up to its call ("back", "top")."""
    note_furniture: tuple[str, ...] = ()
    """What opens a line in the notes that is the page's furniture, not a note ("Last updated")."""
    divisions: tuple[str, ...] = ()
    """Words: a numbered division ("Section 3", "Chapter IV") opening a line of a list, not of a poem."""
    salutations: tuple[str, ...] = ()
    """A letter's opening words ("Dear", "Lieber", "Querido")."""
    addresses: tuple[str, ...] = ()
    """A letter's or speech's opening word on its own ("Comrades!")."""

    # --- language detection ---------------------------------------------------------------
    stopwords: tuple[str, ...] = ()
    """Words: the commonest words of running text, which tell the language."""


def combine(lexicons: Iterable[Lexicon]) -> Lexicon:
    """The union of several lexicons: every fragment once, in the order met.

    Role labels are grouped by the roles they give, groups in the order first met, so a label
    of two roles ("Transcription/Markup") is still tried before the labels of one.
    """
    lexicons = tuple(lexicons)
    values: dict[str, object] = {"languages": _once(language for lexicon in lexicons for language in lexicon.languages)}
    for field in dataclasses.fields(Lexicon):
        if field.name in values:
            continue
        parts = [getattr(lexicon, field.name) for lexicon in lexicons]
        if field.name == "roles":
            values["roles"] = _grouped_roles(lexicons)
        elif field.name == "about_the_work":
            values[field.name] = next((part for part in parts if part is not None), None)
        else:
            values[field.name] = _once(item for part in parts for item in part)
    return Lexicon(**values)  # type: ignore[arg-type]


def _grouped_roles(lexicons: tuple[Lexicon, ...]) -> tuple[RoleLabel, ...]:
    groups: dict[tuple[Role, ...], list[str]] = {}
    for lexicon in lexicons:
        for roles, label in lexicon.roles:
            if label not in groups.setdefault(roles, []):
                groups[roles].append(label)
    return tuple((roles, label) for roles, labels in groups.items() for label in labels)


def _once(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
