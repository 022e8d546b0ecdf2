"""Curling straight quotes into a language's marks, reading both neighbours of each quote.

Quotes are curled by reading both neighbours (see ``curl``): a quote opens after
whitespace, the start of the block, an opening bracket or an opening quote, and after a dash
when a word or quote follows; it closes elsewhere. A straight quote with spaces on both
sides closes only if a quote of its kind is open.

A mark that both opens and closes in a language (Swedish and Finnish ``”…”``, Serbian
``‘…‘``) closes a quotation of its kind that is open, and opens one otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from publish.typography.runs import Joined, retext

DIGIT_ELISION = re.compile(r"\d\d(?!\d)")
"""A straight single quote before two digits ('68, '90s) is an apostrophe, not a quote."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Quotes:
    """How a language curls straight quotes.

    ``double`` holds (opening, closing) pairs by depth: a straight double quote opening
    inside one pair takes the next pair, the last pair repeats. ``single`` is the single
    pair, or None where single quotes are not quotation marks: then a straight single quote
    between two letters is an apostrophe and any other is left straight. ``openers`` are the
    marks (besides brackets) after which a quote opens. ``elision`` matches what follows a
    straight single quote that is an apostrophe even where a quote would open ('tis, '68).
    """

    double: tuple[tuple[str, str], ...]
    single: tuple[str, str] | None
    openers: str
    apostrophe: str = "’"
    elision: re.Pattern[str] | None = DIGIT_ELISION


_FEET = re.compile(r"\d'\d+$")
_BRACKETS = "([{"
_DASHES = "—–‒―-"
_QUOTE_MARKS = "'\"‘’“”«»‹›„‚"
_STRAIGHT_QUOTE = re.compile("[\"']")
_ANY_QUOTE = re.compile(f"[{re.escape(_QUOTE_MARKS)}]")


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
    if char in _QUOTE_MARKS:
        return _Side.QUOTE
    if char in _BRACKETS:
        return _Side.OPEN
    if char in _DASHES:
        return _Side.DASH
    return _Side.OTHER


def curl(joined: Joined, quotes: Quotes) -> Joined:
    """Curl straight quotes left to right, reading what is already curled on the left.

    The left neighbour is read from the output and the right one from the input, where a
    straight and a curly quote fall in the same class: so a second pass, which finds the
    quotes already curled, would decide every remaining straight quote the same way.
    Feet and inches (5'10") and a straight quote between two digits stay straight: they are
    primes, not quotes.
    """
    text = joined.text
    straight = [match.start() for match in _STRAIGHT_QUOTE.finditer(text)]
    if not straight:
        return joined
    # Only quote marks open or close anything, and the output keeps every other character
    # where it was: the pairs are tracked over the marks' positions alone.
    marks = [match.start() for match in _ANY_QUOTE.finditer(text)]
    out: list[str] = []
    doubles = _Unclosed(quotes.double, marks)
    singles = _Unclosed((quotes.single,) if quotes.single else (), marks)
    last = 0
    for index in straight:
        out.extend(text[last:index])
        char = text[index]
        after = text[index + 1] if index + 1 < len(text) else None
        if char == '"':
            out.append(_double(out, after, quotes, doubles))
        else:
            out.append(_single(out, after, text, index + 1, quotes, singles))
        last = index + 1
    out.extend(text[last:])
    return retext(joined, "".join(out))


def _before(out: list[str], quotes: Quotes) -> _Side:
    """The left neighbour, where an opening quote counts as an opening bracket."""
    if out and out[-1] in quotes.openers:
        return _Side.OPEN
    return _side(out[-1] if out else None)


def _double(out: list[str], after: str | None, quotes: Quotes, doubles: _Unclosed) -> str:
    before = out[-1] if out else None
    if before is not None and before.isdigit() and _FEET.search("".join(out[-8:])):
        return '"'
    unclosed = doubles.at(out)
    if _opens(out, _side(after), unclosed, quotes):
        return quotes.double[min(len(unclosed), len(quotes.double) - 1)][0]
    closing = dict(quotes.double)
    return closing[unclosed[-1]] if unclosed else quotes.double[0][1]


def _single(out: list[str], after: str | None, text: str, rest: int, quotes: Quotes, singles: _Unclosed) -> str:
    if out and out[-1].isdigit() and after is not None and after.isdigit():
        return "'"
    before = _before(out, quotes)
    if quotes.single is None:
        return quotes.apostrophe if before is _Side.WORD and _side(after) is _Side.WORD else "'"
    if before in (_Side.SPACE, _Side.OPEN, _Side.DASH) and quotes.elision and quotes.elision.match(text, rest):
        return quotes.apostrophe
    unclosed = singles.at(out)
    if _opens(out, _side(after), unclosed, quotes):
        return quotes.single[0]
    if _side(after) is _Side.WORD or not unclosed:
        return quotes.apostrophe
    return quotes.single[1]


def _opens(out: list[str], after: _Side, unclosed: Sequence[str], quotes: Quotes) -> bool:
    before = _before(out, quotes)
    if _elided(out, quotes) and after is _Side.WORD:
        return True  # l’"Unità": the apostrophe ends an elided word, the quote opens the next
    if before is _Side.SPACE:
        return after is not _Side.SPACE or not unclosed
    if before is _Side.DASH:
        return after in (_Side.WORD, _Side.QUOTE)
    return before is _Side.OPEN


def _elided(out: list[str], quotes: Quotes) -> bool:
    return len(out) >= 2 and out[-1] == quotes.apostrophe and out[-2].isalpha()


class _Unclosed:
    """The opening marks of some pairs still open at the end of the output, read as it grows.

    A closing mark between two letters is an apostrophe, so it closes nothing; one that
    closes no open mark is ignored. Whether a mark sits between two letters is known once
    the next character is out, so the last character is read afresh at every question.
    """

    def __init__(self, pairs: Sequence[tuple[str, str]], marks: Sequence[int]) -> None:
        self._opening_of = {close: open_ for open_, close in pairs}
        self._openings = set(self._opening_of.values())
        self._stack: list[str] = []
        self._marks = marks  # where quote marks are: no other character opens or closes
        self._next = 0  # the first mark not yet read into the stack

    def at(self, out: list[str]) -> list[str]:
        """The marks open after ``out``, outermost first (``out`` only ever grows)."""
        marks = self._marks
        while self._next < len(marks) and marks[self._next] < len(out) - 1:
            self._take(self._stack, out, marks[self._next])
            self._next += 1
        stack = list(self._stack)
        if self._next < len(marks) and marks[self._next] == len(out) - 1:
            self._take(stack, out, len(out) - 1)
        return stack

    def _take(self, stack: list[str], out: list[str], index: int) -> None:
        char = out[index]
        if char in self._opening_of and not _inside_word(out, index):
            opening = self._opening_of[char]
            if opening in stack:
                del stack[len(stack) - 1 - stack[::-1].index(opening) :]
            elif char in self._openings and _opening_place(out, index):
                stack.append(char)  # a mark that also opens (Swedish ”) opens when none of its kind is open
        elif char in self._openings:
            stack.append(char)


def _inside_word(out: list[str], index: int) -> bool:
    return 0 < index < len(out) - 1 and out[index - 1].isalnum() and out[index + 1].isalnum()


def _opening_place(out: list[str], index: int) -> bool:
    """Whether a mark that both opens and closes stands where a quotation opens, not after a word.

    So the apostrophe of "Marx’ bok", the same character as Swedish ``’``, opens nothing.
    """
    return index == 0 or _side(out[index - 1]) in (_Side.SPACE, _Side.OPEN, _Side.DASH, _Side.QUOTE)
