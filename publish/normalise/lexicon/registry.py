"""Which languages the reader knows the words of: one line per language.

Adding a language is one module exposing ``LEXICON`` and one line here. The header is read
before the page's language is known, so the engines read with ``combined()``, the union of
every lexicon here, built once per set of lexicons (the engines compile their patterns once
per lexicon, so the union must be the same object from call to call).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from publish.normalise.lexicon import ca, de, el, en, eo, es, et, fi, fr, is_, it, nb, nl, pl, pt, ru, sq, sv
from publish.normalise.lexicon.base import Lexicon, combine

LEXICONS: Mapping[str, Lexicon] = MappingProxyType(
    {
        "en": en.LEXICON,
        "es": es.LEXICON,
        "it": it.LEXICON,
        "fr": fr.LEXICON,
        "de": de.LEXICON,
        "pt": pt.LEXICON,
        "is": is_.LEXICON,
        "et": et.LEXICON,
        "sq": sq.LEXICON,
        "eo": eo.LEXICON,
        "pl": pl.LEXICON,
        "fi": fi.LEXICON,
        "nb": nb.LEXICON,
        "sv": sv.LEXICON,
        "ru": ru.LEXICON,
        "el": el.LEXICON,
        "nl": nl.LEXICON,
        "ca": ca.LEXICON,
    }
)
"""English first: where two languages' labels could both read a line, English is tried first."""


def combined() -> Lexicon:
    """Every registered language's words in one lexicon (the same object while the registry stands).

    Asked for once per paragraph, so the registry it was made from is remembered by identity:
    a registry is a read-only mapping, changed only by replacing it.
    """
    global _last
    if _last is None or _last[0] is not LEXICONS:
        _last = (LEXICONS, _combined(tuple(LEXICONS.values())))
    return _last[1]


_last: tuple[Mapping[str, Lexicon], Lexicon] | None = None


@cache
def _combined(lexicons: tuple[Lexicon, ...]) -> Lexicon:
    return combine(lexicons)


def lexicon_for(language: str) -> Lexicon | None:
    """The lexicon of a BCP 47 tag ("es-MX" -> Spanish), or None for a language not registered."""
    return LEXICONS.get(language.strip().replace("_", "-").split("-")[0].lower())


def resolve(lexicon: Lexicon | None) -> Lexicon:
    """The lexicon an engine reads with: the one given, else every language's."""
    return combined() if lexicon is None else lexicon
