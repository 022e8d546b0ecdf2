"""Subsections in the books: notes called from headings, display lines, tables in tables, and the
outline's titles; on a small document written for each rule and on Capital ch. 1."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

from publish.model import (
    Document,
    Heading,
    LineBreak,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    ParagraphRole,
    Table,
    TableCell,
    Text,
)
from publish.pipeline import load
from publish.render.epub import render_epub
from publish.render.pdf import render_pdf
from tests.support import epubcheck, spine_documents

CAPITAL = "mia/archive__marx__works__1867-c1__ch01.htm"
_XHTML = "{http://www.w3.org/1999/xhtml}"


def _paragraph(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def _note(text: str) -> Note:
    return Note(marker="1", kind=NoteKind.AUTHOR, blocks=(_paragraph(text),))


def _cell(*blocks: Paragraph | Table) -> TableCell:
    return TableCell(blocks=blocks)


_COLUMN = Table(
    rows=((_cell(_paragraph("1")), _cell(_paragraph("coat"))), (_cell(_paragraph("2")), _cell(_paragraph("tea"))))
)
_DOCUMENT = Document(
    metadata=Metadata(title="Subsections", language="en"),
    body=(
        _paragraph("Opening words of the text, enough of them to fill a line or two of the page."),
        Heading(
            level=1, content=(Text(text="A part"), LineBreak(), Text(text="with a note"), _note("Headingnote words."))
        ),
        Paragraph(content=(Text(text="Words of the part"), _note("Paragraphnote words."), Text(text=" and more."))),
        Paragraph(
            content=(Text(text="1 coat = 20 yards"), LineBreak(), Text(text="10 lbs of tea = 20 yards of linen")),
            role=ParagraphRole.DISPLAY,
        ),
        Table(rows=((_cell(_COLUMN), _cell(), _cell(_paragraph("= 20 yards of linen"))),)),
    ),
)


def _runs(pdf: bytes) -> list[tuple[str, str, float, float]]:
    """Every run of text in the PDF: its words, font, size and where it starts on the line."""
    runs: list[tuple[str, str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, size: float) -> None:
        if text.strip() and font is not None:
            runs.append((text.strip(), str(font["/BaseFont"]).split("+", 1)[-1], round(size, 2), tm[4]))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_a_note_called_from_a_heading_is_set_like_any_other_note_and_kept_out_of_the_outline() -> None:
    pdf = render_pdf(_DOCUMENT).data
    runs = {text: (font, size) for text, font, size, _ in _runs(pdf)}
    assert runs["1. Headingnote words."] == runs["1. Paragraphnote words."]
    outline = PdfReader(io.BytesIO(pdf)).outline
    assert [item.title for item in outline[1]] == ["A part with a note"]  # type: ignore[union-attr]
    nav = _nav_titles(render_epub(_DOCUMENT))
    assert "A part with a note" in nav


def test_display_lines_are_centred_in_lines_in_the_pdf_and_marked_in_the_epub() -> None:
    runs = {text: x for text, _, _, x in _runs(render_pdf(_DOCUMENT).data)}
    body_left = runs["Words of the part"]
    short, long = runs["1 coat = 20 yards"], runs["10 lbs of tea = 20 yards of linen"]
    assert short > long > body_left + 20  # each line centred on its own
    page = dict(spine_documents(render_epub(_DOCUMENT)))["text.xhtml"]
    display = page.find(f".//{_XHTML}p[@class='display lines']")
    assert display is not None and display.find(f"{_XHTML}br") is not None


def test_a_table_in_a_cell_is_a_table_in_both_books() -> None:
    page = dict(spine_documents(render_epub(_DOCUMENT)))["text.xhtml"]
    inner = page.findall(f".//{_XHTML}td/{_XHTML}table")
    assert len(inner) == 1 and len(inner[0].findall(f"{_XHTML}tr")) == 2
    runs = _runs(render_pdf(_DOCUMENT).data)
    column = [x for text, _, _, x in runs if text in ("1 coat", "2 tea")]
    sum_x = next(x for text, _, _, x in runs if text == "= 20 yards of linen")
    assert len(column) == 2 and column[0] == column[1] < sum_x  # a column, its sum beside it


def test_the_cells_beside_a_table_in_a_cell_face_its_middle() -> None:
    """The page's "= 20 yards of linen" is the sum of the whole column: it stands at the
    column's middle, as the archive's brace does, not at its top row."""
    rows = dict(spine_documents(render_epub(_DOCUMENT)))["text.xhtml"].findall(f".//{_XHTML}tr[@class='grouping']")
    assert len(rows) == 1 and rows[0].find(f"{_XHTML}td/{_XHTML}table") is not None
    down: dict[str, float] = {}  # WeasyPrint's text matrix counts down the page

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            down[text.strip()] = tm[5]

    for page in PdfReader(io.BytesIO(render_pdf(_DOCUMENT).data)).pages:
        page.extract_text(visitor_text=visit)
    assert down["1 coat"] < down["= 20 yards of linen"] < down["2 tea"]


def _nav_titles(epub: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(epub)) as container:
        name = next(name for name in container.namelist() if name.endswith("nav.xhtml"))
        root = etree.fromstring(container.read(name))
    return [" ".join("".join(a.itertext()).split()) for a in root.iterfind(f".//{_XHTML}nav//{_XHTML}a")]


def test_capital_ch01_general_form_of_value_and_subsections(corpus: Path, tmp_path: Path) -> None:
    document = load((corpus / CAPITAL).read_bytes(), CAPITAL).document
    epub = render_epub(document)
    nav = _nav_titles(epub)
    assert "1. The two poles of the expression of value. Relative form and Equivalent form" in nav
    assert (
        "THE TWO FACTORS OF A COMMODITY: USE-VALUE AND VALUE (THE SUBSTANCE OF VALUE AND THE MAGNITUDE OF VALUE)" in nav
    )
    page = dict(spine_documents(epub))["text.xhtml"]
    inner = page.findall(f".//{_XHTML}td/{_XHTML}table")
    assert len(inner) == 2 and all(len(table.findall(f"{_XHTML}tr")) == 7 for table in inner)
    assert len(page.findall(f".//{_XHTML}p[@class='display lines']")) == 3
    path = tmp_path / "capital.epub"
    path.write_bytes(epub)
    assert epubcheck(path) == []
    assert len(page.findall(f".//{_XHTML}a[@href='#S3a1']")) == 1 and page.find(".//*[@id='S3a1']") is not None
    pdf = render_pdf(document).data
    links = [
        str(note.get_object()["/Dest"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for note in page.get("/Annots") or []
    ]
    assert {"S1", "S3a1", "S3c", "S4"} <= set(links)  # the page's contents list leads to its sections
    runs = _runs(pdf)
    column = {text: x for text, _, _, x in runs if text in ("10 lbs of tea", "40 lbs of coffee", "1 quarter of corn")}
    assert len(column) == 3 and len(set(column.values())) == 1  # the inner table's column, one under another
