"""What the page shells (title page, colophon, nav) show of a document's metadata.

Both backends fill their templates from this one view, so the credits chain reads the same in
an e-book and a pamphlet, and templates stay free of logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publish.model import Metadata, Role

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ROLE_LABELS = {
    Role.EDITOR: "Edited by",
    Role.TRANSLATOR: "Translated by",
    Role.TRANSCRIBER: "Transcribed by",
    Role.MARKUP: "Marked up by",
    Role.PROOFREADER: "Proofread by",
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
    label: str
    names: str


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


def item_view(metadata: Metadata) -> ItemView:
    return ItemView(
        title=metadata.title,
        author=join_names(metadata.authors),
        date=human_date(metadata.date),
        source=_clause(metadata.source),
        credits=_credits(metadata, said=metadata.credits),
    )


def book_view(metadata: Metadata, items: tuple[Metadata, ...] = ()) -> BookView:
    return BookView(
        title=metadata.title,
        subtitle=metadata.subtitle,
        author=join_names(metadata.authors),
        date=human_date(metadata.date),
        standfirst=metadata.standfirst,
        source=_clause(metadata.source),
        credits=_credits(metadata, said=metadata.credits),
        acknowledgements=tuple(_sentence(line) for line in metadata.credits),
        rights=metadata.rights,
        last_updated=human_date(metadata.last_updated),
        origin=metadata.origin if metadata.origin and "://" in metadata.origin else None,
        language=metadata.language,
        items=tuple(item_view(item) for item in items),
    )


_SITE_NAMES = re.compile(r"\bMIA\b|Internet Archive|\bArchive\b|^Marxist Writers", re.IGNORECASE)


def series_name(collection: str | None) -> str | None:
    """A collection that is a series of texts (a column, a correspondence, a volume), not the site."""
    return collection if collection and not _SITE_NAMES.search(collection) else None


def join_names(names: tuple[str, ...]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def human_date(iso: str | None) -> str | None:
    """ "2002-06-08" -> "8 June 2002"; partial dates stay partial."""
    if not iso:
        return None
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS_EN[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def _credits(metadata: Metadata, *, said: tuple[str, ...] = ()) -> tuple[Credit, ...]:
    """The contributors by role, except a role whose every name the archive's own credit
    lines (``said``, printed as they are) already give: "Transcribed: Zodiac and Brian
    Baggins" is not followed by "Transcribed by Zodiac and Brian Baggins"."""
    credits: list[Credit] = []
    for role, label in _ROLE_LABELS.items():
        names = tuple(c.name for c in metadata.contributors if c.role is role)
        if names and not all(any(name in line for line in said) for name in names):
            credits.append(Credit(label=label, names=join_names(names)))
    return tuple(credits)


def _clause(text: str | None) -> str | None:
    """A value without the separator the archive's info block ended it with ("p. 13-30;"):
    the templates end it themselves."""
    return text.rstrip(" ;,.") or None if text else None


def _sentence(line: str) -> str:
    """A credit line as a sentence of its own: "Publisher: Progress Publishers, 1970." not "…1970;"."""
    line = line.rstrip(" ;,")
    return line if line.endswith((".", "!", "?", ")", "]")) else f"{line}."
