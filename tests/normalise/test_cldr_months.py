"""The generated month table (``cldr_months``) is Babel's CLDR data, exactly, and spares the
reader Babel's locale loading at start."""

from __future__ import annotations

import pytest

from publish.normalise.lexicon import cldr, cldr_months
from tests.support import assert_generated, modules_loaded
from tools import cldr_tables


def test_the_module_is_what_the_generator_writes_from_this_babel() -> None:
    assert_generated(cldr_months, "months")


@pytest.mark.parametrize("locale", cldr_tables.registered_locales())
def test_each_registered_locale_reads_as_babel_says(locale: str) -> None:
    assert locale in cldr_months.LOCALES
    assert cldr.locale_dates(locale) == cldr.from_babel(locale)


def test_a_locale_outside_the_table_is_read_from_babel() -> None:
    assert "hu" not in cldr_months.LOCALES
    hungarian = cldr.locale_dates("hu")
    assert hungarian is not None and hungarian.order.startswith("y")
    assert ("május", 5) in hungarian.wide
    assert cldr.locale_dates("xx_NOWHERE") is None


def test_reading_dates_loads_no_babel_dates() -> None:
    """Babel's ``dates`` module is what reading month names from Babel needs (other parts of
    the reader use Babel's core, which is cheap to import)."""
    script = (
        "from publish.normalise.dates import parse_date\n"
        "assert parse_date('12 de enero de 1926') == '1926-01-12'\n"
        "assert parse_date('7 ноября 1917 г.') == '1917-11-07'\n"
    )
    assert modules_loaded(script, ["babel.dates"]) == []
