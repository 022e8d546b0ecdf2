"""A copy of an archive page knows its marxists.org URL from where it lies, and says so."""

from __future__ import annotations

from publish.model import Link, Paragraph, Text
from publish.normalise import read
from publish.normalise.archive import absolute, archive_url, relink

MIA_PAGE = "<p>Transcribed for the Marxists’ Internet Archive.</p>"


def test_a_mirror_path_and_a_flattened_name_give_the_same_url() -> None:
    url = "https://www.marxists.org/archive/marx/works/1875/gotha/index.htm"
    assert archive_url("/home/me/www.marxists.org/archive/marx/works/1875/gotha/index.htm", MIA_PAGE) == url
    assert archive_url("corpus/mia/archive__marx__works__1875__gotha__index.htm", MIA_PAGE) == url
    assert archive_url(r"C:\mirror\espanol\mariateg\index.htm", MIA_PAGE) == (
        "https://www.marxists.org/espanol/mariateg/index.htm"
    )


def test_nothing_is_guessed_for_a_page_that_is_not_the_archives() -> None:
    assert archive_url("/home/me/archive/leaflets/strike.htm", "<p>Our own leaflet.</p>") is None
    assert archive_url("/home/me/leaflets/strike.htm", MIA_PAGE) is None
    assert archive_url("/home/me/archive/notes.txt", MIA_PAGE) is None


def test_links_to_other_archive_pages_become_absolute() -> None:
    base = "https://www.marxists.org/archive/marx/works/1875/gotha/ch01.htm"
    assert (
        absolute("../letters/75_05_05.htm", base)
        == "https://www.marxists.org/archive/marx/works/1875/letters/75_05_05.htm"
    )
    assert absolute("#n1", base) == "#n1"
    assert absolute("http://example.org/", base) == "http://example.org/"
    assert absolute("../letters/75_05_05.htm", None) == "../letters/75_05_05.htm"
    paragraph = Paragraph(content=(Link(content=(Text(text="Bracke"),), target="ch02.htm"),))
    changed = relink((paragraph,), lambda target: absolute(target, base))
    target = "https://www.marxists.org/archive/marx/works/1875/gotha/ch02.htm"
    assert changed == (Paragraph(content=(Link(content=(Text(text="Bracke"),), target=target),)),)


def test_the_model_carries_the_url_as_origin_and_identifier() -> None:
    link = "<p>See <a href='../07/x.htm'>the July article</a> for more on this.</p>"
    page = f"<html><head><title>Party</title></head><body><h1>Party</h1>{MIA_PAGE}{link}</body></html>"
    first = read(page.encode(), "/a/www.marxists.org/archive/harman/2002/06/party.htm").document
    second = read(page.encode(), "/elsewhere/archive__harman__2002__06__party.htm").document
    assert first.metadata.origin == "https://www.marxists.org/archive/harman/2002/06/party.htm"
    assert first.metadata.identifier == second.metadata.identifier
    targets = [
        inline.target
        for block in first.body
        if isinstance(block, Paragraph)
        for inline in block.content
        if isinstance(inline, Link)
    ]
    assert targets == ["https://www.marxists.org/archive/harman/2002/07/x.htm"]
