"""Authors named outside the header: the ``meta`` tag, a "Name: …" ``<title>``, a "By …" line.

Each is taken only where the page bears it out and is not about the person it names.
"""

from __future__ import annotations

from pathlib import Path

from publish.model import Metadata
from publish.normalise import read

_PROSE = "<p>We wrote these lines on the question over many years, and print them here together for the first time.</p>"
_HARMAN = "mia-tree/archive/harman/1970/02/election.html"
_STEEL = "mia-tree/archive/harman/1973/05/steel.htm"


def _read(head: str, body: str, origin: str = "archive/someone/1930/page.htm") -> Metadata:
    page = f"<html><head>{head}</head><body>{body}{_PROSE}</body></html>"
    return read(page.encode("utf-8"), origin).document.metadata


def test_an_editorial_without_an_author_line_takes_the_meta_author(corpus: Path) -> None:
    """h2 "Editorial" is a rubric; the meta tag names Chris Harman and the folder bears him out."""
    metadata = read((corpus / _HARMAN).read_bytes(), _HARMAN).document.metadata
    assert metadata.authors == ("Chris Harman",)
    assert metadata.title == "Their Election and Us"


def test_a_meta_list_of_authors_is_split(corpus: Path) -> None:
    """ "Rob Clay, Chris Harman", borne out by the <title> "Clay/Harman: …"."""
    metadata = read((corpus / _STEEL).read_bytes(), _STEEL).document.metadata
    assert metadata.authors == ("Rob Clay", "Chris Harman")


def test_a_meta_list_in_another_language_is_split_by_its_own_word() -> None:
    head = '<title>Le parti</title><meta name="author" content="Pierre Naville et Jean Dupont">'
    metadata = _read(head, "<h1>Le parti</h1>", "archive/naville/1930/parti.htm")
    assert metadata.authors == ("Pierre Naville", "Jean Dupont")


def test_names_in_the_title_are_the_authors_when_the_folder_bears_them_out() -> None:
    head = "<title>Karl Marx and Frederick Engels: Letters on Ireland</title>"
    metadata = _read(head, "<h1>Letters on Ireland</h1>", "archive/marx/works/1869/ireland.htm")
    assert metadata.authors == ("Karl Marx", "Frederick Engels")
    assert metadata.title == "Letters on Ireland"


def test_a_place_in_the_title_is_no_author() -> None:
    """ "Northern Ireland: …" reads as two capitalised words before a colon; nothing bears it out."""
    metadata = _read("<title>Northern Ireland: The Crisis</title>", "<h1>The Crisis</h1>")
    assert metadata.authors == ()


def test_a_byline_after_the_header_names_the_author() -> None:
    quote = "<blockquote><p>Workers of the world unite, you have nothing to lose but your chains.</p></blockquote>"
    metadata = _read("<title>The Strike</title>", f"<h1>The Strike</h1>{quote}<p>By Jane Roe</p>")
    assert metadata.authors == ("Jane Roe",)


def test_a_page_about_the_person_the_meta_tag_names_has_no_author() -> None:
    head = '<title>Karl Marx: Biography</title><meta name="author" content="Karl Marx">'
    assert _read(head, "<h1>Karl Marx</h1>", "archive/marx/bio/index.htm").authors == ()


def test_meta_names_the_page_does_not_bear_out_are_not_taken() -> None:
    """A 404 page's maker, a site's name, a language and surnames alone are no authors."""
    for content in ("Andy Blunden", "marxists.org, eesti", "Shqip, Marks, Engels"):
        head = f'<title>File Not Found</title><meta name="author" content="{content}">'
        assert _read(head, "<h1>File Not Found</h1>", "italiano/404.htm").authors == (), content


def test_the_pages_transcriber_in_the_meta_tag_is_no_author() -> None:
    head = '<title>Pictures</title><meta name="author" content="Brian Baggins">'
    body = '<h1>Pictures</h1><p class="information">Transcription/Markup: Brian Baggins</p>'
    metadata = _read(head, body, "archive/baggins/pictures.htm")
    assert metadata.authors == ()
