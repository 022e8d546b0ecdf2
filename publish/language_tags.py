"""A language tag's parts, and the script its text is written in, from CLDR through Babel.

The script decides which default rules a language without a module gets: an explicit
script subtag ("sr-Latn") wins, otherwise CLDR's likely subtags say how the language is
usually written ("uk" → Cyrillic, "el" → Greek, "uz-AF" → Arabic). A tag that is not BCP 47
("eng", "English"), or is "und", has no script and so gets no rules: guessing is worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_LANGUAGE = re.compile(r"[a-z]{2,3}")
_SCRIPT = re.compile(r"[A-Za-z]{4}")
_TERRITORY = re.compile(r"[A-Za-z]{2}|\d{3}")


@dataclass(frozen=True, slots=True)
class Tag:
    """The parts of a tag that CLDR's data is keyed by, in CLDR's case: ("sr", "Latn", "RS")."""

    language: str
    script: str | None = None
    territory: str | None = None


def parse_tag(language: str) -> Tag | None:
    """ "pt-BR", "sr_Latn_RS", "EN-us" read; None for an empty, undetermined or malformed tag."""
    parts = language.strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    if not _LANGUAGE.fullmatch(primary) or primary == "und":
        return None
    script = territory = None
    rest = parts[1:]
    if rest and _SCRIPT.fullmatch(rest[0]):
        script = rest.pop(0).title()
    if rest and _TERRITORY.fullmatch(rest[0]):
        territory = rest.pop(0).upper()
    return Tag(primary, script, territory)


@cache
def script_of(language: str) -> str | None:
    """The ISO 15924 code of the script a tag's text is written in ("Latn", "Cyrl"), if known."""
    tag = parse_tag(language)
    if tag is None:
        return None
    if tag.script:
        return tag.script
    for key in (f"{tag.language}_{tag.territory}", tag.language):
        likely = _likely_subtags().get(key)
        if likely:
            parts = str(likely).split("_")
            return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None
    return None


@cache
def _likely_subtags() -> Any:
    """CLDR's likely subtags, loaded at the first tag without a script: Babel's global data
    costs a start-up that a page whose script is never asked for need not pay."""
    from babel.core import get_global

    return get_global("likely_subtags")
