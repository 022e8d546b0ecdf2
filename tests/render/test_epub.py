"""The EPUB backend: valid under EPUBCheck, every word in order, the metadata a store reads."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from publish.model import Document
from publish.pipeline import load
from publish.render.epub import render_epub
from publish.words import block_text, first_missing, words
from tests.conftest import SEED, corpus_dir
from tests.support import epubcheck, spine_documents, xhtml_text

_HTML_ORIGINAL = "mia/archive__harman__2002__06__party.htm"


def _inputs() -> list[tuple[str, Path]]:
    cases = [("seed", SEED)]
    corpus = corpus_dir()
    if corpus is not None:
        cases.append(("html", corpus / _HTML_ORIGINAL))
    return cases


@pytest.fixture(scope="module", params=_inputs(), ids=lambda case: case[0])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, bytes, Path]:
    name, path = request.param
    document = load(path.read_bytes(), str(path)).document
    data = render_epub(document)
    out = tmp_path_factory.mktemp("epub") / f"{name}.epub"
    out.write_bytes(data)
    return document, data, out


def test_epubcheck_reports_nothing(book: tuple[Document, bytes, Path]) -> None:
    messages = epubcheck(book[2])
    assert messages == [], "\n".join(f"{m['severity']} {m['ID']}: {m['message']}" for m in messages)


def test_every_body_word_is_in_the_text_in_order(book: tuple[Document, bytes, Path]) -> None:
    document, data, _ = book
    text = "\n".join(xhtml_text(page) for _, page in spine_documents(data))
    missing = first_missing(words(block_text(document.body)), words(text))
    assert missing is None, f"word {missing.index} {missing.word!r} not found in order near: {missing.context}"


def test_cover_title_page_body_and_colophon_in_reading_order(book: tuple[Document, bytes, Path]) -> None:
    pages = spine_documents(book[1])
    assert [href for href, _ in pages] == ["cover.xhtml", "title.xhtml", "text.xhtml", "colophon.xhtml"]
    colophon = xhtml_text(pages[-1][1])
    assert "Socialist Worker" in colophon and "No.1803" in colophon
    assert "Marked up by Einde O’Callaghan" in colophon
    for _, page in pages:
        assert page.get("lang") == "en"
        assert page.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_package_metadata(book: tuple[Document, bytes, Path]) -> None:
    with zipfile.ZipFile(BytesIO(book[1])) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    dc = "{http://purl.org/dc/elements/1.1/}"

    def values(name: str) -> list[str | None]:
        return [element.text for element in opf.iter(f"{dc}{name}")]

    assert values("title") == ["A different kind of party altogether"]
    assert values("creator") == ["Chris Harman"]
    assert values("language") == ["en"]
    assert values("date") == ["2002-06-08"]
    assert values("source") == ["Socialism from below, Socialist Worker, No.1803, 8 June 2002"]
    assert values("contributor") == ["Einde O’Callaghan"]
    identifier = values("identifier")
    assert len(identifier) == 1 and identifier[0] is not None and identifier[0].startswith("urn:uuid:")
    roles = {meta.text for meta in opf.iter("{*}meta") if meta.get("property") == "role"}
    assert roles == {"aut", "mrk"}


def test_nav_lists_the_text(book: tuple[Document, bytes, Path]) -> None:
    with zipfile.ZipFile(BytesIO(book[1])) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    links = [(a.get("href"), a.text) for a in nav.iter("{*}a")]
    assert ("text.xhtml", "A different kind of party altogether") in links


def test_same_input_gives_identical_bytes() -> None:
    document = load(SEED.read_bytes(), str(SEED)).document
    assert render_epub(document) == render_epub(document)
