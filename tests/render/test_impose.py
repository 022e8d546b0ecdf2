"""Saddle-stitch booklets: the page order a folded stack of sheets needs, and imposed PDFs read
back the way a printer would see them (sheet size, two pages a side, which page sits where)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from publish.model import Document, Metadata, Paragraph, Text
from publish.render.impose import (
    MM,
    Side,
    booklet_order,
    booklet_sheets,
    impose_booklet,
    padded_pages,
    paper_name,
    sheet_size,
    signature_sizes,
)
from publish.render.pdf import render_pdf
from tests.conftest import SEED

A5 = (148 * MM, 210 * MM)
A4_LANDSCAPE = (297 * MM, 210 * MM)
_MARKER = re.compile(r"PAGE-(\d+)")


# --- the order ---------------------------------------------------------------------------------


def test_eight_pages_fold_into_the_textbook_order() -> None:
    """Outer sheet: 8 and 1 outside, 2 and 7 inside; inner sheet: 6 and 3, then 4 and 5."""
    assert booklet_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_blanks_go_just_before_the_back_cover() -> None:
    """Six pages pad to eight as 1 2 3 4 5 _ _ 6: the back cover (6) keeps the last place, on the
    outside of the outer sheet beside the front cover; the two blanks are the verso of page 5
    and the inside of the back cover. Folding 1 2 3 4 5 _ _ 6 as in the eight-page case (8,1 /
    2,7 / 6,3 / 4,5 by position) gives 6,1 / 2,_ / _,3 / 4,5."""
    assert padded_pages(6) == [1, 2, 3, 4, 5, None, None, 6]
    assert booklet_order(6) == [(6, 1), (2, None), (None, 3), (4, 5)]
    assert booklet_order(5) == [(5, 1), (2, None), (None, 3), (4, None)]
    assert booklet_order(7) == [(7, 1), (2, None), (6, 3), (4, 5)]
    assert booklet_order(4) == [(4, 1), (2, 3)]
    assert booklet_order(1) == [(None, 1), (None, None)]


def test_without_a_back_cover_the_blanks_go_at_the_end() -> None:
    assert booklet_order(6, back_cover=False) == [(None, 1), (2, None), (6, 3), (4, 5)]


def test_signatures_are_runs_of_pages_each_folded_on_its_own() -> None:
    """20 pages in signatures of 8: pages 1–8, 9–16, then a short last one of 17–20."""
    assert signature_sizes(20, 8) == [8, 8, 4]
    assert booklet_order(20, 8) == [
        (8, 1), (2, 7), (6, 3), (4, 5),
        (16, 9), (10, 15), (14, 11), (12, 13),
        (20, 17), (18, 19),
    ]  # fmt: skip
    assert booklet_order(18, 8) == [
        (8, 1), (2, 7), (6, 3), (4, 5),
        (16, 9), (10, 15), (14, 11), (12, 13),
        (18, 17), (None, None),
    ]  # fmt: skip
    assert booklet_order(8, 16) == booklet_order(8)


@pytest.mark.parametrize("signature", [None, 4, 8, 16, 28])
@pytest.mark.parametrize("pages", [4, 8, 12, 16, 20, 36, 64, 100])
def test_folding_the_printed_sheets_gives_reading_order(pages: int, signature: int | None) -> None:
    """Print each sheet on both sides, flipping on the short edge: the back's left half lies
    behind the front's right half. Fold each signature's sheets together (sheet 0 outside) and
    read: for each sheet from the outside in, its front right then back left (a leaf, recto
    then verso); then from the inside out, its back right then front left."""
    read: list[int | None] = []
    sheets = booklet_sheets(pages, signature)
    while sheets:
        count = sheets[0].of
        run, sheets = sheets[:count], sheets[count:]
        read += [page for sheet in run for page in (sheet.front[1], sheet.back[0])]
        read += [page for sheet in reversed(run) for page in (sheet.back[1], sheet.front[0])]
    assert read == list(range(1, pages + 1))


@pytest.mark.parametrize("signature", [0, 2, 6, 10, -4])
def test_a_signature_is_a_multiple_of_four(signature: int) -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        booklet_order(12, signature)


# --- sizes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_mm", "sheet_name", "sheet_mm"),
    [
        ((148, 210), "A4", (297, 210)),  # two A5 pages are 296 mm: the sheet is widened to A4
        ((105, 148), "A5", (210, 148)),
        ((139.7, 215.9), "Letter", (279.4, 215.9)),
        ((210, 297), "A3", (420, 297)),
        ((120, 180), "240×180 mm", (240, 180)),
    ],
)
def test_the_sheet_is_twice_the_page_width(
    page_mm: tuple[float, float], sheet_name: str, sheet_mm: tuple[float, float]
) -> None:
    width, height = sheet_size(page_mm[0] * MM, page_mm[1] * MM)
    assert (width / MM, height / MM) == pytest.approx(sheet_mm, abs=0.01)
    assert paper_name(width, height) == sheet_name


# --- imposed PDFs ------------------------------------------------------------------------------


def numbered_pdf(pages: int, size: tuple[float, float] = A5, *, link: bool = False) -> bytes:
    """``pages`` blank pages, each saying PAGE-n in Helvetica, with a title, author and language
    (and a link annotation on the first page when ``link``)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=size[0], height=size[1])
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 18 Tf 60 300 Td (PAGE-{number}) Tj ET".encode("ascii"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        if link and number == 1:
            annotation = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Link"),
                    NameObject("/Rect"): ArrayObject(FloatObject(v) for v in (50, 290, 200, 320)),
                    NameObject("/A"): DictionaryObject(
                        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://x.org")}
                    ),
                }
            )
            page[NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    writer.add_metadata({"/Title": "Numbered", "/Author": "A. Writer", "/Producer": "test"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("fr")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Placed:
    """A page number found on a sheet side, where its text starts and whether it is upright."""

    number: int
    x: float
    y: float
    upright: bool


def placements(page: object) -> list[Placed]:
    found: list[Placed] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        for match in _MARKER.finditer(text):
            a, b, c, d, e, f = cm
            x = tm[4] * a + tm[5] * c + e
            y = tm[4] * b + tm[5] * d + f
            upright = tm[0] * a + tm[1] * c > 0 and tm[2] * b + tm[3] * d > 0
            found.append(Placed(int(match.group(1)), x, y, upright))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def read_sides(data: bytes) -> list[Side]:
    """Which page sits left and right of the fold on each side of the imposed PDF; every page
    found must be upright (as drawn for flipping on the short edge) and on its own half."""
    reader = PdfReader(io.BytesIO(data))
    sides: list[Side] = []
    for page in reader.pages:
        fold = float(page.mediabox.width) / 2
        found = placements(page)
        assert all(item.upright for item in found), found
        left = [item.number for item in found if item.x < fold]
        right = [item.number for item in found if item.x >= fold]
        assert len(left) <= 1 and len(right) <= 1, found
        sides.append((left[0] if left else None, right[0] if right else None))
    return sides


def test_eight_a5_pages_on_two_a4_sheets() -> None:
    """Each side of each A4 landscape sheet holds two A5 pages, in the order 8,1 / 2,7 / 6,3 /
    4,5. The back sides are upright, not turned 180°: a landscape sheet's short edges are its
    left and right ones, and turning it over about one of them keeps the top at the top."""
    result = impose_booklet(numbered_pdf(8))
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 2 * result.sheets == 4
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.01)
        assert len(placements(page)) == 2
    assert read_sides(result.data) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert (result.pages_in, result.pages_out, result.blanks, result.sheets) == (8, 8, 0, 2)
    assert (result.page_size, result.sheet_size, result.signatures) == ("A5", "A4", (8,))


def test_pages_sit_at_the_same_place_on_their_half() -> None:
    """Two A5 pages (296 mm) are centred on the A4 sheet (297 mm): each keeps its own layout."""
    result = impose_booklet(numbered_pdf(4))
    front = sorted(placements(PdfReader(io.BytesIO(result.data)).pages[0]), key=lambda item: item.x)
    margin = (297 - 296) / 2 * MM
    assert [item.x for item in front] == pytest.approx([margin + 60, margin + A5[0] + 60], abs=0.01)
    assert [item.y for item in front] == pytest.approx([300, 300], abs=0.01)


def test_six_pages_get_blanks_before_the_back_cover() -> None:
    result = impose_booklet(numbered_pdf(6))
    assert read_sides(result.data) == [(6, 1), (2, None), (None, 3), (4, 5)]
    assert (result.pages_in, result.pages_out, result.blanks, result.sheets) == (6, 8, 2, 2)
    assert result.pages_out % 4 == 0


def test_signatures_in_the_pdf() -> None:
    result = impose_booklet(numbered_pdf(20), signature=8)
    assert result.signatures == (8, 8, 4) and result.sheets == 5
    assert read_sides(result.data) == booklet_order(20, 8)
    assert read_sides(result.data)[8:] == [(20, 17), (18, 19)]


def test_a_one_page_pdf_is_a_front_cover() -> None:
    result = impose_booklet(numbered_pdf(1))
    assert read_sides(result.data) == [(None, 1), (None, None)]


@pytest.mark.parametrize(("size", "name"), [((105 * MM, 148 * MM), "A5"), ((5.5 * 72, 8.5 * 72), "Letter")])
def test_other_sizes_impose_on_twice_their_width(size: tuple[float, float], name: str) -> None:
    result = impose_booklet(numbered_pdf(4, size))
    page = PdfReader(io.BytesIO(result.data)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(2 * size[0], abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.01)
    assert result.sheet_size == name


def test_creep_moves_inner_sheets_toward_the_fold() -> None:
    """16 pages, 4 sheets, 1.5 mm of creep: the outer sheet stays, the inner one moves 1.5 mm,
    the two between 0.5 and 1 mm; left pages move right, right pages move left."""
    plain = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(16)).data))
    crept = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(16), creep_mm=1.5).data))
    for index, (before, after) in enumerate(zip(plain.pages, crept.pages, strict=True)):
        expected = [0.0, 0.5, 1.0, 1.5][index // 2] * MM
        old = sorted(placements(before), key=lambda item: item.x)
        new = sorted(placements(after), key=lambda item: item.x)
        assert [item.number for item in old] == [item.number for item in new]
        assert new[0].x - old[0].x == pytest.approx(expected, abs=0.01)
        assert old[1].x - new[1].x == pytest.approx(expected, abs=0.01)


def test_creep_restarts_in_each_signature() -> None:
    plain = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(16), signature=8).data))
    crept = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(16), signature=8, creep_mm=1).data))
    shifts = []
    for before, after in zip(plain.pages, crept.pages, strict=True):
        old = min(placements(before), key=lambda item: item.x)
        new = min(placements(after), key=lambda item: item.x)
        shifts.append(round((new.x - old.x) / MM, 3))
    assert shifts == [0, 0, 1, 1, 0, 0, 1, 1]


def _fold_lines(page: object) -> list[tuple[float, float, float]]:
    """The vertical lines (x, y from, y to) a page's content stream strokes."""
    operations = page.get_contents().operations  # type: ignore[attr-defined]
    lines = []
    start: tuple[float, float] | None = None
    for operands, operator in operations:
        if operator == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif operator == b"l" and start is not None and float(operands[0]) == pytest.approx(start[0]):
            lines.append((start[0], start[1], float(operands[1])))
    return lines


def test_fold_marks_sit_on_the_fold_at_the_top_and_bottom() -> None:
    assert all(not _fold_lines(page) for page in PdfReader(io.BytesIO(impose_booklet(numbered_pdf(8)).data)).pages)
    reader = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(8), crop_marks=True).data))
    width, height = A4_LANDSCAPE
    for page in reader.pages:
        assert _fold_lines(page) == [
            pytest.approx((width / 2, 0, 6 * MM), abs=0.01),
            pytest.approx((width / 2, height, height - 6 * MM), abs=0.01),
        ]


def test_metadata_is_kept_and_says_imposed_and_links_are_dropped() -> None:
    reader = PdfReader(io.BytesIO(impose_booklet(numbered_pdf(4, link=True)).data))
    assert reader.metadata is not None
    assert reader.metadata.title == "Numbered" and reader.metadata.author == "A. Writer"
    assert "saddle-stitch booklet" in str(reader.metadata["/Imposition"])
    assert "imposed" in str(reader.metadata["/Producer"])
    assert str(reader.root_object["/Lang"]) == "fr"
    assert all("/Annots" not in page for page in reader.pages)


def test_the_same_input_imposes_to_the_same_bytes() -> None:
    data = numbered_pdf(12)
    assert (
        impose_booklet(data, creep_mm=1, crop_marks=True).data == impose_booklet(data, creep_mm=1, crop_marks=True).data
    )


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        impose_booklet(numbered_pdf(4), signature=6)
    with pytest.raises(ValueError, match="creep"):
        impose_booklet(numbered_pdf(4), creep_mm=-1)
    mixed = PdfWriter()
    for page in PdfReader(io.BytesIO(numbered_pdf(2))).pages:
        mixed.add_page(page)
    mixed.add_blank_page(width=A4_LANDSCAPE[1], height=A4_LANDSCAPE[0])
    out = io.BytesIO()
    mixed.write(out)
    with pytest.raises(ValueError, match="different sizes"):
        impose_booklet(out.getvalue())


def test_a_rendered_pamphlet_keeps_each_page_whole() -> None:
    """A real pamphlet from render_pdf: each half of a sheet side carries exactly the text of
    the source page the order puts there, and the fonts are embedded once, not once a side."""
    paragraphs = tuple(
        Paragraph(content=(Text(text=f"Paragraph {n}. " + "Idleness is the mother of arts. " * 40),)) for n in range(4)
    )
    document = Document(metadata=Metadata(title="Booklet", authors=("Paul Lafargue",), language="en"), body=paragraphs)
    rendered = render_pdf(document)
    assert rendered.pages % 4 != 0, "the test wants blanks to place"
    source = PdfReader(io.BytesIO(rendered.data))
    texts = [_visited_text(page, None) for page in source.pages]
    result = impose_booklet(rendered.data)
    sides = booklet_order(rendered.pages)
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == len(sides)
    for page, (left, right) in zip(reader.pages, sides, strict=True):
        fold = float(page.mediabox.width) / 2
        assert _visited_text(page, (0, fold)) == (texts[left - 1] if left else "")
        assert _visited_text(page, (fold, 2 * fold)) == (texts[right - 1] if right else "")
    assert all(texts) and len(set(texts)) == len(texts)
    assert reader.pdf_header == source.pdf_header
    assert len(result.data) < 2 * len(rendered.data)


def _visited_text(page: object, span: tuple[float, float] | None) -> str:
    parts: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        if span is None or span[0] <= x < span[1]:
            parts.append(text)

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return " ".join("".join(parts).split())


# --- the command line --------------------------------------------------------------------------


def _publish(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_the_command_line_imposes_and_says_how_to_print(tmp_path: Path) -> None:
    output = tmp_path / "booklet.pdf"
    result = _publish("pdf", str(SEED), "--impose", "booklet", "--crop-marks", "--creep", "0.5", "-o", str(output))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(output)
    padded = 2 * len(reader.pages)
    halves = [
        _visited_text(page, (x, x + A4_LANDSCAPE[0] / 2)) for page in reader.pages for x in (0, A4_LANDSCAPE[0] / 2)
    ]
    blanks = halves.count("")
    assert 0 < padded - blanks < padded and padded % 4 == 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"publish: wrote {output} ({padded} A5 pages imposed on {padded // 4} A4 sheets"
        + (f", {blanks} blank page{'s' if blanks != 1 else ''} added before the back cover" if blanks else "")
        + "). Print double-sided, flip on the short edge, fold and staple."
    )
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.01)


def test_the_command_line_names_signatures(tmp_path: Path) -> None:
    output = tmp_path / "booklet.pdf"
    result = _publish("pdf", str(SEED), "--impose", "booklet", "--signature", "4", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert " in 2 signatures of 4, 4 pages" in result.stderr
    assert "fold each signature, stack them in order and bind." in result.stderr


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--impose", "booklet", "--signature", "6"], "--signature 6"),
        (["--impose", "booklet", "--signature", "0"], "--signature 0"),
        (["--signature", "8"], "--signature"),
        (["--impose", "none", "--signature", "8"], "--signature"),
        (["--creep", "1"], "--creep"),
        (["--crop-marks"], "--crop-marks"),
        (["--impose", "booklet", "--creep", "-1"], "--creep -1"),
        (["--impose", "booklet", "--creep", "50"], "--creep 50"),
    ],
)
def test_the_command_line_refuses_options_that_cannot_apply(tmp_path: Path, options: list[str], named: str) -> None:
    output = tmp_path / "booklet.pdf"
    result = _publish("pdf", str(SEED), *options, "-o", str(output))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"publish: {named}: ")
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not output.exists() and list(tmp_path.iterdir()) == []
