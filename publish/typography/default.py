"""Typography for a language with no module of its own: its script's safe rules, CLDR's quotes.

The archive is in some 80 languages; six have modules. Any other language written in the
Latin, Cyrillic or Greek script gets the part of those modules' rules that holds in every
language of its script, with its own quotation marks from ``quotes`` (CLDR). Other scripts
(CJK, Arabic, Devanagari…) set punctuation differently and pass through untouched, as does
a tag whose script is unknown: a wrong guess is worse than keyboard punctuation.

What every such language gets, and why it is safe there:

* ``...`` → ``…``; five or more dots are leaders and stay (as in every module).
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
* Two or more word spaces between two printing characters become one: a typing accident
  in any language. Spaces that indent a line, and no-break spaces, are kept.
* ``--``, ``---`` and a spaced hyphen between words become the script's dash (below); a
  hyphen between digits (``1914-1918``) stays a hyphen, four or more hyphens are a rule.
* Straight quotes become the language's CLDR marks: a quotation the primary pair, a double
  quote opening inside it the alternate pair, a single quote the alternate pair. A straight
  single quote between letters, after a word where none is open, or before two digits is
  an apostrophe (``’``), so elisions and contractions (``l'ora``, ``O'Brien``, ``'68``) keep it,
  as do the elisions a language starts words with (``ELISIONS``: Dutch ``'s avonds``).
  In Cyrillic text a single quote is not a quotation mark (Russian, Ukrainian and Belarusian
  print none): between letters it is the apostrophe (``м’ясо``), elsewhere it stays.

Dashes: Latin-script languages mostly set a spaced en dash (German, Dutch, the Nordic and
Baltic languages, Polish, Czech, Hungarian…), so ``--`` becomes `` – `` with a space on each
side where a word touched it (a tight en dash would read as a range). The Iberian languages
(``EM_DASH_LATIN``) use the raya or travessão, an em dash, as Spanish does. Cyrillic and
Greek set an em dash; there, as in Russian, ``--`` becomes ``—`` with spaces kept as typed.
No no-break space is added anywhere: which marks hold on to which words differs between
languages of one script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from publish.language_tags import parse_tag, script_of
from publish.typography import common
from publish.typography.quotes import QuotePairs, quote_pairs
from publish.typography.runs import join, split


@dataclass(frozen=True, slots=True)
class Dashes:
    """A script's or language's dash, and whether ``--`` typed between words gets spaces."""

    dash: str
    spaced: bool


SCRIPT_DASHES: Final = MappingProxyType(
    {
        "Latn": Dashes("–", spaced=True),
        "Cyrl": Dashes("—", spaced=False),
        "Grek": Dashes("—", spaced=False),
    }
)
"""The scripts that get default rules, each with its dash."""

EM_DASH_LATIN: Final = frozenset({"ast", "ca", "eu", "gl", "oc", "pt"})
"""Latin-script languages that set the em dash (raya, travessão), as Spanish does."""

ELISIONS: Final = MappingProxyType(
    {
        # 's avonds, 't is, 'n man, 'k weet: Dutch elides articles and pronouns to one letter.
        "nl": re.compile(r"(?:s|t|n|k|m|r|ns)(?![^\W_])|\d\d(?!\d)", re.IGNORECASE),
    }
)
"""What a straight single quote before it makes an apostrophe even where a quote would open,
by language; the rest take only two digits ('68). No library has these lists."""

_OPENING_MARKS = "«„‚‹“‘"  # marks that open in many languages: those that do not close in this one


@dataclass(frozen=True, slots=True)
class DefaultRules:
    """The default rules for one language: its quotes and its dash."""

    quotes: common.Quotes
    dashes: Dashes

    def __call__(self, runs: Sequence[str]) -> list[str]:
        """Apply the rules to the text runs of one block, keeping one output per run."""
        dash = self.dashes.dash
        joined = join(runs)
        joined = common.plain_hyphens(joined)
        joined = common.single_spaces(joined)
        joined = common.ellipses(joined)
        if self.dashes.spaced:
            opening = self.quotes.openers
            joined = common.spaced_dashes(joined, dash, tight_before=opening, tight_after="([{" + opening)
        else:
            joined = common.dashes(joined, dash)
        joined = common.curl(joined, self.quotes)
        joined = common.spaced_hyphens(joined, dash)
        return split(joined)


@cache
def default_rules(language: str) -> DefaultRules | None:
    """The default rules for a tag, or None where its script has none (or is unknown)."""
    script = script_of(language)
    tag = parse_tag(language)
    pairs = quote_pairs(language)
    dashes = SCRIPT_DASHES.get(script or "")
    if dashes is None or tag is None or pairs is None:
        return None
    if script == "Latn" and tag.language in EM_DASH_LATIN:
        dashes = Dashes("—", spaced=False)
    quotes = _quotes(pairs, single=script != "Cyrl", elision=ELISIONS.get(tag.language, common.DIGIT_ELISION))
    return DefaultRules(quotes=quotes, dashes=dashes)


def _quotes(pairs: QuotePairs, *, single: bool, elision: re.Pattern[str]) -> common.Quotes:
    """Curling for CLDR's pairs; a mark that closes in this language never counts as opening."""
    openers = "".join(dict.fromkeys(mark for mark in pairs.opening + _OPENING_MARKS if mark not in pairs.closing))
    return common.Quotes(
        double=(pairs.primary, pairs.alternate),
        single=pairs.alternate if single else None,
        openers=openers,
        elision=elision,
    )
