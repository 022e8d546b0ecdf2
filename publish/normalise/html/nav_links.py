"""What one link of a row says about the row: it leads around the site, up a trail, or nowhere.

A row of links is the archive's navigation when every link in it is one of these, whatever
the language: a navigation word or a site's name ("Index", "Siguiente", "Marxists Internet
Archive"), a file format ("[pdf]" to ``ch07.pdf``), another language's edition ("[German
Original]", "Version française": language names from CLDR), a section's name on a link up the
trail to an index page ("Greek Civil War" to ``../index.htm``), or a chapter's label beside
them ("Chapter 7 / Index"). The last two only count beside one of the first three; a language's
name alone ("English") only beside another.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from enum import Enum
from functools import cache

from publish.normalise.language import FOLDERS
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.cldr_languages import CODES, NAMES, OWN
from publish.normalise.lexicon.patterns import any_of, furniture_words, words
from publish.urls import split, unquote

_UP_TO_INDEX = re.compile(r"^(?:\./)?(?:(?:\.\./)+(?:index\.html?)?|index\.html?)$", re.IGNORECASE)
_NUMERAL = r"(?:\d{1,3}|[ivxlcdm]{1,7})"
_WORD = re.compile(r"[^\W\d_]+")
_INFLECTION = 2  # "française" is "français" and two letters; "Deutsche" is "Deutsch" and one


class LinkKind(Enum):
    NAVIGATION = "navigation"
    """A navigation word, a site's name, a format or another language's edition."""
    TRAIL = "trail"
    """A section's name on a link up to an index page."""
    LABEL = "label"
    """A chapter's label ("Chapter 7")."""
    LANGUAGE = "language"
    """A language's name alone ("English", "Deutsch"): a country ("Albania") may be spelt the same."""


def link_kind(text: str, href: str, lexicon: Lexicon) -> LinkKind | None:
    """What a link (its words, separators taken out, and its target) is in a navigation row."""
    known = furniture_words(lexicon)
    if known.navigation.match(text) or known.archive_name.search(text) or known.top.match(text):
        return LinkKind.NAVIGATION
    if is_format_link(text, href):
        return LinkKind.NAVIGATION
    if is_language_link(text, lexicon):
        edition = {word.casefold() for word in lexicon.language_links}
        return LinkKind.NAVIGATION if edition & set(_WORD.findall(text.lower())) else LinkKind.LANGUAGE
    if _chapter_label(lexicon).match(text):
        return LinkKind.LABEL
    if (parts := split(href.strip())) and _UP_TO_INDEX.match(parts.path):
        return LinkKind.TRAIL
    return None


def is_navigation_row(kinds: list[LinkKind | None]) -> bool:
    """Every link is furniture, one at least leads around the site (or two name languages: the
    same text in each), and chapter labels are few."""
    if not kinds or None in kinds or kinds.count(LinkKind.LABEL) > 2:
        return False
    return LinkKind.NAVIGATION in kinds or kinds.count(LinkKind.LANGUAGE) >= 2


def editions_named(texts: list[str], lexicon: Lexicon | None = None) -> int:
    """How many link texts of a row name the same text in another file format or language
    ("pdf", "German Original"; a bare language name only beside another), with no target to
    check them against: for the fidelity audit's own recogniser."""
    lexicon = resolve(lexicon)
    kinds = [link_kind(text, "", lexicon) for text in texts]
    formats = sum(1 for text in texts if _is_format_name(text))
    languages = sum(1 for text in texts if is_language_link(text, lexicon))
    bare = kinds.count(LinkKind.LANGUAGE)
    return formats + languages - (bare if bare < 2 else 0)


def _is_format_name(text: str) -> bool:
    """A document format's usual extension ("pdf", "odt"), not a letter of an A-Z row ("C")."""
    name = " ".join(_WORD.findall(text.lower()))
    kind = mimetypes.guess_type(f"x.{name}")[0] if name.isalnum() and len(name) >= 3 else None
    return kind is not None and kind.startswith("application/")


def is_format_link(text: str, href: str) -> bool:
    """ "pdf" linking ``ch07.pdf``: a download of the same text in another file format."""
    name = text.strip().lower()
    parts = split(href.strip())
    if parts is None or not name.isalnum() or "." not in href:
        return False
    extension = unquote(parts.path).rsplit(".", 1)[-1].lower()
    if name == extension:
        return True
    kind = mimetypes.guess_type(f"x.{name}")[0]
    return kind is not None and kind != "text/html" and mimetypes.guess_type(f"x.{extension}")[0] == kind


def is_language_link(text: str, lexicon: Lexicon) -> bool:
    """ "German Original", "Version française", "English": a language's name and edition words."""
    found = _WORD.findall(text.lower())
    edition = {word.casefold() for word in lexicon.language_links}
    names = language_names(lexicon.languages)
    if not found or not any(_is_language_name(word, names) for word in found):
        return False
    return all(word in edition or _is_language_name(word, names) for word in found)


def _is_language_name(word: str, names: frozenset[str]) -> bool:
    """``word`` is a name, or one inflected ("francesa" for "francés": accents are left out)."""
    word = _bare(word)
    return any(word[: len(word) - cut] in names for cut in range(_INFLECTION + 1) if len(word) - cut >= 4)


def _bare(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


@cache
def language_names(languages: tuple[str, ...]) -> frozenset[str]:
    """One-word names (lower case) of the archive's languages, in ``languages`` and in their own."""
    codes = sorted({*FOLDERS.values(), "en"})
    names: set[str] = set()
    for display in {*languages, *codes}:
        shown = codes if display in languages else [display]
        found = _names_in(display, tuple(shown))
        names.update(_bare(name.lower()) for name in found if name and " " not in name)
    return frozenset(names)


def _names_in(display: str, codes: tuple[str, ...]) -> list[str | None]:
    """The names ``display`` gives ``codes`` (None for one it has no name for): from the table
    generated from CLDR (``cldr_languages``) where it holds them, else from Babel, whose locale
    data takes some 0.4 s to load for all the archive's languages."""
    if codes == CODES and display in NAMES:
        table = NAMES[display]
        return [None if table is None else table.get(code) for code in codes]
    if codes == (display,) and display in OWN:
        return [OWN[display]]
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(display)
    except (UnknownLocaleError, ValueError):
        return []
    return [locale.languages.get(code) for code in codes]


@cache
def _chapter_label(lexicon: Lexicon) -> re.Pattern[str]:
    chapter = any_of(lexicon.chapter_words) if lexicon.chapter_words else words(("chapter",))
    return re.compile(rf"^(?:{chapter})\s+{_NUMERAL}$", re.IGNORECASE)
