"""What a header line is not: a date line is no subtitle, a work's title no series, a site no translator."""

from __future__ import annotations

from pathlib import Path

from publish.model import Metadata, Role
from publish.normalise import read
from publish.normalise.credits import is_site
from publish.normalise.dates import is_date_line

_PROSE = "<p>We wrote these lines on the question over many years, and print them here together for once.</p>"
_GRAMSCI = "mia-tree/archive/harman/2007/xx/gramsci-intro.html"


def _read(header: str) -> Metadata:
    page = f"<html><head><title>T</title></head><body><h2>Jan Kowalski</h2>{header}{_PROSE}</body></html>"
    return read(page.encode("utf-8"), "archive/kowalski/page.htm").document.metadata


def test_date_lines_with_or_without_a_year() -> None:
    for line in ("February 10th.", "10 février", "(8 June 2002)", "12 de enero"):
        assert is_date_line(line), line
    for line in ("Chapter 10", "May Day", "February 1917", "10 May Street", "Lettre du 10 février 1871"):
        assert not is_date_line(line), line


def test_a_date_line_under_the_title_is_no_subtitle() -> None:
    for line in ("February 10th.", "10 février"):
        metadata = _read(f"<h1>A Letter to the Workers</h1><h3>{line}</h3>")
        assert metadata.subtitle is None
        assert line in metadata.credits  # kept as the page says it: there is no year to date it by


def test_a_subtitle_that_is_no_date_line_stays_one() -> None:
    assert _read("<h1>A Letter</h1><h3>To the Workers of Paris</h3>").subtitle == "To the Workers of Paris"


def test_the_works_title_over_its_introduction_is_the_title_not_a_series(corpus: Path) -> None:
    """h2 "Gramsci’s revolutionary legacy" over h1 "Introduction": a work and its division."""
    metadata = read((corpus / _GRAMSCI).read_bytes(), _GRAMSCI).document.metadata
    assert (metadata.title, metadata.subtitle, metadata.collection) == (
        "Gramsci’s revolutionary legacy",
        "Introduction",
        None,
    )


def test_the_works_title_over_a_chapter_is_the_title_in_any_language() -> None:
    metadata = _read("<h2>Los siete ensayos</h2><h1>Capítulo 3</h1>")
    assert (metadata.title, metadata.subtitle, metadata.collection) == ("Los siete ensayos", "Capítulo 3", None)


def test_a_column_name_over_an_article_stays_the_series() -> None:
    metadata = _read("<h2>Thinking it through</h2><h1>The market falls from fashion</h1>")
    assert (metadata.title, metadata.collection) == ("The market falls from fashion", "Thinking it through")


def test_a_blog_or_a_site_is_no_translator() -> None:
    lines = "Translated: by the blog Left Voice<br>Traducción: www.rebelion.org<br>Translated by Charles Kerr"
    metadata = _read(f'<h1>A Letter</h1><p class="information">{lines}</p>')
    assert [(c.name, c.roles) for c in metadata.contributors] == [("Charles Kerr", (Role.TRANSLATOR,))]
    assert "Translated: by the blog Left Voice" in metadata.credits
    assert "Traducción: www.rebelion.org" in metadata.credits
    assert is_site("marxists.org") and is_site("Left Voice blog") and not is_site("Charles H. Kerr")


_STEEL = "mia-tree/archive/harman/1973/05/steel.htm"
_NPA = "mia-tree/archive/harman/2009/09/npa.htm"


def test_authors_broken_after_their_joining_word_are_authors_not_a_series(corpus: Path) -> None:
    """h2 "Rob Clay &<br>Chris Harman": two authors, not a collection named for them."""
    metadata = read((corpus / _STEEL).read_bytes(), _STEEL).document.metadata
    assert (metadata.authors, metadata.collection) == (("Rob Clay", "Chris Harman"), None)


def test_a_names_line_broken_after_y_is_one_line_of_authors() -> None:
    page = f"<html><body><h2>Ana Gil y<br>Pedro Ruiz</h2><h1>El partido</h1>{_PROSE}</body></html>"
    metadata = read(page.encode("utf-8"), "archive/gil/page.htm").document.metadata
    assert (metadata.authors, metadata.collection) == (("Ana Gil", "Pedro Ruiz"), None)


def test_an_author_line_set_twice_is_no_series(corpus: Path) -> None:
    metadata = read((corpus / _NPA).read_bytes(), _NPA).document.metadata
    assert (metadata.authors, metadata.collection) == (("Chris Harman",), None)
    twice = _read("<h2>Jan Kowalski</h2><h1>The Strike</h1>")
    assert (twice.authors, twice.collection) == (("Jan Kowalski",), None)
