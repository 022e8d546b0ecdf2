"""--fit: a little smaller type saves the blank pages of a folded pamphlet, or says it cannot."""

from __future__ import annotations

from publish.model import Document, Metadata, Paragraph, Text
from publish.render.fit import STEP, STEPS, fit
from publish.render.options import PdfOptions
from publish.words import block_text, first_missing, words
from tests.support import pdf_text


def _document(paragraphs: int) -> Document:
    text = "Idleness is the mother of arts and of the noble virtues. " * 9
    body = tuple(Paragraph(content=(Text(text=f"Paragraph {n}. {text}"),)) for n in range(paragraphs))
    return Document(metadata=Metadata(title="Fit", authors=("Paul Lafargue",), language="en"), body=body)


def test_two_pages_over_a_multiple_of_four_are_saved() -> None:
    document = _document(38)  # 14 pages as set: two blanks in a booklet
    fitted = fit(document, PdfOptions())
    assert (fitted.pages_before, fitted.result.pages) == (14, 12)
    assert 0 < fitted.tightened <= STEP * STEPS
    assert fitted.report.startswith("fit: type, leading and margins set") and "12 pages instead of 14" in fitted.report
    missing = first_missing(words(block_text(document.body)), words(pdf_text(fitted.result.data)))
    assert missing is None, missing


def test_a_pamphlet_too_far_from_a_multiple_of_four_is_left_as_set() -> None:
    fitted = fit(_document(22), PdfOptions())  # 10 pages: two pages are 20 % of its text
    assert (fitted.pages_before, fitted.result.pages, fitted.tightened) == (10, 10, 0.0)
    assert fitted.report.startswith("fit: no change within 4.5 % reaches a multiple of 4")


def test_a_multiple_of_four_is_not_touched() -> None:
    fitted = fit(_document(18), PdfOptions())
    assert (fitted.result.pages, fitted.tightened) == (8, 0.0)
    assert fitted.report == "fit: 8 pages, already a multiple of 4"
