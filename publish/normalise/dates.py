"""Human dates in archive headers ("8 June 2002", "June 8, 1917", "12 de enero de 1926",
"7 ноября 1917 г.", "13.11.2003") to ISO 8601.

The result may be partial ("1919", "1980-04") because the archive often knows no more, and a
made-up day would be a lie in the colophon. Month names, their genitives and the order of a
date's parts come from CLDR for each language of the lexicon read with (``lexicon.cldr``).
A month name is read only where a date's shape surrounds it: a day and a year, or a year; the
short names of most languages ("ago", "set", "mar") only between a day and a year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.cldr import locale_dates, month_key

_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_WORD = re.compile(r"[^\W\d_]+")
_ANY_YEAR = re.compile(_YEAR)  # starts with a digit, so searched for quickly, unlike the patterns' \b


@dataclass(frozen=True, slots=True)
class DateReader:
    """A lexicon's dates, compiled once: its month table, date shapes and words."""

    months: Mapping[str, int]
    """Every month name (lower case) of the lexicon's languages."""
    patterns: tuple[re.Pattern[str], ...]
    """Date shapes, the most precise first."""
    by_number: Mapping[int, frozenset[str]]
    """The names of each month, 1 to 12."""
    glue: frozenset[str]
    """Words a date may hold besides its numbers and month ("of", "de", "г", "th")."""
    ordinal: re.Pattern[str]
    issue_number: re.Pattern[str]


def parse_date(text: str, lexicon: Lexicon | None = None) -> str | None:
    """The most precise date in ``text`` as a (possibly partial) ISO string, or None if it has none.

    Precision beats position: in "No.1803, 8 June 2002" the day wins over a bare number.
    """
    if _ANY_YEAR.search(text) is None:
        return None  # every pattern holds a year: most lines have none, and this says so at once
    reader = date_reader(resolve(lexicon))
    for pattern in reader.patterns:
        for match in pattern.finditer(text):
            iso = _iso(match.groupdict(), reader.months)
            if iso is not None and not reader.issue_number.search(text[max(0, match.start() - 5) : match.start()]):
                return iso
    return None


def stated_date(text: str, lexicon: Lexicon | None = None) -> str | None:
    """The date ``text`` states, no more precise than it is: a line naming two months ("April or
    early May, 1875", "July/August 1988") states only their year, not the last month named."""
    iso = parse_date(text, lexicon)
    if iso is None or len(iso) == 4:
        return iso
    reader = date_reader(resolve(lexicon))
    named = {number for word in _WORD.findall(text) if (number := reader.months.get(month_key(word)))}
    return iso[:4] if len(named) > 1 else iso


def is_date_line(text: str, lexicon: Lexicon | None = None) -> bool:
    """A line that is a date and nothing else, with or without its year: "February 10th.",
    "10 février", "(8 June 2002)". Such a line dates a text; it is never its subtitle."""
    reader = date_reader(resolve(lexicon))
    words = re.findall(r"[^\W_]+", text)
    months = [word for word in words if month_key(word) in reader.months]
    days = [word for word in words if (found := reader.ordinal.match(word)) and 1 <= int(found.group(1)) <= 31]
    days += [word for word in words if word.isdigit() and 1 <= int(word) <= 31]
    known = {*months, *days, *(word for word in words if word.isdigit() and _ANY_YEAR.fullmatch(word))}
    rest = [word for word in words if word not in known and word.lower() not in reader.glue]
    return len(months) == 1 and len(days) == 1 and not rest


def consistent_refinement(candidates: list[str | None]) -> str | None:
    """The first candidate, made as precise as the later ones that agree with it.

    "(1929)" over "Written: 11 July 1929" is 1929-07-11; a later candidate that disagrees
    ("1928-05" under "1929") is evidence of nothing here, and the first stays as it is.
    """
    found = [candidate for candidate in candidates if candidate]
    if not found:
        return None
    date = found[0]
    for candidate in found[1:]:
        if len(candidate) > len(date) and candidate.startswith(date + "-"):
            date = candidate
    return date


def month_names(number: int, lexicon: Lexicon | None = None) -> frozenset[str]:
    """Every name (lower case) of a month in the lexicon's languages: 5 -> "may", "mai", "мая" …"""
    return date_reader(resolve(lexicon)).by_number[number]


@cache
def date_reader(lexicon: Lexicon) -> DateReader:
    """The lexicon's dates, built once per lexicon (a lexicon is hashed by identity)."""
    found = [
        (locale, dates)
        for locale in (*lexicon.languages, *lexicon.cldr_variants)
        if (dates := locale_dates(locale)) is not None
    ]
    every = _table([name for _, dates in found for name in (*dates.wide, *dates.abbreviated)])
    free_names = {name for _, dates in found for name, _ in dates.wide} | {
        name for locale, dates in found if locale in lexicon.free_abbreviations for name, _ in dates.abbreviated
    }
    literals = tuple(word for _, dates in found for word in dates.literals)
    year_first = any(dates.order.startswith("y") for _, dates in found)
    shapes = _shapes(lexicon, every, {name: every[name] for name in every if name in free_names}, literals, year_first)
    suffixes = _alternation(lexicon.ordinal_suffixes)
    return DateReader(
        months=MappingProxyType(every),
        by_number=MappingProxyType({number: _spellings(every, number) for number in range(1, 13)}),
        patterns=tuple(re.compile(shape, re.IGNORECASE) for shape in shapes),
        glue=frozenset(word.lower() for word in (*lexicon.date_joins, *literals, *lexicon.ordinal_suffixes)),
        ordinal=re.compile(rf"^(\d+)(?:{suffixes})$", re.IGNORECASE),
        issue_number=re.compile(rf"\b(?:{_alternation(lexicon.issue_words)})\.?\s*$", re.IGNORECASE),
    )


def _shapes(
    lexicon: Lexicon, every: Mapping[str, int], free: Mapping[str, int], literals: tuple[str, ...], year_first: bool
) -> list[str]:
    """The date shapes, the most precise first: ISO; day, month, year ("8 June 2002", "12 de
    enero de 1926"); month, day, year; year, month, day where CLDR writes the year first
    (Hungarian "1918. május 5."); numbers; month and year; a year alone."""
    day = rf"(?P<day>[0-3]?\d)(?:{_alternation(lexicon.ordinal_suffixes)})?"
    any_month, free_month = _month(every), _month(free)
    before_month = rf"(?:(?:{_alternation((*lexicon.date_joins, *literals))})\s+)?"
    before_year = rf"(?:(?:{_alternation(literals)})\s+)?"
    return [
        rf"\b{_YEAR}-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?\b",
        rf"\b{day}\.?\s+{before_month}{any_month},?\s+{before_year}{_YEAR}\b",
        rf"\b{free_month}\s+{day},?\s+{_YEAR}\b",
        *([rf"\b{_YEAR}\.?\s+{any_month}\s+(?P<day>[0-3]?\d)\b"] if year_first else []),
        rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b",
        rf"\b{free_month},?\s+{before_year}{_YEAR}\b",
        rf"\b{_YEAR}\b",
    ]


def _table(names: list[tuple[str, int]]) -> dict[str, int]:
    """Names to month numbers; a name that is one month in one language and another in
    another (none among CLDR's for the registered languages, but Polish and Croatian
    "listopad" would be) is no evidence of either, and is left out."""
    table: dict[str, int] = {}
    clashes: set[str] = set()
    for name, number in names:
        if table.setdefault(name, number) != number:
            clashes.add(name)
    return {name: number for name, number in table.items() if name not in clashes}


def _spellings(table: Mapping[str, int], number: int) -> frozenset[str]:
    """A month's names and their words: Catalan "d'octubre" is read as the words "d", "octubre"."""
    names = [name for name, named in table.items() if named == number]
    return frozenset({*names, *(word for name in names for word in _WORD.findall(name))})


def _month(table: Mapping[str, int]) -> str:
    """The month group of a pattern: the longest names first, so "sept" is not read as "sep"."""
    names = sorted(table, key=len, reverse=True)
    spelled = [re.escape(name).replace("'", "['’]").replace(r"\ ", r"\s+") for name in names]
    return "(?P<month>" + ("|".join(spelled) or "(?!)") + r")\." + "?"  # no names: no month


def _alternation(words: tuple[str, ...]) -> str:
    """Words as alternatives of a pattern; none at all matches nothing."""
    return "|".join(re.escape(word) for word in words) or "(?!)"


def _iso(parts: dict[str, str | None], months: Mapping[str, int]) -> str | None:
    year = parts["year"]
    assert year is not None
    month_text = parts.get("month")
    if month_text is None:
        return year
    month = int(month_text) if month_text.isdigit() else months.get(month_key(month_text), 0)
    if not 1 <= month <= 12:  # 0: a spelling the pattern's case folding allows and the table lacks
        return None
    day_text = parts.get("day")
    if day_text is None:
        return f"{year}-{month:02d}"
    day = int(day_text)
    if not 1 <= day <= 31:
        return None
    return f"{year}-{month:02d}-{day:02d}"


MONTHS: Mapping[str, int] = date_reader(resolve(None)).months
"""Every month name the reader knows (lower case), in every registered language: the one table."""
