"""The generated table of language names (``cldr_languages``) is Babel's CLDR data, exactly:
the names a navigation row's language links are read by are the same with or without it."""

from __future__ import annotations

import pytest
from babel import Locale, UnknownLocaleError

from publish.normalise.html.nav_links import _bare, language_names
from publish.normalise.lexicon import LEXICONS, cldr_languages, combined
from tests.support import assert_generated, modules_loaded
from tools import cldr_tables


def _from_babel(languages: tuple[str, ...]) -> frozenset[str]:
    """``language_names`` as it read Babel before the table."""
    codes = sorted(cldr_tables.archive_codes())
    names: set[str] = set()
    for display in {*languages, *codes}:
        try:
            locale = Locale.parse(display)
        except (UnknownLocaleError, ValueError):
            continue
        shown = codes if display in languages else [display]
        names.update(_bare(name.lower()) for code in shown if (name := locale.languages.get(code)) and " " not in name)
    return frozenset(names)


def test_the_module_is_what_the_generator_writes_from_this_babel() -> None:
    assert_generated(cldr_languages, "languages")


@pytest.mark.parametrize(
    "languages", [combined().languages, *(lexicon.languages for lexicon in LEXICONS.values())], ids=str
)
def test_the_names_are_babels(languages: tuple[str, ...]) -> None:
    assert language_names(languages) == _from_babel(languages)


def test_a_language_outside_the_table_is_named_by_babel() -> None:
    assert language_names(("hu",)) == _from_babel(("hu",))
    assert {"nemet", "angol"} <= language_names(("hu",))  # német, angol: accents left out


def test_reading_language_links_loads_no_babel() -> None:
    script = (
        "from publish.normalise.html.nav_links import is_language_link\n"
        "from publish.normalise.lexicon import combined\n"
        "assert is_language_link('Versión española', combined())\n"
        "assert is_language_link('German Original', combined())\n"
    )
    assert modules_loaded(script, ["babel"]) == []
