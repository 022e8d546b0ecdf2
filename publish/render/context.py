"""What the page shells (title page, colophon, nav) show of a document's metadata.

Both backends fill their templates from this one view, so the credits chain reads the same in
an e-book and a pamphlet, and templates stay free of logic. Every word the view adds (role
credits, dates, "A, B and C", "this edition is partial") is in the book's language (see
``translations``); what the archive wrote stays as it wrote it.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass

from publish.model import Metadata, Role
from publish.outline import Entry
from publish.render.body import plain_title
from publish.render.translations import N_, human_date, join_names, translations

_ROLE_CREDITS = {
    Role.EDITOR: N_("Edited by %(names)s."),
    Role.TRANSLATOR: N_("Translated by %(names)s."),
    Role.TRANSCRIBER: N_("Transcribed by %(names)s."),
    Role.MARKUP: N_("Marked up by %(names)s."),
    Role.PROOFREADER: N_("Proofread by %(names)s."),
}
# MARC relator codes for the OPF's contributor refinements.
MARC_RELATORS = {
    Role.EDITOR: "edt",
    Role.TRANSLATOR: "trl",
    Role.TRANSCRIBER: "trc",
    Role.MARKUP: "mrk",
    Role.PROOFREADER: "pfr",
}


@dataclass(frozen=True, slots=True)
class Credit:
    """A role's contributors as the colophon prints them: ``text`` is the whole sentence."""

    role: Role
    names: str
    text: str


@dataclass(frozen=True, slots=True)
class ItemView:
    """One text of an anthology, with its own author, date and source."""

    title: str
    author: str
    date: str | None
    source: str | None
    credits: tuple[Credit, ...]

    @property
    def byline(self) -> str:
        return ", ".join(part for part in (self.author, self.date) if part)


@dataclass(frozen=True, slots=True)
class BookView:
    title: str
    subtitle: str | None
    author: str
    date: str | None
    standfirst: str | None
    source: str | None
    credits: tuple[Credit, ...]
    acknowledgements: tuple[str, ...]
    rights: str | None
    last_updated: str | None
    origin: str | None
    language: str
    items: tuple[ItemView, ...] = ()
    partial: str | None = None
    """What a partial work lacks, as a sentence in the book's language (None: nothing)."""


@dataclass(frozen=True, slots=True)
class ContentsLine:
    """A line of a printed contents page: the title, and the id whose page it prints."""

    id: str
    title: str
    children: tuple[ContentsLine, ...] = ()


CONTENTS_DEPTH = 2
"""Levels a printed contents page lists: chapters and their sections (the bookmarks go deeper)."""


def contents_lines(entries: tuple[Entry, ...], depth: int = CONTENTS_DEPTH) -> tuple[ContentsLine, ...]:
    """The outline (the bookmarks' own, ``publish.outline``) as a contents page lists it,
    ``depth`` levels deep; the titles as plain words (a note called in a title is not listed).
    A lone section under a title is not listed: it divides nothing ("Part I", then "I" on the
    same page, is one line twice)."""
    if depth < 1:
        return ()
    lines = tuple(
        ContentsLine(id=entry.id, title=title, children=contents_lines(entry.children, depth - 1))
        for entry in entries
        if (title := plain_title(entry.title))
    )
    return lines if len(lines) > 1 else ()


def item_view(metadata: Metadata) -> ItemView:
    language = metadata.language
    return ItemView(
        title=metadata.title,
        author=join_names(metadata.authors, language),
        date=human_date(metadata.date, language),
        source=_clause(metadata.source),
        credits=_credits(metadata, said=metadata.credits),
    )


def book_view(metadata: Metadata, items: tuple[Metadata, ...] = ()) -> BookView:
    language = metadata.language
    return BookView(
        title=metadata.title,
        subtitle=metadata.subtitle,
        author=join_names(metadata.authors, language),
        date=human_date(metadata.date, language),
        standfirst=metadata.standfirst,
        source=_clause(metadata.source),
        credits=_credits(metadata, said=metadata.credits),
        acknowledgements=tuple(_sentence(line) for line in metadata.credits),
        rights=metadata.rights,
        last_updated=human_date(metadata.last_updated, language),
        origin=metadata.origin if metadata.origin and "://" in metadata.origin else None,
        language=language,
        items=tuple(item_view(item) for item in items),
        partial=partial_note(metadata, translations(language)),
    )


def partial_note(metadata: Metadata, words: gettext.NullTranslations) -> str | None:
    """ "This edition is partial: …", counting the pages that could not be read and the parts
    not transcribed (a work's index lists forty of them: names would be a page of their own)."""
    gaps: list[str] = []
    if pages := len(metadata.missing_pages):
        gaps.append(
            words.ngettext(
                "%(count)d linked page of the work could not be read",
                "%(count)d linked pages of the work could not be read",
                pages,
            )
            % {"count": pages}
        )
    if parts := len(metadata.untranscribed_parts):
        gaps.append(
            words.ngettext(
                "%(count)d part in its contents is not transcribed",
                "%(count)d parts in its contents are not transcribed",
                parts,
            )
            % {"count": parts}
        )
    if not gaps:
        return None
    return words.gettext("This edition is partial: %(gaps)s.") % {"gaps": join_names(gaps, metadata.language)}


_SITE_NAMES = re.compile(r"\bMIA\b|Internet Archive|\bArchive\b|^Marxist Writers", re.IGNORECASE)


def series_name(collection: str | None) -> str | None:
    """A collection that is a series of texts (a column, a correspondence, a volume), not the site."""
    return collection if collection and not _SITE_NAMES.search(collection) else None


def _credits(metadata: Metadata, *, said: tuple[str, ...] = ()) -> tuple[Credit, ...]:
    """The contributors by role, except a role whose every name the archive's own credit
    lines (``said``, printed as they are) already credit: "Transcribed: Zodiac and Brian
    Baggins" is not followed by "Transcribed by Zodiac and Brian Baggins"."""
    words = translations(metadata.language)
    credits: list[Credit] = []
    for role, sentence in _ROLE_CREDITS.items():
        names = tuple(c.name for c in metadata.contributors if role in c.roles)
        if names and not all(any(_credits_name(line, name, names) for line in said) for name in names):
            joined = join_names(names, metadata.language)
            credits.append(Credit(role=role, names=joined, text=words.gettext(sentence) % {"names": joined}))
    return tuple(credits)


def _credits_name(line: str, name: str, fellows: tuple[str, ...]) -> bool:
    """Whether ``line`` names ``name`` as a person, not as the head of a longer name.

    A name runs on into a longer one when a capitalised word follows it, directly or after a
    small word ("Charles Kerr and Co.", "Pedro Ruiz e Hijos": firms, which credit no
    translator), unless that word begins another name of the same role ("Zodiac and Brian
    Baggins"). Punctuation ("Chris Clayton (July 2006)") or small words ("… for the Marxists'
    Internet Archive") after the name leave it a person's.
    """
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", line):
        words = line[match.end() :].split(maxsplit=2)
        if not words or (not words[0][0].isalpha() and words[0] != "&"):
            return True
        if words[0][0].isupper():
            continue
        following = " ".join(words[1:])
        if not following[:1].isupper() or any(following.startswith(f) for f in fellows if f != name):
            return True
    return False


def _clause(text: str | None) -> str | None:
    """A value without the separator the archive's info block ended it with ("p. 13-30;"):
    the templates end it themselves."""
    return text.rstrip(" ;,.") or None if text else None


def _sentence(line: str) -> str:
    """A credit line as a sentence of its own: "Publisher: Progress Publishers, 1970." not "…1970;"."""
    line = line.rstrip(" ;,")
    return line if line.endswith((".", "!", "?", ")", "]")) else f"{line}."
