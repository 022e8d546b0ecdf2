"""Rules every language shares, each taking its marks as arguments: dashes, ellipses, quotes, spaces.

A language module strings these together in its own order with its own marks. Like the
language rules, each helper only swaps, removes or inserts punctuation and spaces (never a
letter or digit), reaches a fixed point in one application, and keeps every character in
its run: a space a rule replaces stays in the run it was in, and a space a rule inserts goes
to the run of the mark it belongs to (the space inside ``«`` goes with the ``«``, the one
before ``;`` with the ``;``), so it never lands inside an ``Emphasis`` by accident.

Order matters for the fixed point: a rule that reads spaces (the spaced hyphen, the
dialogue dash, the no-break space before a dash) runs after every rule that rewrites them,
so that a second pass reads the spaces the first one left.

Quotes are curled by reading both neighbours (see ``curl``): a quote opens after
whitespace, the start of the block, an opening bracket or an opening quote, and after a dash
when a word or quote follows; it closes elsewhere. A straight quote with spaces on both
sides closes only if a quote of its kind is open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from publish.typography.runs import Edit, Joined, retext, splice, substitute

NBSP = "\u00a0"
"""A no-break space the width of a word space."""
NNBSP = "\u202f"
"""A narrow no-break space (French "espace fine insécable"); WeasyPrint sets it without trouble."""

SPACES = " \t\u00a0\u202f\u2009"
"""Horizontal white space a rule may replace; a line break never counts."""
_SPACE = f"[{SPACES}]"

_NON_BREAKING_HYPHEN = re.compile("\u2011")
_DOTS = re.compile(r"\.(?:[ \u00a0]?\.){2,}")
# Each pattern starts with the character it is about and looks behind only after it: a leading
# lookbehind makes the regex engine try it at every position of the text, several times slower.
_HYPHENS = re.compile(r"-(?<!--)-{1,2}(?!-)")
_SPACED_HYPHEN = re.compile(rf"-(?:(?<=[^\s\d][ \u00a0]-)(?={_SPACE}+\S)|(?<=\S[ \u00a0]-)(?={_SPACE}+[^\s\d]))")
_DIALOGUE = re.compile(r"-(?<![^\n]-)(?!-)(?=[ \u00a0]?[^\W\d_]|[ \u00a0]?[¿¡«“‘\"'])")
_DIGIT_GROUPS = re.compile(rf"\d(?<![\d.,]\d)\d{{0,2}}(?:{_SPACE}\d{{3}})+(?!\d)")

DIGIT_ELISION = re.compile(r"\d\d(?!\d)")
"""A straight single quote before two digits ('68, '90s) is an apostrophe, not a quote."""


def plain_hyphens(joined: Joined) -> Joined:
    """A non-breaking hyphen (U+2011) becomes a plain one: it stalls the PDF engine."""
    return substitute(joined, _NON_BREAKING_HYPHEN, lambda _: "-")


def ellipses(joined: Joined) -> Joined:
    """Three or four dots, tight or single-spaced, become ``…`` (four: ``….``); five or more are leaders."""
    return substitute(joined, _DOTS, _ellipsis)


def _ellipsis(match: re.Match[str]) -> str:
    dots = match.group().count(".")
    return {3: "…", 4: "…."}.get(dots, match.group())


def dashes(joined: Joined, dash: str) -> Joined:
    """``--`` and ``---`` become ``dash``, spaces around kept; four or more hyphens are a rule, left alone."""
    return substitute(joined, _HYPHENS, lambda _: dash)


def spaced_hyphens(joined: Joined, dash: str) -> Joined:
    """A hyphen with a space on each side becomes ``dash``, unless digits stand on both sides.

    Run it after the rules that respace (a French colon, a guillemet): it reads the spaces
    around the hyphen, and must read them as they will stay.
    """
    return substitute(joined, _SPACED_HYPHEN, lambda _: dash)


def dialogue_dashes(joined: Joined, dash: str) -> Joined:
    """A single hyphen opening a line, before a word or a quote, is a dialogue dash.

    Spaces after it are kept as typed: a list written with "- " keeps its look. A hyphen
    before a digit (a negative number) is left alone.
    """
    return substitute(joined, _DIALOGUE, lambda _: dash)


def space_before_dash(joined: Joined, dash: str, space: str) -> Joined:
    """Spaces between a word and a following ``dash`` become one ``space``: the dash cannot start a line."""
    pattern = re.compile(rf"(?<=\S)(?P<space>{_SPACE}+)(?={re.escape(dash)})")
    return no_break(joined, pattern, space)


# --- spaces -------------------------------------------------------------------------------


def no_break(joined: Joined, pattern: re.Pattern[str], space: str) -> Joined:
    """Each match's group ``space`` (a run of spaces) becomes ``space``, in the run it was in."""
    edits: list[Edit] = []
    for match in pattern.finditer(joined.text):
        start, end = match.span("space")
        if start < end and joined.text[start:end] != space:
            edits.append((start, end, space, start))
    return splice(joined, edits) if edits else joined


def abbreviations(*, names: Iterable[str] = (), numbers: Iterable[str] = ()) -> re.Pattern[str]:
    """A pattern for the spaces after abbreviations that must not end a line.

    ``names`` ("M.", "Dr.") hold on to a following word; ``numbers`` ("p.", "vol.", "§")
    only to a following number, Arabic or Roman, so "p." ending a sentence stays free.
    Each is matched as written, case and dots included, and only as a whole word.
    """

    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    parts: list[str] = []
    names, numbers = tuple(names), tuple(numbers)
    if names:
        parts.append(rf"(?:{alternation(names)})(?={_SPACE}+[^\W\d_])")
    if numbers:
        parts.append(rf"(?:{alternation(numbers)})(?={_SPACE}+(?:\d|[IVXLCDM]+(?![^\W\d_])))")
    return re.compile(rf"(?<![\w.’'])(?:{'|'.join(parts)})(?P<space>{_SPACE}+)")


def digit_groups(joined: Joined, space: str) -> Joined:
    """Spaces between groups of three digits ("10 000", "1 250 000") become ``space``.

    A group of four digits never starts such a number, so "1917 100 ouvriers" is left as it is.
    """
    edits: list[Edit] = []
    for match in _DIGIT_GROUPS.finditer(joined.text):
        for index in range(match.start(), match.end()):
            char = joined.text[index]
            if not char.isdigit() and char != space:
                edits.append((index, index + 1, space, index))
    return splice(joined, edits) if edits else joined


def guillemet_spacing(joined: Joined, space: str, *, paired: bool) -> Joined:
    """The spaces just inside ``«`` and ``»`` become ``space`` ("" removes them).

    With ``paired`` only a ``«`` and the ``»`` that closes it are respaced, and a lone mark
    (a ditto in a table, a breadcrumb) is left alone; without, every ``«`` is taken as opening
    and every ``»`` as closing, as in French, where a quotation running over paragraphs opens
    each with a mark of its own. A mark next to a line break or the edge of the block, or an
    empty pair, keeps what it has.
    """
    text = joined.text
    if paired:
        openings, closings = _pairs(text)
    else:
        openings = [index for index, char in enumerate(text) if char == "«"]
        closings = [index for index, char in enumerate(text) if char == "»"]
    edits: list[Edit] = []
    for mark in openings:
        end = mark + 1
        while end < len(text) and text[end] in SPACES:
            end += 1
        if end < len(text) and text[end] not in "\n»" and text[mark + 1 : end] != space:
            edits.append((mark + 1, end, space, mark if end == mark + 1 else mark + 1))
    for mark in closings:
        start = mark
        while start > 0 and text[start - 1] in SPACES:
            start -= 1
        if start > 0 and text[start - 1] not in "\n«" and text[start:mark] != space:
            edits.append((start, mark, space, mark if start == mark else start))
    return splice(joined, edits) if edits else joined


def _pairs(text: str) -> tuple[list[int], list[int]]:
    open_marks: list[int] = []
    openings: list[int] = []
    closings: list[int] = []
    for index, char in enumerate(text):
        if char == "«":
            open_marks.append(index)
        elif char == "»" and open_marks:
            openings.append(open_marks.pop())
            closings.append(index)
    return openings, closings


# --- quotes -------------------------------------------------------------------------------


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
        elif char in self._openings:
            stack.append(char)


def _inside_word(out: list[str], index: int) -> bool:
    return 0 < index < len(out) - 1 and out[index - 1].isalnum() and out[index + 1].isalnum()
