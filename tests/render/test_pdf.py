"""The PDF backend: an A5 pamphlet with embedded fonts, an outline, metadata and every word."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from publish.model import Document, Figure, Metadata, Paragraph, Text
from publish.pipeline import load
from publish.render.options import PdfOptions
from publish.render.pdf import PdfResult, render_pdf
from publish.typography import apply_typography
from publish.words import block_text, first_missing, words
from tests.conftest import SEED
from tests.support import pdf_text

_MM = 72 / 25.4
_SIZES = {
    "a5": (148, 210),
    "a4": (210, 297),
    "a6": (105, 148),
    "letter": (215.9, 279.4),
    "half-letter": (139.7, 215.9),
    "140x216mm": (140, 216),
    "6x9in": (152.4, 228.6),
}


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return load(SEED.read_bytes(), str(SEED)).document


@pytest.fixture(scope="module")
def pamphlet(seed_document: Document) -> PdfResult:
    return render_pdf(seed_document, PdfOptions(base_dir=SEED.parent))


def _reader(result: PdfResult) -> PdfReader:
    return PdfReader(io.BytesIO(result.data))


def _page_size_mm(reader: PdfReader, index: int) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return float(box.width) / _MM, float(box.height) / _MM


def test_every_page_is_a5(pamphlet: PdfResult) -> None:
    reader = _reader(pamphlet)
    assert len(reader.pages) == pamphlet.pages >= 3
    for index in range(len(reader.pages)):
        width, height = _page_size_mm(reader, index)
        assert width == pytest.approx(148, abs=0.5) and height == pytest.approx(210, abs=0.5)


def test_fonts_are_embedded_and_are_the_book_face(pamphlet: PdfResult) -> None:
    assert _font_names(pamphlet)


def test_french_spacing_keeps_to_the_book_face() -> None:
    """U+202F (before ; : ! ? and inside « ») is not in the book face; HarfBuzz makes it from the
    face's own space, and no system font may be pulled in to fill the gap."""
    text = '"Le droit à la paresse" ; voilà notre devise ! Qui le nie ? Personne : pas même M. Thiers.'
    document = Document(
        metadata=Metadata(title="Le droit à la paresse", language="fr", authors=("Paul Lafargue",)),
        body=(Paragraph(content=(Text(text=text),)),),
    )
    typeset = apply_typography(document)
    assert "\u202f" in block_text(typeset.body)
    result = render_pdf(typeset, PdfOptions())
    assert _font_names(result)
    assert "voilà notre devise" in pdf_text(result.data)


def _font_names(result: PdfResult) -> set[str]:
    """The fonts on the pages, each checked to be embedded and to be the book's own face."""
    reader = _reader(result)
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
                "/FontDescriptor"
            ].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert names and all(name.startswith("Source-Serif-Pro") for name in names), names
    return names


def test_outline_has_the_article(pamphlet: PdfResult) -> None:
    titles = [item.title for item in _reader(pamphlet).outline if not isinstance(item, list)]
    assert "A different kind of party altogether" in titles


def test_document_metadata(pamphlet: PdfResult) -> None:
    info = _reader(pamphlet).metadata
    assert info is not None
    assert info.title == "A different kind of party altogether"
    assert info.author == "Chris Harman"


def test_every_body_word_is_in_the_pdf_in_order(seed_document: Document, pamphlet: PdfResult) -> None:
    missing = first_missing(words(block_text(seed_document.body)), words(pdf_text(pamphlet.data)))
    assert missing is None, f"word {missing.index} {missing.word!r} not found in order near: {missing.context}"


def test_title_page_and_running_heads(pamphlet: PdfResult) -> None:
    reader = _reader(pamphlet)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "CHRIS HARMAN" in first.upper() and "A different kind of party altogether" in first
    body_pages = [reader.pages[index].extract_text().upper() for index in range(2, len(reader.pages) - 1)]
    assert all(text.rstrip().endswith(str(number)) for number, text in enumerate(body_pages, start=3)), "folios"
    # The back cover, a left-hand page of its own, carries no folio or running head.
    back = " ".join(reader.pages[-1].extract_text().split())
    assert len(reader.pages) % 2 == 0 and back.startswith("CHRIS HARMAN A different kind of party altogether")
    assert back.endswith("MARXISTS INTERNET ARCHIVE")
    # The opening page has no running head; after it, left pages name the author, right ones the title.
    assert "A DIFFERENT KIND OF PARTY ALTOGETHER\n" in body_pages[0]
    assert body_pages[0].count("A DIFFERENT KIND OF PARTY ALTOGETHER") == 1
    assert "CHRIS HARMAN\n" in body_pages[1]
    assert body_pages[2].count("A DIFFERENT KIND OF PARTY ALTOGETHER") == 1


def test_html_original_words_reach_the_pdf(corpus: Path) -> None:
    path = corpus / "mia/archive__harman__2002__06__party.htm"
    document = load(path.read_bytes(), str(path)).document
    result = render_pdf(document, PdfOptions(base_dir=path.parent))
    missing = first_missing(words(block_text(document.body)), words(pdf_text(result.data)))
    assert missing is None, f"word {missing.index} {missing.word!r} not found in order near: {missing.context}"


@pytest.mark.parametrize("paper", ["a4", "a6", "letter", "half-letter", "140x216mm", "6x9in"])
def test_other_paper_sizes(seed_document: Document, paper: str) -> None:
    result = render_pdf(seed_document, PdfOptions(paper=paper, base_dir=SEED.parent))
    reader = _reader(result)
    for index in range(len(reader.pages)):
        assert _page_size_mm(reader, index) == pytest.approx(_SIZES[paper], abs=0.5)
    missing = first_missing(words(block_text(seed_document.body)), words(pdf_text(result.data)))
    assert missing is None, f"{paper}: word {missing.index} {missing.word!r} not printed near: {missing.context}"


@pytest.mark.parametrize("paper", ["b5", "140x216", "10x10mm", "0x200mm", "a5 "])
def test_a_paper_size_we_cannot_set_is_refused(seed_document: Document, paper: str) -> None:
    with pytest.raises(ValueError, match="paper size"):
        render_pdf(seed_document, PdfOptions(paper=paper))


def test_nothing_is_loaded_from_outside_the_input_folder(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not really a png")
    document = Document(
        metadata=Metadata(title="Images", language="en"),
        body=(
            Paragraph(content=(Text(text="Two images follow."),)),
            Figure(source="http://example.invalid/picture.png", alt="remote"),
            Figure(source="../outside.png", alt="outside"),
        ),
    )
    result = render_pdf(document, PdfOptions(base_dir=tmp_path / "inside"))
    # Checked before layout, as the e-book checks them: neither is loaded, each is described.
    left_out = [d.message for d in result.diagnostics if d.code == "E001"]
    assert any("example.invalid" in message and "nothing is downloaded" in message for message in left_out)
    assert any("outside.png" in message and "outside the input's folder" in message for message in left_out)
    assert not any(d.code == "P001" for d in result.diagnostics)
    assert "[Picture: remote]" in pdf_text(result.data)


def test_bleed_for_a_print_shop_keeps_the_trimmed_page(seed_document: Document) -> None:
    result = render_pdf(seed_document, PdfOptions(bleed_mm=3))
    for page in _reader(result).pages:
        trim = [float(value) / _MM for value in page.trimbox]
        media = [float(value) / _MM for value in page.mediabox]
        assert trim == pytest.approx([0, 0, 148, 210], abs=0.2)
        assert media == pytest.approx([-3, -3, 151, 213], abs=0.2)
