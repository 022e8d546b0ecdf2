"""German typography for archive texts: „Anführungszeichen“, spaced en dashes, ellipses.

Like the English rules these only swap, remove or insert punctuation and spaces, never a
letter or digit, and each reaches a fixed point in one application.

Choices a reader of the output may notice:

* Straight double quotes become ``„…“`` and straight single quotes ``‚…‘``, the marks of
  German books; quotes nested in quotes take the single pair.
* Guillemets already in the text, the reversed ``»…«`` of many German books or the Swiss
  ``«…»``, are left exactly as they are, spaces included.
* The apostrophe is ``’`` (U+2019), not the closing single quote ``‘``: a straight single
  quote between letters (``geht’s``), after a word where no ``‚`` is open (``Marx’ Kritik``)
  or before a known elision (``so ’n``, ``’s``, ``’raus``) or two digits (``’68``) is one.
* ``--`` and ``---`` become an en dash with a space on each side (``Partei – und``), as
  German sets the Gedankenstrich; between two digits it is a tight range (``1847–1848``).
  A spaced hyphen between words becomes a spaced en dash too. A hyphen between digits
  (``1914-1918``) stays a hyphen: it may be a range, a subtraction or a catalogue number.
* Three dots become ``…``, spaces around kept as typed; five or more are leaders.
* A no-break space (U+00A0) follows ``Dr.``, ``Prof.`` before a word, ``S.``, ``Nr.``, ``Bd.``,
  ``Kap.``, ``Art.``, ``Abs.``, ``§`` before a number, and sits inside ``z. B.``, ``d. h.``,
  ``u. a.``, ``v. Chr.``, ``n. Chr.``. Numbers are left as typed: German writes both
  ``10 000`` and ``10.000``, and a space between numbers is too often two numbers.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.typography import common
from publish.typography.common import NBSP, SPACES
from publish.typography.quotes import pairs_of
from publish.typography.runs import join, split

_ELISION = re.compile(r"(?:s|n|ne|nen|nem|ner|raus|rein|rum|runter|rauf|rüber)(?![^\W_])|\d\d(?!\d)", re.IGNORECASE)
_PAIRS = pairs_of("de")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(double=(_PAIRS.primary,), single=_PAIRS.alternate, openers="„‚»«›‹", elision=_ELISION)
_ABBREVIATIONS = common.abbreviations(
    names=("Dr.", "Prof.", "Hr."),
    numbers=("S.", "Nr.", "Bd.", "Bde.", "Kap.", "Art.", "Abs.", "Ziff.", "§"),
)
_PAIRED_ABBREVIATIONS = re.compile(
    rf"(?<![\w.])(?:z\.(?=[{SPACES}]+B\.)|d\.(?=[{SPACES}]+h\.)|u\.(?=[{SPACES}]+a\.)|[vn]\.(?=[{SPACES}]+Chr\.))"
    rf"(?P<space>[{SPACES}]+)"
)
_TIGHT_BEFORE = "„‚»«›‹"  # besides brackets, straight quotes and dashes: a dash right after these gets no space
_TIGHT_AFTER = "„‚([{"  # a dash typed right before these (or a word) gets a space after it


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the German rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.spaced_dashes(joined, "–", tight_before=_TIGHT_BEFORE, tight_after=_TIGHT_AFTER)
    joined = common.curl(joined, _QUOTES)
    joined = common.no_break(joined, _ABBREVIATIONS, NBSP)
    joined = common.no_break(joined, _PAIRED_ABBREVIATIONS, NBSP)
    joined = common.spaced_hyphens(joined, "–")
    return split(joined)
