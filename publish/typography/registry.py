"""Which typographic rules a language gets, looked up by the primary subtag of its BCP 47 tag.

Adding a language is one module exposing a ``typeset`` function and one line here. A
language with no entry gets the default rules of its script with its own CLDR quotation
marks (``default``); one in a script without defaults (CJK, Arabic…) or with an unreadable
tag passes through untouched, which is safer than applying English quotes to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from publish.typography import english, french, german, italian, russian, spanish
from publish.typography.default import default_rules

Rules = Callable[[Sequence[str]], list[str]]
"""Rules for one language: the text runs of one block in reading order in, as many runs out."""

RULES: Final[Mapping[str, Rules]] = MappingProxyType(
    {
        "de": german.typeset,
        "en": english.typeset,
        "es": spanish.typeset,
        "fr": french.typeset,
        "it": italian.typeset,
        "ru": russian.typeset,
    }
)


def rules_for(language: str) -> Rules | None:
    """The rules for a tag such as "en-GB" or "is"; region and script choose only default rules."""
    primary = language.strip().replace("_", "-").split("-")[0].lower()
    return RULES.get(primary) or default_rules(language)
