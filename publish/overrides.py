"""What the user says of a book over what the reader found: ``--title``, ``--author``, ``--date``,
``--language``.

The reader's metadata is a best guess from the page; the user who knows better must win for
every kind of input (a page, a work, an anthology), and win everywhere the metadata is shown
(title page, navigation, the package's and the PDF's metadata, the cover). So the override is
applied once, to the model, before typography: every backend then reads the same metadata,
and the book's typography follows the language the user gave, not the one the reader guessed.

Values are checked here, before any page is read, so a mistyped date or language is one line
and no work done. Several authors are given by repeating ``--author`` or separating them with
";" in one; "and" is never split on, since "Charles Kerr and Co." is one name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from publish import xmlchars
from publish.errors import PublishError
from publish.isodates import ISO_DATE, first_day
from publish.model import Document


@dataclass(frozen=True, slots=True, kw_only=True)
class Overrides:
    """Metadata the user gave; an empty field leaves the reader's value."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None

    def apply(self, document: Document) -> Document:
        """``document`` with the given fields in place of the reader's."""
        given: dict[str, object] = {}
        if self.title:
            given["title"] = self.title
        if self.authors:
            given["authors"] = self.authors
        if self.date:
            given["date"] = self.date
        if self.language:
            given["language"] = self.language
        if not given:
            return document
        return dataclasses.replace(document, metadata=dataclasses.replace(document.metadata, **given))  # type: ignore[arg-type]


def overrides(
    *, title: str | None, authors: Iterable[str] | None, date_given: str | None, language: str | None
) -> Overrides:
    """The command line's values, checked: one ``PublishError`` naming the option if one is wrong.
    Characters XML forbids (an ESC pasted with a title) go first: every book format is XML."""
    title = xmlchars.clean(title) if title is not None else None
    if title is not None and not title.strip():
        raise PublishError("--title", "is empty: give the book's title")
    return Overrides(
        title=" ".join(title.split()) if title else None,
        authors=split_authors(authors or ()),
        date=check_date(date_given) if date_given is not None else None,
        language=check_language(language) if language is not None else None,
    )


def split_authors(values: Iterable[str]) -> tuple[str, ...]:
    """Each ``--author`` given, each split on ";": "Marx; Engels" is two authors, "A and B" one."""
    given = [xmlchars.clean(value) for value in values]
    names: list[str] = []
    for value in given:
        for part in value.split(";"):
            name = " ".join(part.split())
            if name and name not in names:
                names.append(name)
    if given and not names:
        raise PublishError("--author", "is empty: give a name (several: repeat --author or separate them with ';')")
    return tuple(names)


def check_date(value: str) -> str:
    """An ISO 8601 date of a year, a month or a day ("1917", "1917-11", "1917-11-07") that exists."""
    text = value.strip()
    if ISO_DATE.fullmatch(text) is None:
        raise PublishError(f"--date {value}", "is not a date: give YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1917-11-07)")
    if first_day(text) is None:
        raise PublishError(f"--date {value}", "is no day of the calendar")
    return text


def check_language(value: str) -> str:
    """A BCP 47 tag that CLDR (Babel) knows, written as BCP 47 writes it ("pt_br" -> "pt-BR")."""
    from babel import Locale, UnknownLocaleError

    text = value.strip().replace("_", "-")
    try:
        locale = Locale.parse(text, sep="-")
    except (ValueError, UnknownLocaleError) as error:
        cause = "is not a language CLDR knows: give a BCP 47 tag such as en, de, pt-BR or zh-Hant"
        raise PublishError(f"--language {value}", cause) from error
    parts = [locale.language, locale.script, locale.territory, locale.variant]
    return "-".join(part for part in parts if part)
