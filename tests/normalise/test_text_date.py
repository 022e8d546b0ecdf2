"""The text's date: the most precise of the candidates that agree, the source line's when nothing else dates
the text, and never more precise than the page states."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.audit import audit
from publish.model import Metadata
from publish.normalise import read
from publish.normalise.dates import consistent_refinement, stated_date

_KITZ = "mia/archive__kitz__strikes.htm"
_GOTHA = "mia/archive__marx__works__1875__gotha__index.htm"


def _html(lines: str, header: str = "") -> bytes:
    page = (
        "<html><head><title>T</title></head><body><h2>Jan Kowalski</h2><h1>The Text</h1>"
        f'{header}<p class="information">{lines}</p>'
        "<p>We wrote these lines on the question over many years, and print them here together for once.</p>"
        "</body></html>"
    )
    return page.encode("utf-8")


def _works_page(lines: str, header: str = "") -> Metadata:
    return read(_html(lines, header), "archive/kowalski/page.htm").document.metadata


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April or early May, 1875", "1875"),
        ("July/August 1988", "1988"),
        ("17 February–15 March 1980", "1980"),
        ("April oder Anfang Mai 1875", "1875"),
        ("Commonweal, Oct. 12, 1889", "1889-10-12"),
        ("12 de julio de 1929", "1929-07-12"),
    ],
)
def test_a_line_naming_two_months_states_only_their_year(text: str, expected: str) -> None:
    assert stated_date(text) == expected


def test_the_first_candidate_is_refined_only_by_those_that_agree() -> None:
    assert consistent_refinement(["1929", None, "1929-07-11"]) == "1929-07-11"
    assert consistent_refinement(["1929", "1928-05", "1929-07"]) == "1929-07"
    assert consistent_refinement(["1929-07", "1929-08-01"]) == "1929-07"
    assert consistent_refinement([None, None]) is None


def test_the_written_year_gains_the_day_the_source_line_gives() -> None:
    """ "Escrito: 1929" and "Fuente: Amauta, 11 de julio de 1929": 1929-07-11, in Spanish."""
    metadata = _works_page("Escrito: 1929<br>Fuente: Amauta, 11 de julio de 1929")
    assert (metadata.written, metadata.date) == ("1929", "1929-07-11")


def test_the_header_date_is_made_as_precise_as_a_written_line_that_agrees() -> None:
    """The issue's own example: "(1929)" in the header and "Written: 11 July 1929"."""
    page = _works_page("Written: 11 July 1929", header="<h3>(1929)</h3>")
    assert (page.date, page.written) == ("1929-07-11", "1929-07-11")


def test_the_refined_header_date_is_no_lost_word_for_the_audit() -> None:
    """The header's "(1929)" stays a form of the text's date 1929-07-11 as the page wrote it."""
    html = _html("Written: 11 July 1929", header="<h3>(1929)</h3>")
    assert audit(html, "archive/x/works/1929/07/page.htm").passed


def test_a_written_date_that_disagrees_leaves_the_header_date() -> None:
    metadata = _works_page("Written: 5 May 1928", header="<h3>(1929)</h3>")
    assert (metadata.date, metadata.written) == ("1929", "1928-05-05")


def test_the_source_line_dates_a_text_nothing_else_dates() -> None:
    assert _works_page("Source: Socialist Standard, October 1909").date == "1909-10"
    assert _works_page("Fuente: Socialist Standard, julio/agosto de 1909").date == "1909"


def test_kitz_is_dated_by_its_source(corpus: Path) -> None:
    metadata = read((corpus / _KITZ).read_bytes(), _KITZ).document.metadata
    assert metadata.source == "Commonweal, Oct. 12, 1889"
    assert metadata.date == "1889-10-12"


def test_gotha_was_written_in_1875_not_in_may(corpus: Path) -> None:
    """ "Written: April or early May, 1875": the month is not known, and is not made up."""
    metadata = read((corpus / _GOTHA).read_bytes(), _GOTHA).document.metadata
    assert (metadata.written, metadata.date) == ("1875", "1875")
