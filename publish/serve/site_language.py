"""The language the site speaks to a visitor: the first of their browser's languages that the
project has a catalogue for, English otherwise.

The site's own words (buttons, headings, the basket's form) come from the same gettext
catalogues as the words a book adds (``publish/locale``), so a language added for the books
is a language the site speaks. The texts themselves keep their own language (their ``lang``).
Names of languages, and lists of authors, are CLDR's in the visitor's language (Babel).

``Accept-Language`` is the visitor's to write, so what is read of it is bounded: its first
``MAX_HEADER`` characters, and a bounded memory of headers already negotiated (the same few
come again and again, and the kept pages are answered per language before any routing).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cache, lru_cache

from publish.render.translations import DOMAIN, LOCALE_DIR, catalogue_codes

DEFAULT = "en"
MAX_HEADER = 200
MAX_REMEMBERED = 512


@cache
def site_languages() -> frozenset[str]:
    """The catalogues there are (``de``, ``pt_BR``…), and English, whose words are the msgids."""
    found = {folder.name for folder in LOCALE_DIR.iterdir() if (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()}
    return frozenset({DEFAULT, *found})


_remembered: dict[str, str] = {}
_lock = threading.Lock()


def negotiate(header: str | None) -> str:
    """The site's language for an ``Accept-Language`` header (``"ru, en;q=0.8"`` -> ``ru``)."""
    if not header:
        return DEFAULT
    header = header[:MAX_HEADER]
    found = _remembered.get(header)
    if found is None:
        found = _negotiated(header)
        with _lock:
            if len(_remembered) >= MAX_REMEMBERED:
                _remembered.clear()
            _remembered[header] = found
    return found


def _negotiated(header: str) -> str:
    wanted: list[tuple[float, int, str]] = []
    for place, item in enumerate(header.split(",")):
        tag, _, parameters = item.strip().partition(";")
        quality = 1.0
        name, _, value = parameters.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            wanted.append((-quality, place, tag))
    available = site_languages()
    for _, _, tag in sorted(wanted):
        for code in catalogue_codes(tag):
            if code in available:
                return code
    return DEFAULT


@lru_cache(maxsize=4096)
def language_name(tag: str, language: str) -> str:
    """A language's name in the site's language, from CLDR ("de" in Russian: "немецкий"), or
    the tag itself for one CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(Locale.parse(language))
    except (ValueError, TypeError, UnknownLocaleError):
        return tag
    return name or tag


@lru_cache(maxsize=4096)
def _names(names: tuple[str, ...], language: str) -> str:
    from babel.lists import format_list

    return format_list(list(names), locale=language)


def names(people: Sequence[str], language: str) -> str:
    """Authors' names as a list in the site's language ("A, B y C")."""
    return _names(tuple(people), language) if people else ""
