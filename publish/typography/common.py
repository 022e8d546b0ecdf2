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

Quotes are curled in ``curling``; ``Quotes`` and ``curl`` are re-exported here, so a language
module finds every shared rule in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from publish.typography.curling import DIGIT_ELISION as DIGIT_ELISION
from publish.typography.curling import Quotes as Quotes
from publish.typography.curling import curl as curl
from publish.typography.runs import Edit, Joined, splice, substitute

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
_DOUBLED_SPACES = re.compile(r" (?<=\S )(?: +)(?=\S)")
_TIGHT = "([{\"'—–‒―-"  # a dash typed right after these gets no space before it
_DIGIT_GROUPS = re.compile(rf"\d(?<![\d.,]\d)\d{{0,2}}(?:{_SPACE}\d{{3}})+(?!\d)")


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


def spaced_dashes(joined: Joined, dash: str, *, tight_before: str, tight_after: str) -> Joined:
    """``--`` and ``---`` become ``dash`` with a space on each side where a word touches it.

    This is the dash of languages that set it spaced (German, Czech, Swedish…), where a dash
    typed tight between words would read as a range: between two digits it is a range, and
    stays tight. No space goes after an opening bracket or quote (``tight_before``, with
    the dashes and straight quotes), nor before anything but a word or ``tight_after``.
    """

    def spaced(match: re.Match[str]) -> str:
        text, start, end = match.string, match.start(), match.end()
        before = text[start - 1] if start > 0 else None
        after = text[end] if end < len(text) else None
        if before is not None and after is not None and before.isdigit() and after.isdigit():
            return dash
        lead = " " if before is not None and not before.isspace() and before not in _TIGHT + tight_before else ""
        trail = " " if after is not None and (after.isalnum() or after in tight_after) else ""
        return lead + dash + trail

    return substitute(joined, _HYPHENS, spaced)


def single_spaces(joined: Joined) -> Joined:
    """Two or more word spaces between two printing characters become one.

    Only U+0020 between non-spaces: a no-break space, a tab, and spaces that indent a line
    (after a line break) or pad the edge of a block are typed on purpose, and are kept.
    """
    return substitute(joined, _DOUBLED_SPACES, lambda _: " ")


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
