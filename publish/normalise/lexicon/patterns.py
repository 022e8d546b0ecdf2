"""A lexicon's words as the compiled patterns the reader's engines match with, built once.

Each function is cached on the lexicon (hashed by identity), so the union of every language
is compiled once per process, however many pages are read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from publish.model import NoteKind
from publish.normalise.dates import date_reader
from publish.normalise.lexicon.base import Lexicon, Phrase

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


KindRule = tuple[re.Pattern[str], NoteKind, str | None]
"""A pattern, the kind of note it tells, and a lower-cased word to look for first (or None)."""


@dataclass(frozen=True, slots=True)
class NoteWords:
    """The words of notes: whose a note is, what frames notes, what names a notes page."""

    owners: Mapping[str, NoteKind]
    """A notes heading's owner (lower-cased) -> the kind it gives; any other owner is an editor."""
    opening: tuple[KindRule, ...]
    """Tried in order on a note's whole text: the first that matches tells its kind."""
    closing: tuple[KindRule, ...]
    """Tried in order on a note's signing paragraph."""
    back_link: re.Pattern[str]
    furniture: re.Pattern[str]
    """A block among the notes that is the page's furniture ("Last updated …", "Top of page")."""
    page_name: re.Pattern[str]
    """Searched in a page's file name and title: a page of notes says so."""


@cache
def note_words(lexicon: Lexicon) -> NoteWords:
    translator, editor = NoteKind.TRANSLATOR, NoteKind.EDITOR
    owners = dict.fromkeys((word.lower() for word in lexicon.author_owners), NoteKind.AUTHOR)
    owners |= dict.fromkeys((word.lower() for word in lexicon.translator_owners), translator)
    sign_end = r"\.?\s*[\])]?\.?$"
    return NoteWords(
        owners=MappingProxyType(owners),
        opening=(
            (re.compile(rf"^\W*(?:{any_of(lexicon.translator_note_openings)})", _I), translator, None),
            (re.compile(rf"^\W*(?:{any_of(lexicon.editor_note_openings)})", _I), editor, None),
            *_phrases(lexicon.editor_note_phrases, editor),
        ),
        closing=(
            (re.compile(rf"[\[(–—-]\s*(?:{any_of(lexicon.translator_signs)}){sign_end}", _I), translator, None),
            *_phrases(lexicon.translator_closing_phrases, translator),
            (re.compile(rf"[\[(–—-]\s*(?:{any_of(lexicon.editor_signs)}){sign_end}", _I), editor, None),
            (
                re.compile(rf"[\[(–—-][^\[\]()–—]{{0,40}}\b(?:{any_of(lexicon.editor_sign_ends)}){sign_end}", _I),
                editor,
                None,
            ),
            (re.compile(rf"\[[^\[\]]{{0,60}}\b(?:{any_of(lexicon.edition_words)})[^\[\]]*\]\.?$", _I), editor, None),
        ),
        back_link=re.compile(rf"^(?:\W*(?:{words(lexicon.back_links)})\W*|[^\w\s*†‡§¶]+)$", _I),
        furniture=re.compile(rf"^(?:{any_of(lexicon.note_furniture)})", _I),
        page_name=re.compile(rf"(?:^|[^a-z])(?:{any_of(lexicon.notes_page_names)})(?:[^a-z]|$)", _I),
    )


def _phrases(phrases: tuple[Phrase, ...], kind: NoteKind) -> tuple[KindRule, ...]:
    return tuple((re.compile(pattern, _I), kind, word) for word, pattern in phrases)


@cache
def enumerated(lexicon: Lexicon) -> re.Pattern[str]:
    """A line that opens with a number or a numbered division ("3.", "(b)", "Chapter IV"): a list's."""
    return re.compile(rf"^(?:\(?\d{{1,3}}[.):]|\(?[a-zA-Z][.)]|[IVXLC]+\.|(?:{words(lexicon.divisions)})\s+\w+)\s", _I)
