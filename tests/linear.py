"""Hostile inputs for the linearity tests, and a step counter.

No test here times anything: an input of 200,000 characters is one a quadratic algorithm
(40 billion steps) could not finish in a CI run, while a linear one takes milliseconds; and
where a step can be counted (a measurement of a line on the cover) the test counts it at n and
2n and asserts the count does not grow faster than the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

BIG = 200_000
"""Characters in a hostile run: linear work is instant, quadratic work is 4·10¹⁰ steps."""


def run_of(char: str, n: int = BIG, *, before: str = "a", after: str = "x") -> str:
    """``n`` copies of ``char`` between two characters that make a match fail at the run's end."""
    return f"{before}{char * n}{after}"


@contextmanager
def counting(owner: Any, name: str) -> Iterator[list[int]]:
    """Counts calls to ``owner.name`` (a function or method) while the block runs: ``[calls]``."""
    original: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    setattr(owner, name, counted)
    try:
        yield calls
    finally:
        setattr(owner, name, original)
