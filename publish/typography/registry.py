"""Which typographic rules a language gets, looked up by the primary subtag of its BCP 47 tag.

Adding a language is one module exposing a ``typeset`` function and one line here. A
language with no entry gets the default rules of its script with its own CLDR quotation
marks (``default``); one in a script without defaults (CJK, Arabic…) or with an unreadable
tag passes through untouched, which is safer than applying English quotes to it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final

Rules = Callable[[Sequence[str]], list[str]]
"""Rules for one language: the text runs of one block in reading order in, as many runs out."""


class _Registry(Mapping[str, Rules]):
    """Language to rules, read-only; a language's module is imported when its rules are first
    asked for, so a book pays for compiling only its own language's patterns at start."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)

    def __getitem__(self, language: str) -> Rules:
        module = importlib.import_module(f"publish.typography.{self._modules[language]}")
        rules: Rules = module.typeset
        return rules

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


RULES: Final[Mapping[str, Rules]] = _Registry(
    {"de": "german", "en": "english", "es": "spanish", "fr": "french", "it": "italian", "ru": "russian"}
)


def rules_for(language: str) -> Rules | None:
    """The rules for a tag such as "en-GB" or "is"; region and script choose only default rules."""
    primary = language.strip().replace("_", "-").split("-")[0].lower()
    if primary in RULES:
        return RULES[primary]
    from publish.typography.default import default_rules

    return default_rules(language)
