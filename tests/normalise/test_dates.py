from __future__ import annotations

import pytest

from publish.normalise.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 June 2002", "2002-06-08"),
        ("(8 June 2002)", "2002-06-08"),
        ("Socialism from below, Socialist Worker, No.1803, 8 June 2002.", "2002-06-08"),
        ("Socialist Worker, No.1803", None),
        ("June 8, 1917", "1917-06-08"),
        ("8th of November 1917", "1917-11-08"),
        ("13.11.2003", "2003-11-13"),
        ("Spring 1919", "1919"),
        ("April 1980", "1980-04"),
        ("Sept. 1939", "1939-09"),
        ("1980-04", "1980-04"),
        ("no date here", None),
        ("32 June 2002", "2002-06"),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected
