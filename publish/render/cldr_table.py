"""Dates and lists of names as CLDR writes them, for the common book languages, without Babel.

Babel loads a locale's whole CLDR data (several pickles, 0.02-0.06 s) to write one date and
one list of names in a colophon: a large share of a one-off ``publish epub``. The few patterns
and month names a book needs, for the languages books are mostly in, are kept in
``cldr_book`` (generated from Babel by ``tools/cldr_tables.py``; a test regenerates it and checks
every entry writes what Babel writes); any other language is left to Babel.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from publish.render.cldr_book import BOOK_WORDS

Token = str | tuple[str, int]
"""Literal text, or a date field: its letter and width, as in the CLDR pattern ("MMMM": ("M", 4))."""


@dataclass(frozen=True, slots=True)
class BookWords:
    """One language's long date, month-and-year date, month names and list patterns."""

    long_date: tuple[Token, ...]
    month_year: tuple[Token, ...]
    months: dict[str, tuple[str, ...]]
    """Month names by field and width ("M3": abbreviated format names, "L4": wide stand-alone)."""
    lists: tuple[str, str, str, str]
    """The list patterns "2", "start", "middle" and "end" ("{0} and {1}")."""

    def date(self, day: datetime.date, pattern: tuple[Token, ...]) -> str:
        return "".join(token if isinstance(token, str) else self._field(day, *token) for token in pattern)

    def _field(self, day: datetime.date, letter: str, width: int) -> str:
        if letter == "d":
            return f"{day.day:0{width}d}"
        if letter == "y":
            year = f"{day.year:0{width}d}"
            return year[-2:] if width == 2 else year
        if width <= 2:
            return f"{day.month:0{width}d}"
        return self.months[f"{letter}{width}"][day.month - 1]

    def join(self, names: list[str]) -> str:
        pair, start, middle, end = self.lists
        if len(names) < 2:
            return names[0] if names else ""
        if len(names) == 2:
            return pair.format(*names)
        result = start.format(names[0], names[1])
        for name in names[2:-1]:
            result = middle.format(result, name)
        return end.format(result, names[-1])


FIELDS = frozenset({"d", "y", "M", "L"})
"""The date fields ``BookWords`` writes; a language whose patterns use others is left to Babel."""


def book_words(language: str) -> BookWords | None:
    """The table's words for a plain language tag ("es", "en", "RU"), or None (ask Babel)."""
    row = BOOK_WORDS.get(language.strip().lower())
    if row is None:
        return None
    long_date, month_year, months, lists = row
    return BookWords(long_date, month_year, months, lists)
