"""Month names and date shapes from CLDR (through Babel), never from hand tables.

Reading them from Babel's locale data costs about 0.1 s per process (19 locales), more than
the rest of reading a page, so the registered languages' answers are kept in ``cldr_months``,
a module generated from Babel by ``tools/cldr_tables.py`` (a test regenerates it and
compares, so it cannot drift from Babel); Babel itself answers only for a locale the table lacks.

Each locale gives its wide and abbreviated month names in both contexts: the ``format`` forms
are the genitives a date is written with (Russian "января", Polish "maja", Greek "Μαΐου"), the
``stand-alone`` forms the nominatives of a month named alone ("январь 1917"). Its long date
format gives the order of day, month and year and the words between them (Spanish "de",
Russian "г.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from publish.normalise.lexicon.cldr_months import LOCALES

_Width = Literal["wide", "abbreviated"]
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class LocaleDates:
    """What one locale says about writing dates."""

    wide: tuple[tuple[str, int], ...]
    abbreviated: tuple[tuple[str, int], ...]
    order: str
    """The long date's fields by their first letter: "dMy", "Mdy", "yMd"."""
    literals: tuple[str, ...]
    """The words of the long date besides its fields ("de", "del", "г")."""


def month_key(name: str) -> str:
    """The form a month name is looked up by: lower case, one kind of apostrophe, no final stop.

    Not case folded: folding spells Greek "ΐ" in three characters, which the text does not.
    """
    return " ".join(name.lower().replace("’", "'").rstrip(".").split())


@cache
def locale_dates(locale: str) -> LocaleDates | None:
    """CLDR's dates for a locale ("es", "en_GB"), or None where CLDR has no such locale."""
    if locale in LOCALES:
        row = LOCALES[locale]
        return None if row is None else LocaleDates(*row)
    return from_babel(locale)


def from_babel(locale: str) -> LocaleDates | None:
    """``locale_dates`` as Babel's CLDR data gives it (what ``cldr_months`` was generated from)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format, get_month_names

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return None
    names: dict[_Width, list[tuple[str, int]]] = {"wide": [], "abbreviated": []}
    for width, found in names.items():
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=parsed).items():
                key = month_key(name)
                if key and not any(character.isdigit() for character in key) and (key, number) not in found:
                    found.append((key, number))
    fields, literals = _long_date(get_date_format("long", locale=parsed).pattern)
    return LocaleDates(
        wide=tuple(names["wide"]), abbreviated=tuple(names["abbreviated"]), order=fields, literals=literals
    )


def _long_date(pattern: str) -> tuple[str, tuple[str, ...]]:
    """The order of a CLDR date pattern's day, month and year ("dMy"), and its words."""
    from babel.dates import tokenize_pattern

    order, words = "", []
    for kind, value in tokenize_pattern(pattern):
        if kind == "field" and isinstance(value, tuple) and value[0] in "dMy":
            order += value[0]
        elif kind == "chars" and isinstance(value, str):
            words += [word.lower() for word in _WORD.findall(value)]
    return order, tuple(dict.fromkeys(words))
