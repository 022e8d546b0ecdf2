"""Lines a page breaks with ``<br>`` start where its first line starts, in both backends.

A book indents a paragraph's first line; the lines after a ``<br>`` used to start flush under
it, staggered (a letter's "Salut / Yours / KM", a chronology's date over its entry). Each is now
a line of its own, set as a block: the test reads where each line begins on the printed page
(pdftotext's word boxes) and what the e-book's markup holds.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from publish.loading import load
from publish.model import Document, LineBreak, Metadata, Paragraph, ParagraphRole, Strong, Text
from publish.render.epub import render_epub
from publish.render.pdf import render_pdf
from tests.support import epubcheck

_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE = re.compile(r'<line xMin="(?P<x>[\d.]+)"[^>]*>\s*<word[^>]*>(?P<word>[^<]*)</word>')
_LETTER = "mia/archive__marx__works__1868__letters__68_01_30.htm"


def _starts(pdf: bytes, tmp_path: Path) -> list[tuple[str, float]]:
    """Each printed line's first word and where it begins (points from the page's left edge)."""
    path = tmp_path / "book.pdf"
    path.write_bytes(pdf)
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return [(match["word"], float(match["x"])) for match in _LINE.finditer(layout.stdout)]


def _x(starts: list[tuple[str, float]], word: str) -> float:
    return next(x for first, x in starts if first == word)


def _lines_in_epub(document: Document) -> list[list[str]]:
    with zipfile.ZipFile(BytesIO(render_epub(document))) as archive:
        page = etree.fromstring(archive.read("EPUB/text.xhtml"))
    return [
        ["".join(span.itertext()) for span in paragraph.iter(f"{_XHTML}span") if span.get("class") == "line"]
        for paragraph in page.iter(f"{_XHTML}p")
        if "lines" in paragraph.get("class", "").split()
    ]


def _text(words: str) -> Text:
    return Text(text=words)


def _prose() -> Document:
    """A paragraph of prose broken by ``<br>`` after plain ones, and a signature after both."""
    long = "words of running text that fill more than one line of the printed page " * 3
    body = (
        Paragraph(content=(_text(f"Opening {long}"),)),  # after the title: not indented
        Paragraph(content=(_text(f"Second {long}"),)),
        Paragraph(content=(_text(f"Before {long}"), LineBreak(), _text(f"After {long}"), LineBreak())),
        Paragraph(
            content=(_text("Fraternally,"), LineBreak(), Strong(content=(_text("Signer"),))),
            role=ParagraphRole.SIGNATURE,
        ),
    )
    return Document(metadata=Metadata(title="Broken lines", language="en"), body=body)


def test_a_letters_signature_lines_start_together(corpus: Path, tmp_path: Path) -> None:
    document = load(corpus / _LETTER).document
    assert ["Salut", "Yours", "KM"] in _lines_in_epub(document)
    book = tmp_path / "letter.epub"
    book.write_bytes(render_epub(document))
    assert epubcheck(book) == []
    starts = _starts(render_pdf(document).data, tmp_path)
    assert _x(starts, "Salut") == pytest.approx(_x(starts, "Yours")) == pytest.approx(_x(starts, "KM"))
    assert _x(starts, "Salut") < _x(starts, "Write")  # flush, where a paragraph is indented


def test_a_line_after_a_break_in_prose_is_indented_as_its_paragraphs_first_line(tmp_path: Path) -> None:
    document = _prose()
    assert _lines_in_epub(document)[0][1].startswith("After")  # the empty line after the last break is gone
    starts = _starts(render_pdf(document).data, tmp_path)
    assert _x(starts, "Before") == pytest.approx(_x(starts, "After"))
    assert _x(starts, "Before") == pytest.approx(_x(starts, "Second"))  # the paragraph indent, each line
    assert _x(starts, "Fraternally,") == pytest.approx(_x(starts, "Signer"))
    assert _x(starts, "Fraternally,") < _x(starts, "Before")
