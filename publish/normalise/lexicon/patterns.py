"""A lexicon's words as the compiled patterns the reader's engines match with, built once.

Each function is cached on the lexicon (hashed by identity), so the union of every language
is compiled once per process, however many pages are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from publish.normalise.dates import date_reader
from publish.normalise.lexicon.base import Lexicon

_I = re.IGNORECASE


def any_of(fragments: tuple[str, ...]) -> str:
    """Pattern fragments as alternatives; none at all matches nothing."""
    return "|".join(fragments) or "(?!)"


def words(items: tuple[str, ...]) -> str:
    """Plain words as alternatives of a pattern; none at all matches nothing."""
    return "|".join(re.escape(item) for item in items) or "(?!)"


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """The words of a page header: bylines, names, date lines, chapter headings, letters."""

    byline: re.Pattern[str]
    bare_by: frozenset[str]
    joined_line: re.Pattern[str]
    """A line that goes on from the one before ("& Frederick Engels")."""
    interview: re.Pattern[str]
    name_word: re.Pattern[str]
    not_names: frozenset[str]
    run_on_words: frozenset[str]
    date_words: frozenset[str]
    chapter_like: re.Pattern[str]
    letter: re.Pattern[str]


@cache
def header_words(lexicon: Lexicon) -> HeaderWords:
    capital = r"[A-ZÀ-ÞĀ-ŽΑ-ΩА-Я][\w’'.-]*|[A-ZÀ-Þ]\."
    dates = date_reader(lexicon)
    month_words = {word for number in range(1, 13) for word in dates.by_number[number]}
    return HeaderWords(
        byline=re.compile(rf"^(?:{any_of(lexicon.byline)})\s+(?P<name>.+)$", _I),
        bare_by=frozenset(lexicon.bare_by),
        joined_line=re.compile(rf"^(?:&|,|(?:{words(lexicon.label_joins)})\b)", _I),
        interview=re.compile(rf"^(?:{any_of(lexicon.interview)})", _I),
        name_word=re.compile(rf"^(?:{capital}|{any_of(lexicon.name_particles)})$"),
        not_names=frozenset(lexicon.not_names),
        run_on_words=frozenset(lexicon.run_on_words),
        date_words=frozenset({*lexicon.date_words, *month_words, *dates.glue}),
        chapter_like=re.compile(rf"^(?:\d{{1,2}}\s*[.:]\s|{any_of(lexicon.chapter_words)}|[IVXLC]+\b\.?)", _I),
        letter=re.compile(
            rf"^(?P<sender>[^,]{{3,60}}?)\s+(?:{words(lexicon.letter_to)})\s+(?P<recipient>[^,]{{3,80}})"
            r"(?:,\s*(?P<date>.+))?$"
        ),
    )


@dataclass(frozen=True, slots=True)
class FurnitureWords:
    """The words of the site's furniture: navigation, "top of page", error pages, footers."""

    navigation: re.Pattern[str]
    top: re.Pattern[str]
    """A link back up the page, or on to the next or previous one."""
    top_only: re.Pattern[str]
    archive_name: re.Pattern[str]
    error_page: re.Pattern[str]
    page_furniture: re.Pattern[str]
    last_updated: re.Pattern[str]
    """A line that opens with a "Last updated" label."""
    contents_words: frozenset[str]


@cache
def furniture_words(lexicon: Lexicon) -> FurnitureWords:
    top = any_of(lexicon.top_of_page)
    return FurnitureWords(
        navigation=re.compile(rf"^(?:{any_of(lexicon.navigation)})$", _I),
        top=re.compile(rf"^(?:{top}|{any_of(lexicon.next_previous)})$", _I),
        top_only=re.compile(rf"^(?:{top})$", _I),
        archive_name=re.compile(rf"\b(?:{any_of(lexicon.archive_names)})$", _I),
        error_page=re.compile(rf"\b(?:{any_of(lexicon.error_page)})\b", _I),
        page_furniture=re.compile(rf"^(?:{any_of(lexicon.page_furniture)})\.?$", _I),
        last_updated=re.compile(rf"^\s*(?:{any_of(lexicon.last_updated)})", _I),
        contents_words=frozenset(word.casefold() for word in lexicon.contents_words),
    )


@cache
def notes_heading(lexicon: Lexicon) -> re.Pattern[str]:
    """A heading over notes, naming whose they are in ``before`` or ``after`` when it does:
    "Translator's notes", "Notes by the editor", "Notas del traductor", "Footnotes"."""
    owner = any_of(lexicon.note_owners)
    return re.compile(
        rf"^(?:(?P<before>{owner})(?:'?s|s')?\s+)?(?:{any_of(lexicon.notes_headings)})"
        rf"(?:\s+(?:{words(lexicon.notes_of)})\s+(?:(?:{words(lexicon.articles)})\s+)?(?P<after>{owner}))?$",
        _I,
    )


@cache
def salutation(lexicon: Lexicon) -> re.Pattern[str]:
    """A letter's opening line ("My dear Engels,", "Lieber Freund!", "Comrades!")."""
    return re.compile(
        rf"^(?:{any_of(lexicon.salutations)})\b[^.?]{{0,50}}[,:!]?$|^(?:{any_of(lexicon.addresses)})[,:!]$", _I
    )
