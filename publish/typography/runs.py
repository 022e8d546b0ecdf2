"""Text runs joined into one string, and split back without moving a character to another run.

Typographic rules need the whole block as context (a quote at the start of an ``Emphasis``
opens because of the space at the end of the run before it), yet the tree must keep its
shape: every ``Text`` node comes back, in place, holding its own characters. So a block's
runs are joined into one string that remembers where each run starts; rules rewrite that
string, and the string is cut back into as many runs as went in.

A replacement's characters all go to one run, by default that of the first character it
replaces, so a ``--`` split across two runs becomes an em dash in the first run and nothing
in the second. Runs are kept as their start offsets, not as a run number per character: an
edit then costs time in proportion to the edits and runs, not to the block's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

Edit = tuple[int, int, str, int]
"""Replace ``text[start:end]`` by a string whose characters join the run of ``text[anchor]``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Joined:
    """A block's runs as one string; run ``k`` is ``text[bounds[k]:bounds[k + 1]]``."""

    text: str
    bounds: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.bounds) - 1

    def run_of(self, index: int) -> int:
        """The run that ``text[index]`` belongs to (the last of several that start there: the others are empty)."""
        return bisect_right(self.bounds, index, 0, len(self.bounds) - 1) - 1


def join(runs: Sequence[str]) -> Joined:
    return Joined(text="".join(runs), bounds=(0, *accumulate(map(len, runs))))


def split(joined: Joined) -> list[str]:
    text, bounds = joined.text, joined.bounds
    return [text[bounds[k] : bounds[k + 1]] for k in range(len(bounds) - 1)]


def splice(joined: Joined, edits: Iterable[Edit]) -> Joined:
    """Apply edits at their places in the text; an edit that overlaps an earlier one is dropped.

    A run's new start is the number of characters before it that belong to earlier runs, so
    it is found by walking the kept stretches and the replacements in order. That relies on
    what every rule keeps: a replacement joins the run of its first character, an insertion
    that of a character beside it, so run numbers never decrease along the text.
    """
    text, bounds = joined.text, joined.bounds
    last_run = len(bounds) - 1
    pieces: list[str] = []
    placed: list[int] = []
    size = 0  # the length of the new text so far
    k = 0  # the next run whose start is to be placed

    def keep(start: int, end: int) -> None:
        nonlocal size, k
        if start >= end:
            return
        while k <= last_run and bounds[k] < end:
            placed.append(size + max(bounds[k] - start, 0))
            k += 1
        pieces.append(text[start:end])
        size += end - start

    last = 0
    for start, end, replacement, anchor in sorted(edits):
        if start < last:
            continue
        keep(last, start)
        if replacement:
            run = joined.run_of(anchor)
            while k <= run:
                placed.append(size)
                k += 1
            pieces.append(replacement)
            size += len(replacement)
        last = end
    keep(last, len(text))
    placed.extend([size] * (last_run + 1 - k))
    return Joined(text="".join(pieces), bounds=tuple(placed))


def substitute(joined: Joined, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Joined:
    """Like ``pattern.sub``, but the replacement joins the run of the match's first character.

    An empty replacement of a match simply drops its characters from their runs.
    """
    edits = [
        (start, end, replace(match), start)
        for match in pattern.finditer(joined.text)
        if (start := match.start()) != (end := match.end())
    ]
    return splice(joined, edits) if edits else joined  # nothing matched: the common case, so no copy


def retext(joined: Joined, text: str) -> Joined:
    """Swap characters one for one (curling quotes), which cannot move anything between runs."""
    if len(text) != len(joined.text):
        raise ValueError("retext must keep the length of the text")
    return Joined(text=text, bounds=joined.bounds)
