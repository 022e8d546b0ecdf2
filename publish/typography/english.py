"""English typography for archive texts: curly quotes, em and en dashes, ellipses.

Archive transcriptions were typed on keyboards, so they carry straight quotes, ``--`` for a
dash and ``...`` for an ellipsis. The rules here only ever swap, remove or insert punctuation
and spaces: a letter or digit is never touched, so no word of the text can be lost. Every
rule reaches a fixed point in one application, so running the pass twice changes nothing.

Choices a reader of the output may notice:

* A hyphen between digits (``1914-1918``, ``1914 - 1918``) stays a hyphen: in archive texts
  it may be a range, a subtraction or a catalogue number, and guessing wrong is worse.
* A spaced hyphen between words becomes a spaced en dash (``word – word``), British style.
* ``--`` and ``---`` become an em dash, spaces around them kept; four or more hyphens (a
  rule, or a name left blank: "Mr. ----") are left as they are.
* Three or four dots, tight or single-spaced, become ``…`` (four: ``….``); five or more are
  leaders in a table of contents and are left as they are.
* Feet and inches written with straight quotes (``5'10"``) and a straight quote between two
  digits stay straight: they are primes, not quotes, and U+2032/U+2033 would be a guess.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
* A quote opens after whitespace, the start of the block, an opening bracket or an opening
  quote, and after a dash when a word or quote follows ("I—" closes); it closes elsewhere.
  A straight quote with spaces on both sides closes only if a quote of its kind is open.
* A single quote before a known elision ('tis, 'em, 'n', 'un, dropped-h dialect) or two
  digits ('90s) is an apostrophe even where a quote would open. "'cause" is not on the
  list: "the 'cause'" is likelier in these texts than the colloquial elision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.typography import common
from publish.typography.quotes import pairs_of
from publish.typography.runs import join, split

# Words that start with an elided letter, so a straight quote before them is an apostrophe
# even where a quote would open ('tis, rock 'n' roll, 'em, dropped-h dialect), and two-digit
# years ('90s, the war of '14).
_ELISION = re.compile(
    r"(?:t(?:is|was|were|would|will)|em|n|un|bout|ere|im|alf|ome|ow)(?![^\W_])|\d\d(?!\d)",
    re.IGNORECASE,
)
_PAIRS = pairs_of("en")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(double=(_PAIRS.primary,), single=_PAIRS.alternate, openers="‘“«‹„‚", elision=_ELISION)


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the English rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.dashes(joined, "—")
    joined = common.spaced_hyphens(joined, "–")
    return split(common.curl(joined, _QUOTES))
