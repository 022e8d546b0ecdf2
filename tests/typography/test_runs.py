"""Runs split back after edits exactly as a character-by-character record of runs would say.

The reference keeps a run number for every character (simple, and slow: what the module did
before it kept run starts instead); the property says the fast bookkeeping agrees with it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from publish.typography.runs import Edit, join, splice, split


def _reference(runs: list[str], edits: list[Edit]) -> list[str]:
    text = "".join(runs)
    origins = [k for k, run in enumerate(runs) for _ in run]
    pieces: list[tuple[str, int]] = []
    last = 0
    for start, end, replacement, anchor in sorted(edits):
        if start < last:
            continue
        pieces += [(text[i], origins[i]) for i in range(last, start)]
        pieces += [(char, origins[anchor]) for char in replacement]
        last = end
    pieces += [(text[i], origins[i]) for i in range(last, len(text))]
    return ["".join(char for char, origin in pieces if origin == k) for k in range(len(runs))]


@st.composite
def _case(draw: st.DrawFn) -> tuple[list[str], list[Edit]]:
    runs = draw(st.lists(st.text(alphabet="ab -'", max_size=6), min_size=1, max_size=6))
    length = len("".join(runs))
    if not length:
        return runs, []
    edits: list[Edit] = []
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, length - 1))
        end = draw(st.integers(start, min(length, start + 3)))
        # The anchors the rules use: the first replaced character, or for an insertion the
        # character on either side of it.
        sides = sorted({max(start - 1, 0), start})
        anchor = draw(st.sampled_from(sides)) if start == end else start
        if all(start != other for other, *_ in edits):  # a rule makes one edit at a place
            edits.append((start, end, draw(st.text(alphabet="XY", max_size=3)), anchor))
    return runs, edits


@given(_case())
def test_splice_keeps_every_character_in_its_run(case: tuple[list[str], list[Edit]]) -> None:
    runs, edits = case
    assert split(splice(join(runs), edits)) == _reference(runs, edits)


def test_a_replacement_across_runs_goes_to_the_first() -> None:
    joined = join(["a -", "- b"])
    assert split(splice(joined, [(2, 4, "—", 2)])) == ["a —", " b"]


def test_empty_runs_stay_empty_and_in_place() -> None:
    joined = join(["", "ab", "", "cd", ""])
    assert split(splice(joined, [(1, 3, "X", 1)])) == ["", "aX", "", "d", ""]
