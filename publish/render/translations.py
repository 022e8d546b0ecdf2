"""The book's own words in the book's language: gettext catalogues, and CLDR for lists and dates.

What the archive wrote is printed as it stands; what the book adds around it ("About this
text", "Contents", "Translated by …", the landmarks, the accessibility summary) is looked up
in ``publish/locale/<language>/LC_MESSAGES/publish.po``, so that a Spanish book does not say
"by" and "and". Lists of names and dates are not catalogue entries: CLDR (through Babel)
knows each language's "A, B y C" and "8 de junio de 2002", for every language the archive has
(for the common ones, from a table generated from it: ``cldr_table``).

English is the fallback, for any language without a catalogue and for any entry a catalogue
lacks: the msgids are the English text. Catalogues are compiled to ``.mo`` at build time (the
Makefile, the wheel's build hook); a bare source checkout has only the ``.po`` files, and those
are read directly (Babel's ``read_po``) rather than the book falling back to English.

To add a language: ``pybabel init -i publish/locale/publish.pot -d publish/locale -D publish -l xx``,
translate, ``make`` (or ``pybabel compile -d publish/locale -D publish``); see the README.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from publish.isodates import first_day
from publish.render.cldr_table import book_words

if TYPE_CHECKING:
    from babel import Locale

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "publish"
_ENGLISH = "en_GB"  # the project's English: "8 June 2002", "A, B and C"


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Marks a message for extraction (``pybabel extract``) where it is defined, not translated."""
    return message


def catalogue_codes(language: str) -> Iterator[str]:
    """Catalogue names to try for a BCP 47 tag, most specific first: "pt-BR" -> "pt_BR", "pt"."""
    parts = language.strip().replace("_", "-").split("-")
    if len(parts) > 1:
        yield f"{parts[0].lower()}_{parts[-1].upper() if len(parts[-1]) == 2 else parts[-1].title()}"
    yield parts[0].lower()


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue for a book in ``language``; gettext on it returns the English msgid for
    any message it lacks (and for a language with no catalogue at all)."""
    for code in catalogue_codes(language):
        folder = LOCALE_DIR / code / "LC_MESSAGES"
        compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
            with compiled.open("rb") as data:
                return gettext.GNUTranslations(data)
        if source.is_file():
            return compile_po(source)
    return gettext.NullTranslations()


def compile_po(path: Path) -> gettext.GNUTranslations:
    """A ``.po`` file as gettext reads it, compiled in memory (fuzzy entries left out, as
    ``pybabel compile`` leaves them out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    data = BytesIO()
    write_mo(data, catalog)
    data.seek(0)
    return gettext.GNUTranslations(data)


@cache
def cldr_locale(language: str) -> Locale:
    """The CLDR locale for a BCP 47 tag: "es-PE" is Peruvian Spanish, an unknown tag is "es"'s
    or, failing that, British English (plain "en" too: the project writes British English)."""
    from babel import Locale, UnknownLocaleError

    tag = language.strip().replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        if candidate.lower() in {"", "en"}:
            break
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(_ENGLISH)


def join_names(names: tuple[str, ...] | list[str], language: str) -> str:
    """ "A, B and C" as the language writes it ("A, B y C", "A, B og C", "A、B和C")."""
    if not names:
        return ""
    if (words := book_words(language)) is not None:
        return words.join(list(names))
    from babel.lists import format_list

    return format_list(list(names), locale=cldr_locale(language))


def human_date(iso: str | None, language: str) -> str | None:
    """An ISO 8601 date as the language writes it; partial dates stay partial: "1919" is the
    year, "1980-04" the month and year ("abril de 1980"), "2002-06-08" the long date."""
    if not iso:
        return None
    parts = iso.split("-")
    if (day := first_day(iso)) is None:
        return iso  # not an ISO date after all: as the archive gave it
    if len(parts) == 1:
        return parts[0]
    if (words := book_words(language)) is not None:
        return words.date(day, words.month_year if len(parts) == 2 else words.long_date)
    from babel.dates import format_date, format_skeleton

    locale = cldr_locale(language)
    if len(parts) == 2:
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, format="long", locale=locale)
