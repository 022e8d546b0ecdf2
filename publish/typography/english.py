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
from enum import Enum

from publish.typography.runs import Joined, join, retext, split, substitute

_NON_BREAKING_HYPHEN = re.compile("\u2011")
_DOTS = re.compile(r"\.(?:[ \u00a0]?\.){2,}")
_HYPHENS = re.compile(r"-{2,}")
_SPACED_HYPHEN = re.compile(r"(?<=[^\s\d][ \u00a0])-(?=[ \u00a0]\S)|(?<=\S[ \u00a0])-(?=[ \u00a0][^\s\d])")
# Words that start with an elided letter, so a straight quote before them is an apostrophe
# even where a quote would open ('tis, rock 'n' roll, 'em, dropped-h dialect), and two-digit
# years ('90s, the war of '14).
_ELISION = re.compile(
    r"(?:t(?:is|was|were|would|will)|em|n|un|bout|ere|im|alf|ome|ow)(?![^\W_])|\d\d(?!\d)",
    re.IGNORECASE,
)
_FEET = re.compile(r"\d'\d+$")

_BRACKETS = "([{"
_OPENING_QUOTES = "‘“«‹„‚"
_DASHES = "—–‒―-"
_QUOTES = "'\"‘’“”«»‹›„‚"


def typeset(runs: Sequence[str]) -> list[str]:
    """Apply the English rules to the text runs of one block, keeping one output per run."""
    joined = join(runs)
    joined = substitute(joined, _NON_BREAKING_HYPHEN, lambda _: "-")
    joined = substitute(joined, _DOTS, _ellipsis)
    joined = substitute(joined, _HYPHENS, _dash)
    joined = substitute(joined, _SPACED_HYPHEN, lambda _: "–")
    return split(_curl(joined))


def _ellipsis(match: re.Match[str]) -> str:
    dots = match.group().count(".")
    return {3: "…", 4: "…."}.get(dots, match.group())


def _dash(match: re.Match[str]) -> str:
    return "—" if len(match.group()) <= 3 else match.group()


class _Side(Enum):
    """What a quote touches on one side; the direction of a quote is read from both sides."""

    SPACE = "space"  # whitespace, a line break, or the edge of the block
    OPEN = "open"  # an opening bracket or opening quote
    DASH = "dash"
    WORD = "word"  # a letter or digit
    QUOTE = "quote"  # any quote mark, straight or curly (so pass two sees what pass one saw)
    OTHER = "other"


def _side(char: str | None) -> _Side:
    if char is None or char.isspace():
        return _Side.SPACE
    if char.isalnum():
        return _Side.WORD
    if char in _QUOTES:
        return _Side.QUOTE
    if char in _BRACKETS:
        return _Side.OPEN
    if char in _DASHES:
        return _Side.DASH
    return _Side.OTHER


def _before(out: list[str]) -> _Side:
    """The left neighbour, where an opening quote counts as an opening bracket."""
    if out and out[-1] in _OPENING_QUOTES:
        return _Side.OPEN
    return _side(out[-1] if out else None)


def _curl(joined: Joined) -> Joined:
    """Curl straight quotes left to right, reading what is already curled on the left.

    The left neighbour is read from the output and the right one from the input, where a
    straight and a curly quote fall in the same class: so a second pass, which finds the
    quotes already curled, would decide every remaining straight quote the same way.
    """
    text = joined.text
    out: list[str] = []
    for index, char in enumerate(text):
        after = text[index + 1] if index + 1 < len(text) else None
        if char == '"':
            out.append(_double(out, after))
        elif char == "'":
            out.append(_single(out, after, text[index + 1 :]))
        else:
            out.append(char)
    return retext(joined, "".join(out))


def _double(out: list[str], after: str | None) -> str:
    before = out[-1] if out else None
    if before is not None and before.isdigit() and _FEET.search("".join(out[-8:])):
        return '"'
    return "“" if _opens(out, _side(after), "“", "”") else "”"


def _single(out: list[str], after: str | None, rest: str) -> str:
    before = _before(out)
    if out and out[-1].isdigit() and after is not None and after.isdigit():
        return "'"
    if before in (_Side.SPACE, _Side.OPEN, _Side.DASH) and _ELISION.match(rest):
        return "’"
    return "‘" if _opens(out, _side(after), "‘", "’") else "’"


def _opens(out: list[str], after: _Side, opening: str, closing: str) -> bool:
    before = _before(out)
    if before is _Side.SPACE:
        return after is not _Side.SPACE or not _pending(out, opening, closing)
    if before is _Side.DASH:
        return after in (_Side.WORD, _Side.QUOTE)
    return before is _Side.OPEN


def _pending(out: list[str], opening: str, closing: str) -> bool:
    """Whether a quote of this kind is open, to place a quote with spaces on both sides.

    A closing single quote between two letters is an apostrophe, so it closes nothing.
    """
    for index in range(len(out) - 1, -1, -1):
        char = out[index]
        if char == opening:
            return True
        if char == closing and not _inside_word(out, index):
            return False
    return False


def _inside_word(out: list[str], index: int) -> bool:
    return 0 < index < len(out) - 1 and out[index - 1].isalnum() and out[index + 1].isalnum()
