"""Input a pamphlet must survive: a page-long table cell, a picture that cannot be read."""

from __future__ import annotations

from pathlib import Path

from publish.loading import load
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text, first_missing, words
from tests.support import pdf_text


def test_a_table_cell_longer_than_a_page_is_printed_whole(tmp_path: Path) -> None:
    """A one-row layout table around an article's text (the archive has such pages): neither
    the reader nor the printer may lose what does not fit one page."""
    text = " ".join(f"word{n}" for n in range(3000))
    page = tmp_path / "cell.htm"
    page.write_text(
        "<html><head><title>Cell</title></head><body><h1>Cell</h1><p>Before the table, a paragraph.</p>"
        f"<table><tr><td>{text}</td><td>x</td></tr></table><p>After the table.</p></body></html>",
        encoding="utf-8",
    )
    document = load(page).document
    assert words(text) == [word for word in words(block_text(document.body)) if word.startswith("word")]
    result = render_pdf(document, PdfOptions(base_dir=tmp_path))
    assert result.pages > 6
    missing = first_missing(words(block_text(document.body)), words(pdf_text(result.data)))
    assert missing is None, f"word {missing.index} {missing.word!r} not printed near: {missing.context}"


def test_a_picture_that_cannot_be_read_is_reported_and_the_text_printed(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really a picture")
    page = tmp_path / "picture.htm"
    page.write_text(
        "<html><head><title>Picture</title></head><body><h1>Picture</h1><p>Before the picture, a paragraph.</p>"
        '<p><img src="broken.png" alt="A crowd in the square"></p><p>After the picture.</p></body></html>',
        encoding="utf-8",
    )
    result = render_pdf(load(page).document, PdfOptions(base_dir=tmp_path))
    assert any("broken.png" in diagnostic.message for diagnostic in result.diagnostics)
    text = pdf_text(result.data)
    assert "Before the picture" in text and "After the picture" in text
