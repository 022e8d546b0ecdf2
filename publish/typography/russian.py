"""Russian typography for archive texts: «ёлочки» and „лапки“, the tire, ellipses.

Like the English rules these only swap, remove or insert punctuation and spaces, never a
letter or digit, and each reaches a fixed point in one application.

Choices a reader of the output may notice:

* Straight double quotes become ``«…»``, and ``„…“`` when they open inside guillemets:
  ``"Статья "Лучше меньше, да лучше""`` → ``«Статья „Лучше меньше, да лучше“»``.
  Guillemets already in the text are kept, and spaces typed just inside a pair are
  removed (``« слово »`` → ``«слово»``). A lone ``«`` or ``»`` is left alone.
* Straight single quotes are not Russian quotation marks: one between two letters is an
  apostrophe (``О’Брайен``), any other stays straight rather than be guessed at.
* ``--``, ``---`` and a spaced hyphen between words become an em dash (the tire), and the
  space before every em dash becomes a no-break space (U+00A0) so that a line never starts
  with one mid-sentence: ``Москва\u00a0— столица``, ``Да,\u00a0— сказал он``. A hyphen
  between digits (``1914-1918``) stays a hyphen. A hyphen opening a line before a word or
  quote is a dialogue dash: ``- Да`` → ``— Да``; spaces after it are kept as typed.
* Three dots become ``…``; five or more are leaders and stay.
* No-break spaces (U+00A0) join initials to each other and to a surname (``В.\u00a0И.\u00a0Ленин``),
  a number to ``г.``/``гг.`` (``1917\u00a0г.``), a Roman numeral to ``в.``/``вв.``
  (``XX\u00a0в.``), ``т.``, ``с.``, ``стр.``, ``гл.``, ``№``, ``§`` to a following number,
  ``тов.`` and ``г.`` to a following word, and the parts of ``т. е.``, ``т. д.``, ``т. п.``,
  ``т. к.``.
* A space between groups of three digits (``10 000``) becomes a narrow no-break space
  (U+202F). A group of four digits never starts such a number.
* A non-breaking hyphen (U+2011) becomes a plain hyphen: it stalls the PDF engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publish.typography import common
from publish.typography.common import NBSP, NNBSP, SPACES
from publish.typography.quotes import pairs_of
from publish.typography.runs import join, split

_PAIRS = pairs_of("ru")  # quotes.py: CLDR, or the archive's practice where it differs
_QUOTES = common.Quotes(double=(_PAIRS.primary, _PAIRS.alternate), single=None, openers="«„‹")
_S = f"[{SPACES}]"
_NO_BREAKS = (
    common.abbreviations(names=("тов.", "г."), numbers=("т.", "с.", "стр.", "гл.", "ч.", "вып.", "№", "§")),
    re.compile(rf"(?<![\w.])т\.(?P<space>{_S}+)(?=[едпк]\.)"),
    re.compile(rf"(?<![\w.])[А-ЯЁA-Z]\.(?P<space>{_S}+)(?=[А-ЯЁA-Z])"),
    re.compile(rf"(?<=\d)(?P<space>{_S}+)(?=гг?\.)"),
    re.compile(rf"(?<![\w.])[IVXLC]+(?P<space>{_S}+)(?=вв?\.)"),
)


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the Russian rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = common.plain_hyphens(joined)
    joined = common.ellipses(joined)
    joined = common.dashes(joined, "—")
    joined = common.curl(joined, _QUOTES)
    joined = common.guillemet_spacing(joined, "", paired=True)
    for pattern in _NO_BREAKS:
        joined = common.no_break(joined, pattern, NBSP)
    joined = common.digit_groups(joined, NNBSP)
    joined = common.spaced_hyphens(joined, "—")
    joined = common.dialogue_dashes(joined, "—")
    joined = common.space_before_dash(joined, "—", NBSP)
    return split(joined)
