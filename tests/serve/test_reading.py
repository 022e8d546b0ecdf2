"""The reading view: the EPUB's body markup as one safe HTML flow, its notes linked both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from publish.errors import PublishError
from publish.serve.reading import Reading, reading_page

LAZY = "archive/lafargue/1883/lazy/index.htm"


def fragment(markup: str) -> html.HtmlElement:
    return html.fragment_fromstring(markup, create_parent="div")


def assert_safe(reading: Reading) -> None:
    for markup in (reading.body_html, reading.notes_html):
        tree = fragment(markup)
        assert tree.xpath("//script|//iframe|//object|//embed|//style|//form") == []
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (name, value)
                if name in ("href", "src"):
                    assert value.startswith(("#", "http://", "https://", "mailto:", "/file/")), value


@pytest.fixture(scope="module")
def lazy(corpus: Path) -> Reading:
    return reading_page(corpus / "mia-tree", LAZY)


def test_a_work_with_notes_reads_as_one_page_with_its_notes_linked_both_ways(lazy: Reading) -> None:
    assert lazy.title == "The Right To Be Lazy"
    assert lazy.authors == ("Paul Lafargue",) and lazy.language == "en"
    body, notes = fragment(lazy.body_html), fragment(lazy.notes_html)
    calls = body.xpath("//a[@role='doc-noteref']")
    asides = notes.xpath("//aside[@role='doc-footnote']")
    assert len(calls) == len(asides) > 10
    ids = {element.get("id") for element in (*body.iter(), *notes.iter())} - {None}
    for call in calls:
        assert call.get("href", "").removeprefix("#") in ids
    for aside in asides:
        back = aside.xpath(".//a[@role='doc-backlink']")
        assert len(back) == 1 and back[0].get("href", "").removeprefix("#") in ids


def test_a_work_keeps_its_chapters_and_headings(lazy: Reading) -> None:
    body = fragment(lazy.body_html)
    sections = body.xpath("./section")
    assert len(sections) == 6
    assert all(section.xpath("./h2") for section in sections)  # the page's h1 is the app's title
    assert body.xpath("//h1") == []


def test_the_credits_are_the_colophons_facts(lazy: Reading) -> None:
    assert any(line.startswith("Source: ") for line in lazy.credits)
    assert any("Transcribed" in line or "Marked up" in line or "Transcription" in line for line in lazy.credits)
    assert all("\n" not in line for line in lazy.credits)


def test_the_archive_pages_read_safely(lazy: Reading) -> None:
    assert_safe(lazy)


HOSTILE = b"""<html><head><title>Hostile</title><script>alert('head')</script></head>
<body onload="alert('onload')">
<h2>A hostile page</h2>
<p>Its text <b onmouseover="alert('hover')">runs on</b>. <script>alert('body')</script>
<a href="javascript:alert('js')">a link</a>, <a href="javascript://%0aalert('js2')">another</a>,
<a href="JaVaScRiPt:alert(1)">a third</a>, <a href="data:text/html,<script>alert(4)</script>">data</a>,
<a href="https://www.marxists.org/">the archive</a> &lt;script&gt;alert('escaped')&lt;/script&gt;.</p>
<p><img src="photo.png" alt="A photo" onerror="alert('img')"></p>
<p><img src="../secret.png" alt="A secret"></p>
<p><img src="javascript:alert('src')" alt="A trick"></p>
<p>A claim.<a href="#n1" name="f1"><sup>1</sup></a> <iframe src="https://example.org"></iframe></p>
<p><a name="n1" href="#f1">1.</a> The note's words, <span onclick="alert('note')">clicked</span>.</p>
</body></html>"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    (archive / "bad").mkdir(parents=True)
    (archive / "bad" / "page.htm").write_bytes(HOSTILE)
    (archive / "bad" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (archive / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return archive


def test_a_hostile_page_loses_every_script_and_handler(hostile: Path) -> None:
    reading = reading_page(hostile, "bad/page.htm")
    assert_safe(reading)
    everything = (reading.body_html + reading.notes_html).lower()
    for bad in ("<script", "onload", "onerror", "onmouseover", "onclick", "javascript", "<iframe", "data:text"):
        assert bad not in everything, bad
    assert "&lt;script&gt;" in reading.body_html  # the page's own words about a script are words
    assert '<a href="https://www.marxists.org/">the archive</a>' in reading.body_html


def test_pictures_come_from_the_pages_own_folder_by_the_file_route(hostile: Path) -> None:
    body = fragment(reading_page(hostile, "bad/page.htm").body_html)
    assert [img.get("src") for img in body.iter("img")] == ["/file/bad/photo.png"]
    assert [img.get("alt") for img in body.iter("img")] == ["A photo"]
    words = body.text_content()
    assert "A secret" in words and "A trick" in words  # described in words, as the EPUB does


@pytest.mark.parametrize("key", ["../archive/bad/page.htm", "/etc/passwd", "bad", "bad/missing.htm", "%2e%2e/x"])
def test_a_key_outside_the_archive_is_refused_in_one_line(hostile: Path, key: str) -> None:
    with pytest.raises(PublishError) as raised:
        reading_page(hostile, key)
    assert "\n" not in str(raised.value)


def test_a_page_with_no_text_is_one_line(hostile: Path) -> None:
    (hostile / "empty.htm").write_bytes(b"<html><body></body></html>")
    with pytest.raises(PublishError, match="no text"):
        reading_page(hostile, "empty.htm")


def test_the_last_filter_drops_what_a_model_could_still_carry() -> None:
    """The model keeps any link with "://" (``javascript://`` too): the filter does not."""
    from publish.render.markup import element, serialise
    from publish.serve.reading import _make_safe

    link = element("a", "x", href=" JavaScript://%0aalert(1)", onclick="alert(2)", epub_type="noteref")
    picture = element("img", src="https://example.org/track.png", alt="tracker")
    for node in (link, picture):
        _make_safe(node)
    assert serialise(link) == "<span>x</span>"
    assert serialise(picture) == "<span>tracker</span>"
