"""A cover's text costs the same however long the title is (found by the fuzz suite: a page
whose lost tags made its whole text the title took seconds to set; megabytes would take hours)."""

from __future__ import annotations

import pytest

from publish.render import cover_setting
from publish.render.cover_setting import AUTHOR, TITLE, Measure, Style, set_text


@pytest.mark.parametrize("style", [TITLE, AUTHOR], ids=["title", "author"])
def test_a_title_a_hundred_times_longer_costs_no_more_to_set(style: Style, monkeypatch: pytest.MonkeyPatch) -> None:
    words = "the workers of the world met every evening to read the paper " * 40
    short_count, short = _lines_and_count(words, style, monkeypatch)
    long_count, long = _lines_and_count(words * 100, style, monkeypatch)
    assert long == short  # the same lines drawn, the last ending in an ellipsis
    assert long[-1].endswith("…")
    assert long_count <= short_count + 5


def _lines_and_count(text: str, style: Style, monkeypatch: pytest.MonkeyPatch) -> tuple[int, tuple[str, ...]]:
    """How many lines were tried against the measure to set ``text``, and the lines set."""
    calls: list[str] = []
    fits = Measure.fits

    def counted(self: Measure, line: str, width: float) -> bool:
        calls.append(line)
        return fits(self, line, width)

    monkeypatch.setattr(cover_setting.Measure, "fits", counted)
    lines = set_text(text, style, 1200, "en").lines
    return len(calls), lines
