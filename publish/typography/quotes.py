"""Each language's quotation marks, from one table: CLDR's, with the archive's few exceptions.

CLDR (``cldr_delimiters``, extracted from its XML because Babel does not carry these) gives a
primary pair, for a quotation, and an alternate pair, for a quotation inside it; a locale
inherits what it does not set from its parent, as CLDR resolves it (``pt_AO`` from ``pt_PT``,
``nb`` from ``no``, ``sr_Latn`` from root since Serbian is written in Cyrillic by default,
then the language, then root). Babel supplies the parents and the languages' default scripts.

``OVERRIDES`` holds the languages where the archive, or the publishing practice its books
follow, differs from CLDR; each says why. Everything else reads CLDR as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Final, Literal

from publish.language_tags import Tag, parse_tag
from publish.typography.cldr_delimiters import DELIMITERS

Pair = tuple[str, str]
"""An opening and a closing mark."""


@dataclass(frozen=True, slots=True)
class QuotePairs:
    """The marks of a quotation (``primary``) and of a quotation inside it (``alternate``)."""

    primary: Pair
    alternate: Pair

    @property
    def opening(self) -> str:
        return self.primary[0] + self.alternate[0]

    @property
    def closing(self) -> str:
        return self.primary[1] + self.alternate[1]


OVERRIDES: Final = MappingProxyType(
    {
        # The archive's Spanish pages quote with straight double quotes and ‘ ’ inside them and
        # hold no guillemet at all (see spanish.py): “ ” is what their transcribers meant, not
        # CLDR's « ».
        "es": QuotePairs(("“", "”"), ("‘", "’")),
        # The archive's Italian section types “ ” (see italian.py), not CLDR's « ».
        "it": QuotePairs(("“", "”"), ("‘", "’")),
        # The Imprimerie nationale's second level is “ ”; CLDR repeats « » inside « ».
        "fr": QuotePairs(("«", "»"), ("“", "”")),
        # CLDR's primary Dutch pair is ‘ ’ with “ ” inside, which would turn what a transcriber
        # typed as double quotes into single ones and back. Dutch books print both orders; the
        # archive's keeps the kind typed, as English does.
        "nl": QuotePairs(("“", "”"), ("‘", "’")),
    }
)

_ROOT = "root"


@cache
def quote_pairs(language: str) -> QuotePairs | None:
    """The marks for a BCP 47 tag such as "is", "pt-PT" or "sr-Latn"; None for an unreadable tag."""
    tag = parse_tag(language)
    if tag is None:
        return None
    override = OVERRIDES.get(tag.language)
    if override is not None:
        return override
    marks = [_inherited(tag, index) for index in range(4)]
    return QuotePairs((marks[0], marks[1]), (marks[2], marks[3]))


def pairs_of(language: str) -> QuotePairs:
    """The marks for a tag a language module names itself by ("de"), which must be readable."""
    found = quote_pairs(language)
    if found is None:
        raise ValueError(f"not a language tag: {language!r}")
    return found


def _inherited(tag: Tag, index: int) -> str:
    for locale in _chain(tag):
        entry = DELIMITERS.get(locale)
        mark = None if entry is None else entry[index]
        if mark is not None:
            return mark
    raise LookupError(f"CLDR root has no quotation mark {index}")  # root sets all four


def _chain(tag: Tag) -> Iterator[str]:
    """The locale and its ancestors, most specific first, ending at root; each parent is found
    only when asked for, since finding one loads CLDR's global data and most locales ("en")
    have all four marks themselves."""
    locale = "_".join(part for part in (tag.language, tag.script, tag.territory) if part)
    yield locale
    while locale != _ROOT:
        locale = _parent(locale)
        yield locale


def _parent(locale: str) -> str:
    parents = _cldr_global("parent_exceptions")
    if locale in parents:
        return str(parents[locale])
    if "_" not in locale:
        return _ROOT
    parent, _, last = locale.rpartition("_")
    if len(last) == 4 and "_" not in parent and not _default_script(parent, last):
        return _ROOT  # sr_Latn is not a kind of sr (Cyrillic): it inherits from root
    return parent


def _default_script(language: str, script: str) -> bool:
    likely = str(_cldr_global("likely_subtags").get(language, ""))
    return f"_{script}_" in f"{likely}_"


@cache
def _cldr_global(key: Literal["parent_exceptions", "likely_subtags"]) -> Any:
    """Babel's global CLDR data, loaded at the first language without an override: a book in
    English or another overridden language need not pay for loading it."""
    from babel.core import get_global

    return get_global(key)
