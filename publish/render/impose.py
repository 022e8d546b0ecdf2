"""Saddle-stitch imposition: a pamphlet's pages two-up on sheets twice their width, in the order
that makes a booklet once the sheets are printed on both sides, folded and stapled.

Pure functions on PDF bytes, done in-house on pypdf (each sheet side is a blank page onto which
two source pages are merged with a translation), so a user needs no printer driver's booklet
mode, which many lack or get wrong.

Conventions, all in 1-based page numbers of the pamphlet as it reads:

* **Padding.** A booklet has a multiple of 4 pages (each sheet carries 2 on each side). The
  blanks needed are inserted just before the last page, which is the back cover, so the back
  cover stays on the outside; a one-page input is a front cover followed by blanks. For a
  document whose last page is text rather than a back cover, ``back_cover=False`` puts the
  blanks at the end instead.
* **Order.** Sheet *i* (0 = outermost) of a booklet of *n* pages carries, on its front
  (outside) side, pages *n − 2i* and *2i + 1* (left, right), and on its back side pages
  *2i + 2* and *n − 2i − 1*. For 8 pages: 8,1 / 2,7 / 6,3 / 4,5.
* **Duplex, flip on the short edge.** The sheets are landscape, so their short edges are the
  left and right ones. Turning a sheet over about a short edge (as one turns a book's page)
  keeps its top at the top and puts the back's left half behind the front's right half: page
  2 behind page 1, page 7 behind page 8. So every back side is drawn upright, not rotated 180°
  as it would have to be for flipping on the long edge.
* **Signatures.** With ``signature=N`` (a multiple of 4) the padded book is cut, in reading
  order, into runs of N pages, the last one shorter if the book is not a multiple of N (it is
  still a multiple of 4). Each run is imposed as a booklet of its own, and the runs' sheets
  follow one another: fold each signature, stack them in order, then stitch or sew.
* **Creep.** In a folded signature the inner sheets wrap round fewer others, so their pages
  stand out at the fore-edge and their text block sits further from the spine than the outer
  sheets'. ``creep_mm`` is how far the pages of the innermost sheet of each signature are moved
  toward the fold to make up for it; the outermost sheet does not move and the sheets between
  move in proportion (sheet *k* of *s*: ``creep_mm × k / (s − 1)``). A moved page is clipped
  at the fold, so it loses that much of its inner margin and never prints on its neighbour.
* **Fold marks** (``crop_marks=True``). The sheet is exactly the paper size, with no margin
  beyond the pages to hold corner crop marks, and a home printer could not reach them anyway.
  So the only marks drawn are hairlines on the fold line at the top and bottom edges, inside the
  pages' inner margins, on both sides of every sheet: they show where to fold and where to
  staple, and print on any paper the pamphlet fits.

Links, bookmarks and other annotations are left behind (they would point at pages that no
longer exist); the document information (title, author, subject, language) is kept, with an
``/Imposition`` entry saying how the file was imposed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject, NameObject, RectangleObject, TextStringObject

from publish.render.options import MAX_CREEP_MM

MM = 72 / 25.4
"""PDF points in a millimetre."""

FOLD_MARK_MM = 6.0
"""Length of a fold mark, from the sheet's edge inward."""

_SIZE_TOLERANCE_MM = 0.5
"""How close a page must be to a named paper size to bear its name."""

_SHEET_SLACK_MM = 2.0
"""A sheet of twice the page width is widened to a named paper size up to this much larger, so
that it prints at 100 % on that paper: two A5 pages are 296 mm wide, A4 is 297 mm."""

PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "A6": (105.0, 148.0),
    "Letter": (215.9, 279.4),
    "half-letter": (139.7, 215.9),
    "Legal": (215.9, 355.6),
    "Tabloid": (279.4, 431.8),
}
"""Named paper sizes (short side, long side), to name pages and sheets and to snap sheets to."""

Side = tuple[int | None, int | None]
"""One side of a sheet: the (left, right) page numbers, 1-based; ``None`` is a blank."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a booklet: where it sits in its signature (for creep) and its two sides."""

    index: int
    """0 for the outermost sheet of its signature."""
    of: int
    """How many sheets its signature has."""
    front: Side
    back: Side


@dataclass(frozen=True, slots=True, kw_only=True)
class ImposedResult:
    data: bytes
    pages_in: int
    """Pages of the pamphlet as it reads."""
    pages_out: int
    """Pages of the booklet, blanks included: a multiple of 4."""
    blanks: int
    """Blank pages added: just before the back cover, or at the end with ``back_cover=False``."""
    sheets: int
    """Sheets of paper; the PDF has two pages (sides) for each."""
    signatures: tuple[int, ...]
    """Pages in each signature, in order (one entry when the book is a single booklet)."""
    page_size: str
    """The source pages' paper name, such as ``A5`` (or ``148×210 mm`` when it has none)."""
    sheet_size: str
    """The sheets' paper name, such as ``A4``."""


def padded_pages(pages: int, *, back_cover: bool = True) -> list[int | None]:
    """The booklet's pages in reading order, padded to a multiple of 4 with blanks (``None``).

    The blanks go just before the last page when it is a back cover, so that it stays on the
    outside; with ``back_cover=False`` (a last page that is text) they go at the end, so the
    text runs on without a gap. A single page is a front cover followed by blanks."""
    if pages < 1:
        raise ValueError("a booklet needs at least one page")
    blanks: list[int | None] = [None] * (-pages % 4)
    if pages == 1 or not back_cover:
        return [*range(1, pages + 1), *blanks]
    return [*range(1, pages), *blanks, pages]


def signature_sizes(pages: int, signature: int | None) -> list[int]:
    """How many pages each signature of a ``pages``-page book (a multiple of 4) holds: runs of
    ``signature`` pages in reading order, the last one shorter if they do not divide evenly."""
    _check_signature(signature)
    if pages % 4:
        raise ValueError(f"a booklet has a multiple of 4 pages, not {pages}")
    if signature is None or signature >= pages:
        return [pages]
    return [min(signature, pages - start) for start in range(0, pages, signature)]


def booklet_sheets(pages: int, signature: int | None = None, *, back_cover: bool = True) -> list[Sheet]:
    """Every sheet of the booklet, in printing order, with the pages on each side."""
    book = padded_pages(pages, back_cover=back_cover)
    sheets: list[Sheet] = []
    start = 0
    for size in signature_sizes(len(book), signature):
        run = book[start : start + size]
        count = size // 4
        for i in range(count):
            front = (run[size - 1 - 2 * i], run[2 * i])
            back = (run[2 * i + 1], run[size - 2 - 2 * i])
            sheets.append(Sheet(index=i, of=count, front=front, back=back))
        start += size
    return sheets


def booklet_order(pages: int, signature: int | None = None, *, back_cover: bool = True) -> list[Side]:
    """The (left, right) page numbers of each sheet side in output order (front then back of
    the first sheet, and so on): for 8 pages, (8, 1), (2, 7), (6, 3), (4, 5); for 6, with the
    blanks before the back cover, (6, 1), (2, None), (None, 3), (4, 5)."""
    sheets = booklet_sheets(pages, signature, back_cover=back_cover)
    return [side for sheet in sheets for side in (sheet.front, sheet.back)]


def creep_shift_mm(sheet: Sheet, creep_mm: float) -> float:
    """How far toward the fold this sheet's pages move: none for the outermost sheet of a
    signature, all of ``creep_mm`` for the innermost, in proportion between."""
    if sheet.of <= 1:
        return 0.0
    return creep_mm * sheet.index / (sheet.of - 1)


def paper_name(width: float, height: float) -> str:
    """The name of a paper size given in points, in either orientation, or its size in mm."""
    short, long = sorted((width / MM, height / MM))
    for name, (a, b) in PAPER_SIZES_MM.items():
        if abs(short - a) <= _SIZE_TOLERANCE_MM and abs(long - b) <= _SIZE_TOLERANCE_MM:
            return name
    return f"{width / MM:.0f}×{height / MM:.0f} mm"


def sheet_size(page_width: float, page_height: float) -> tuple[float, float]:
    """The landscape sheet for two pages side by side, in points: twice the page width by the
    page height, widened to a named paper size when one is that size or very slightly larger
    (two A5 pages on A4, A6 on A5, half-letter on Letter)."""
    width, height = 2 * page_width, page_height
    for short, long in PAPER_SIZES_MM.values():
        wider = long * MM - width
        if 0 <= wider <= _SHEET_SLACK_MM * MM and abs(short * MM - height) <= _SIZE_TOLERANCE_MM * MM:
            return long * MM, short * MM
    return width, height


def impose_booklet(
    pdf: bytes,
    *,
    signature: int | None = None,
    creep_mm: float = 0.0,
    crop_marks: bool = False,
    back_cover: bool = True,
) -> ImposedResult:
    """Impose a PDF whose pages all have one size as a saddle-stitched booklet (see the module's
    docstring for the order, padding, signatures, creep and marks). Raises ``ValueError`` on a
    bad signature or creep, an empty PDF or pages of different sizes."""
    _check_signature(signature)
    if not 0 <= creep_mm <= MAX_CREEP_MM:
        raise ValueError(f"creep must be between 0 and {MAX_CREEP_MM:g} mm, not {creep_mm:g}")
    reader = PdfReader(io.BytesIO(pdf))
    sources = list(reader.pages)
    if not sources:
        raise ValueError("the PDF has no pages")
    for page in sources:
        if page.get("/Rotate"):
            page.transfer_rotation_to_content()
        if "/Annots" in page:
            del page[NameObject("/Annots")]
    page_width, page_height = _common_size(sources)
    sheet_width, sheet_height = sheet_size(page_width, page_height)
    x0 = (sheet_width - 2 * page_width) / 2
    y0 = (sheet_height - page_height) / 2

    sheets = booklet_sheets(len(sources), signature, back_cover=back_cover)
    writer = PdfWriter()
    writer.pdf_header = reader.pdf_header  # the fonts and streams are the source's; pypdf would say 1.3
    for sheet in sheets:
        shift = creep_shift_mm(sheet, creep_mm) * MM
        for left, right in (sheet.front, sheet.back):
            side = writer.add_blank_page(width=sheet_width, height=sheet_height)
            for number, x, on_left in ((left, x0 + shift, True), (right, x0 + page_width - shift, False)):
                if number is not None:
                    _place(side, sources[number - 1], x, y0, clip=shift, on_left=on_left)
            if crop_marks:
                _fold_marks(side, sheet_width, sheet_height)
            side.compress_content_streams()

    pages_out = 4 * len(sheets)
    signatures = tuple(signature_sizes(pages_out, signature))
    page_name = paper_name(page_width, page_height)
    sheet_name = paper_name(sheet_width, sheet_height)
    _copy_metadata(
        reader,
        writer,
        f"saddle-stitch booklet: {pages_out} {page_name} pages 2-up on {len(sheets)} "
        f"{sheet_name} sheets in {len(signatures)} signature(s); print duplex, flip on the short edge",
    )
    out = io.BytesIO()
    writer.write(out)
    return ImposedResult(
        data=out.getvalue(),
        pages_in=len(sources),
        pages_out=pages_out,
        blanks=pages_out - len(sources),
        sheets=len(sheets),
        signatures=signatures,
        page_size=page_name,
        sheet_size=sheet_name,
    )


def _check_signature(signature: int | None) -> None:
    if signature is not None and (signature < 4 or signature % 4):
        raise ValueError(f"a signature is a multiple of 4 pages, not {signature}")


def _common_size(pages: list[PageObject]) -> tuple[float, float]:
    """The pages' one size in points; imposing pages of several sizes would misplace them."""
    sizes = {(round(float(page.cropbox.width), 1), round(float(page.cropbox.height), 1)) for page in pages}
    if len(sizes) > 1:
        shown = ", ".join(f"{w / MM:.0f}×{h / MM:.0f} mm" for w, h in sorted(sizes))
        raise ValueError(f"the pages have different sizes ({shown}); a booklet needs one")
    return float(pages[0].cropbox.width), float(pages[0].cropbox.height)


def _place(side: PageObject, page: PageObject, x: float, y: float, *, clip: float, on_left: bool) -> None:
    """Merge ``page`` onto ``side`` with its lower left corner at (x, y). A page moved ``clip``
    points toward the fold is cropped by as much on its inner edge first (pypdf clips a merged
    page to its crop box), so it stops at the fold."""
    box = page.cropbox
    left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)
    if clip:
        cropped = (left, bottom, right - clip, top) if on_left else (left + clip, bottom, right, top)
        page.cropbox = RectangleObject(cropped)
    side.merge_transformed_page(page, Transformation().translate(x - left, y - bottom))


def _fold_marks(side: PageObject, width: float, height: float) -> None:
    """Hairlines on the fold at the top and bottom edges of a sheet side."""
    fold, length = width / 2, FOLD_MARK_MM * MM
    ops = f"q 0 G 0.3 w [] 0 d {fold:.3f} 0 m {fold:.3f} {length:.3f} l S "
    ops += f"{fold:.3f} {height:.3f} m {fold:.3f} {height - length:.3f} l S Q"
    stream = DecodedStreamObject()
    stream.set_data(ops.encode("ascii"))
    marks = PageObject.create_blank_page(width=width, height=height)
    marks[NameObject("/Contents")] = stream
    side.merge_page(marks)


def _copy_metadata(reader: PdfReader, writer: PdfWriter, imposition: str) -> None:
    """Keep the document information and language, and say that the file is imposed."""
    info = {key: value for key, value in (reader.metadata or {}).items() if isinstance(value, str)}
    producer = info.get("/Producer")
    info["/Producer"] = f"{producer}; imposed with pypdf" if producer else "pypdf"
    info["/Imposition"] = imposition
    writer.add_metadata(info)
    language = reader.root_object.get("/Lang")
    if isinstance(language, str):
        writer.root_object[NameObject("/Lang")] = TextStringObject(language)
