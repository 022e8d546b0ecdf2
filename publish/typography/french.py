"""French typography for archive texts: guillemets, no-break spaces before high punctuation.

The rules follow the Imprimerie nationale's *Lexique des règles typographiques*. Like the
English rules they only swap, remove or insert punctuation and spaces, never a letter or
digit, and each reaches a fixed point in one application.

Choices a reader of the output may notice:

* Straight double quotes become guillemets with a narrow no-break space (U+202F) inside:
  ``"Travaillez !"`` → ``« Travaillez ! »``; a straight double quote opening inside
  guillemets becomes ``“ ”`` (no spaces), the second level of French quotation. Guillemets
  already there get the same inner spaces, however they were typed (none, one or several
  spaces, a no-break space). The narrow space keeps short quotations tight, as most French
  books set them today; a word-wide one would also be right. A ``«`` or ``»`` next to a
  line break or the edge of the block keeps what it has, so a quotation running over
  paragraphs, each opened with its own mark, is not disturbed.
* A narrow no-break space (U+202F) goes before ``;``, ``!`` and ``?``, and a word-wide
  no-break space (U+00A0) before ``:``, as the Imprimerie nationale sets them: the colon
  takes a full space, the others a thin one. Spaces typed there, one or several, become
  that one space; where none was typed, one is added after a word, a number, a closing
  quote or bracket, or an ellipsis (so ``(?)``, ``?!`` and ``!!`` stay together).
* Only a mark that ends something gets the space: it must be followed by a space, the end
  of the block or closing punctuation. So a URL (``http://``, ``page.php?id=3``), a time
  (``10:30``) and a reference (``3:16``) are left alone.
* A straight single quote is an apostrophe (``l’homme``, ``aujourd’hui``, ``l’“Unité”``)
  unless a space, a bracket or the start of the block precedes it, where it opens ``‘ ’``.
* ``--``, ``---`` and a spaced hyphen between words become an em dash (``—``), spaces kept as
  typed; a hyphen opening a line (dialogue, or a list written with "- ") becomes ``—``.
  A hyphen between digits (``1914-1918``) stays a hyphen.
* Three dots become ``…``; five or more are leaders and stay.
* A no-break space (U+00A0) follows ``M.``, ``MM.``, ``Mme``, ``Mlle``, ``Mgr``, ``Dr`` before
  a word, and ``p.``, ``pp.``, ``t.``, ``vol.``, ``chap.``, ``art.``, ``n°``, ``§`` before a
  number (Arabic or Roman): "M. Thiers", "t. II, p. 423" never break there.
* A space between groups of three digits (``10 000``) and before ``%`` becomes a narrow
  no-break space. A number is never split or joined otherwise: ``10000`` and ``10.000``
  stay as they are.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.typography import common
from publish.typography.common import NBSP, NNBSP, SPACES
from publish.typography.quotes import pairs_of
from publish.typography.runs import Edit, Joined, join, splice, split

_PAIRS = pairs_of("fr")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(double=(_PAIRS.primary, _PAIRS.alternate), single=("‘", "’"), openers="«“‘‹„‚")
_ABBREVIATIONS = common.abbreviations(
    names=("M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Dr"),
    numbers=("p.", "pp.", "t.", "vol.", "chap.", "ch.", "art.", "fig.", "n°", "N°", "§"),
)
_PERCENT = re.compile(rf"(?<=\d)(?P<space>[{SPACES}]+)(?=%)")
# A match starts only where a run of spaces starts (or at a mark with none): tried from every
# space of a long run that ends in no mark, the run would be scanned again from each.
_HIGH = re.compile(rf"(?<![{SPACES}])(?P<space>[{SPACES}]*)(?P<mark>[;!?:])")

_FOLLOWS_HIGH = "!?;:.,…)]}»”’"  # what may follow ; ! ? besides a space or the end of the block
_FOLLOWS_COLON = ")]}»”’"
_ENDS_A_WORD = "»”’)]}…%°"  # what a mark typed tight may follow, besides a letter or digit
_OPENING = "([{«“‘„‚‹"


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the French rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.dashes(joined, "—")
    joined = common.curl(joined, _QUOTES)
    joined = _high_punctuation(joined)
    joined = common.guillemet_spacing(joined, NNBSP, paired=False)
    joined = common.no_break(joined, _ABBREVIATIONS, NBSP)
    joined = common.digit_groups(joined, NNBSP)
    joined = common.no_break(joined, _PERCENT, NNBSP)
    joined = common.spaced_hyphens(joined, "—")
    joined = common.dialogue_dashes(joined, "—")
    return split(joined)


def _high_punctuation(joined: Joined) -> Joined:
    """The space before ``; ! ? :``, typed or not, becomes one no-break space."""
    text = joined.text
    edits: list[Edit] = []
    for match in _HIGH.finditer(text):
        start, end = match.span("space")
        mark = match["mark"]
        before = text[start - 1] if start > 0 else None
        after = text[match.end()] if match.end() < len(text) else None
        space = NBSP if mark == ":" else NNBSP
        if before is None or before.isspace() or not _ends_something(mark, after):
            continue
        typed = start < end
        if typed and before in _OPENING:
            continue
        if not typed and not (before.isalnum() or before in _ENDS_A_WORD):
            continue
        if text[start:end] != space:
            edits.append((start, end, space, start if typed else end))
    return splice(joined, edits) if edits else joined


def _ends_something(mark: str, after: str | None) -> bool:
    if after is None or after.isspace():
        return True
    return after in (_FOLLOWS_COLON if mark == ":" else _FOLLOWS_HIGH)
