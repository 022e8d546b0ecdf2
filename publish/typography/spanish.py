"""Spanish typography for archive texts: curly quotes, rayas for dialogue, ellipses.

Like the English rules these only swap, remove or insert punctuation and spaces, never a
letter or digit, and each reaches a fixed point in one application. ``¿`` and ``¡`` are kept
where they are and never added: where a question or an exclamation starts is the writer's call.

Choices a reader of the output may notice:

* Straight double quotes become ``“ ”`` and straight single quotes ``‘ ’``, not the ``« »``
  of Spanish book printing: the archive's Spanish pages quote with straight double quotes
  and ``‘ ’`` inside them (Ted Grant's biography: ``"Ralph y Ted eran inseparables"``,
  ``‘simpatía críptica’``) and hold no guillemet at all, so ``“ ”`` is what their
  transcribers meant, and a book made of several pages does not mix two styles.
* Guillemets already in the text are kept, and spaces typed just inside a pair are removed
  (``« revolución »`` → ``«revolución»``), as Spanish sets them. A lone ``«`` or ``»`` is
  left alone.
* A hyphen opening a line before a word, ``¿``, ``¡`` or a quote is a dialogue raya
  (``-¿Qué quieres?`` → ``—¿Qué quieres?``); spaces after it are kept as typed.
* ``--`` and ``---`` become a raya (``—``), spaces kept. A spaced hyphen between words becomes
  an en dash (``–``), not a raya: the archive's Spanish pages use it for ranges and
  separators ("enero - noviembre 1926", "Vestíbulo - Uso actual"), where a raya would be
  wrong. A hyphen between digits (``1920 - 1930``) stays a hyphen.
* Three dots become ``…``; five or more are leaders and stay.
* A straight single quote after a letter is an apostrophe (``Workers’ Diary``).
* A no-break space (U+00A0) follows ``Sr.``, ``Sra.``, ``D.``, ``Dña.``, ``Dr.`` before a word
  and ``p.``, ``pág.``, ``t.``, ``vol.``, ``cap.``, ``núm.``, ``art.``, ``§`` before a number.
  Numbers are left as typed.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from publish.typography import common
from publish.typography.common import NBSP
from publish.typography.quotes import pairs_of
from publish.typography.runs import join, split

_PAIRS = pairs_of("es")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(double=(_PAIRS.primary,), single=_PAIRS.alternate, openers="“‘«‹¿¡")
_ABBREVIATIONS = common.abbreviations(
    names=("Sr.", "Sra.", "Srta.", "Sres.", "D.", "Dña.", "Dr.", "Dra.", "Gral."),
    numbers=("p.", "pp.", "pág.", "págs.", "t.", "vol.", "cap.", "núm.", "art.", "n.º", "nº", "§"),
)


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the Spanish rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.dashes(joined, "—")
    joined = common.curl(joined, _QUOTES)
    joined = common.guillemet_spacing(joined, "", paired=True)
    joined = common.no_break(joined, _ABBREVIATIONS, NBSP)
    joined = common.spaced_hyphens(joined, "–")
    joined = common.dialogue_dashes(joined, "—")
    return split(joined)
