"""Text runs joined into one string, and split back without moving a character to another run.

Typographic rules need the whole block as context (a quote at the start of an ``Emphasis``
opens because of the space at the end of the run before it), yet the tree must keep its
shape: every ``Text`` node comes back, in place, holding its own characters. So a block's
runs are joined into one string in which each character remembers the run it came from;
rules rewrite that string, and the string is cut back into as many runs as went in.

A replacement's characters all go to the run of the first character it replaces, so a
``--`` split across two runs becomes an em dash in the first run and nothing in the second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat


@dataclass(frozen=True, slots=True, kw_only=True)
class Joined:
    """A block's runs as one string; ``origins[i]`` is the run that ``text[i]`` belongs to."""

    text: str
    origins: tuple[int, ...]
    count: int


def join(runs: Sequence[str]) -> Joined:
    origins = tuple(chain.from_iterable(repeat(index, len(run)) for index, run in enumerate(runs)))
    return Joined(text="".join(runs), origins=origins, count=len(runs))


def split(joined: Joined) -> list[str]:
    """The runs back from the text. ``origins`` never decreases (every edit keeps characters
    in order and gives a replacement the run of its first character), so each run is one
    slice, found by bisection rather than character by character."""
    text, origins = joined.text, joined.origins
    return [text[bisect_left(origins, run) : bisect_right(origins, run)] for run in range(joined.count)]


def substitute(joined: Joined, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> Joined:
    """Like ``pattern.sub``, but the replacement inherits the run of the match's first character.

    An empty replacement of a match simply drops its characters from their runs.
    """
    pieces: list[str] = []
    origins: list[int] = []
    last = 0
    for match in pattern.finditer(joined.text):
        start, end = match.span()
        if start == end:
            continue
        pieces.append(joined.text[last:start])
        origins.extend(joined.origins[last:start])
        replacement = replace(match)
        pieces.append(replacement)
        origins.extend([joined.origins[start]] * len(replacement))
        last = end
    if not pieces:
        return joined  # nothing matched: the common case, so no copy
    pieces.append(joined.text[last:])
    origins.extend(joined.origins[last:])
    return Joined(text="".join(pieces), origins=tuple(origins), count=joined.count)


def retext(joined: Joined, text: str) -> Joined:
    """Swap characters one for one (curling quotes), which cannot move anything between runs."""
    if len(text) != len(joined.text):
        raise ValueError("retext must keep the length of the text")
    return Joined(text=text, origins=joined.origins, count=joined.count)
