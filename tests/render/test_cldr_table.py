"""The generated table of book dates and lists (``cldr_book``) writes exactly what Babel writes,
for every language in it, and spares a book in those languages Babel's locale data."""

from __future__ import annotations

import datetime

import pytest
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from publish.render import cldr_book
from publish.render.cldr_table import book_words
from publish.render.translations import cldr_locale, human_date, join_names
from tests.support import assert_generated, modules_loaded

_DAYS = [datetime.date(year, month, day) for year in (1848, 1917, 2002) for month in range(1, 13) for day in (1, 9, 28)]
_NAMES = ["Rosa Luxemburg", "Karl Liebknecht", "Clara Zetkin", "Leo Jogiches", "Franz Mehring"]


def test_the_module_is_what_the_generator_writes_from_this_babel() -> None:
    assert_generated(cldr_book, "book")


def test_the_table_holds_the_catalogue_languages() -> None:
    assert {"en", "es", "de", "fr", "ru", "zh"} <= set(cldr_book.BOOK_WORDS)


@pytest.mark.parametrize("language", sorted(cldr_book.BOOK_WORDS))
def test_each_language_writes_dates_as_babel_does(language: str) -> None:
    locale = cldr_locale(language)
    assert book_words(language) is not None
    for day in _DAYS:
        assert human_date(day.isoformat(), language) == format_date(day, format="long", locale=locale)
        assert human_date(day.isoformat()[:7], language) == format_skeleton("yMMMM", day, locale=locale)
        assert human_date(day.isoformat()[:4], language) == str(day.year)


@pytest.mark.parametrize("language", sorted(cldr_book.BOOK_WORDS))
def test_each_language_joins_names_as_babel_does(language: str) -> None:
    locale = cldr_locale(language)
    for count in range(1, len(_NAMES) + 1):
        assert join_names(_NAMES[:count], language) == format_list(_NAMES[:count], locale=locale)
    assert join_names((), language) == ""


@pytest.mark.parametrize("language", ["hu", "pt-BR", "en-US", "sr-Latn", "ES"])
def test_other_tags_are_written_by_babel_or_the_same_table_entry(language: str) -> None:
    locale = cldr_locale(language)
    day = datetime.date(1918, 5, 5)
    assert human_date("1918-05-05", language) == format_date(day, format="long", locale=locale)
    assert human_date("1918-05", language) == format_skeleton("yMMMM", day, locale=locale)
    assert join_names(_NAMES[:3], language) == format_list(_NAMES[:3], locale=locale)


def test_an_english_colophon_loads_no_babel_dates_or_lists() -> None:
    script = (
        "from publish.render.translations import human_date, join_names\n"
        "assert human_date('2002-06-08', 'en') == '8 June 2002'\n"
        "assert join_names(('A', 'B', 'C'), 'es') == 'A, B y C'\n"
    )
    assert modules_loaded(script, ["babel.dates", "babel.lists"]) == []
