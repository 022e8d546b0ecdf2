"""Italian typography for archive texts: curly quotes, apostrophes, dashes, ellipses.

Like the English rules these only swap, remove or insert punctuation and spaces, never a
letter or digit, and each reaches a fixed point in one application.

Choices a reader of the output may notice:

* Straight double quotes become ``“ ”`` and straight single quotes ``‘ ’``, not ``« »``: the
  archive's Italian section quotes with ``“ ”`` (the one quotation on its pages at hand,
  "“File Not Found!”", is typed so), and straight quotes in a transcription say no more
  than that a quote is meant. The evidence is thin (two error pages) and ``« »`` would be
  as Italian: if the section's texts turn out to use them, change ``double`` below.
* Guillemets already in the text are kept, and spaces typed just inside a pair are removed
  (``« L’Ordine Nuovo »`` → ``«L’Ordine Nuovo»``), as Italian sets them. A lone ``«`` or
  ``»`` is left alone.
* A straight single quote after a letter is an apostrophe (``l’uomo``, ``dell’operaio``,
  ``un po’``), and so is one before two or three digits (``il ’68``, ``il ’900``); after a
  space it opens ``‘ ’`` quotes.
* ``--`` and ``---`` become an em dash (``—``), a spaced hyphen between words a spaced en dash
  (``–``), the lineetta of Italian incises; spaces are kept as typed. A hyphen between
  digits (``1914-1918``) stays a hyphen. A hyphen opening a line is left alone: Italian
  texts in the archive are essays, where it is more likely a list than dialogue.
* Three dots become ``…``; five or more are leaders and stay.
* A no-break space (U+00A0) follows ``Sig.``, ``Dott.``, ``Prof.``, ``On.`` before a word and
  ``p.``, ``pag.``, ``vol.``, ``cap.``, ``art.``, ``n.``, ``§`` before a number. Numbers are
  left as typed.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.typography import common
from publish.typography.common import NBSP
from publish.typography.quotes import pairs_of
from publish.typography.runs import join, split

_PAIRS = pairs_of("it")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(
    double=(_PAIRS.primary,), single=_PAIRS.alternate, openers="“‘«‹", elision=re.compile(r"\d{2,3}(?!\d)")
)
_ABBREVIATIONS = common.abbreviations(
    names=("Sig.", "Sigg.", "Sig.ra", "Dott.", "Prof.", "On."),
    numbers=("p.", "pp.", "pag.", "pagg.", "vol.", "voll.", "cap.", "art.", "n.", "§"),
)


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the Italian rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.dashes(joined, "—")
    joined = common.curl(joined, _QUOTES)
    joined = common.guillemet_spacing(joined, "", paired=True)
    joined = common.no_break(joined, _ABBREVIATIONS, NBSP)
    joined = common.spaced_hyphens(joined, "–")
    return split(joined)
