"""A pamphlet shows the pictures beside its input and describes in words any it cannot show.

WeasyPrint prints a picture it cannot load as nothing, so a captioned picture whose file is
missing used to leave its caption alone on the page, a line that belongs to nothing. The
pamphlet checks its pictures as the e-book does and says "[Picture: …]" where one is missing.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from publish.model import Document, Figure, Metadata, Paragraph, Text
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from tests.support import pdf_text


def _document() -> Document:
    body = (
        Paragraph(content=(Text(text="Two pictures of the same square follow."),)),
        Figure(source="img/crowd.png", alt="A crowd in the square", caption=(Text(text="The square at noon"),)),
        Figure(source="img/lost.png", alt="The square at night", caption=(Text(text="The square after dark"),)),
        Paragraph(content=(Text(text="And the text goes on."),)),
    )
    return Document(metadata=Metadata(title="Pictures", language="en"), body=body)


def _images(data: bytes) -> int:
    """Distinct pictures (WeasyPrint shares one page resource dictionary among pages)."""
    return len({image.data for page in PdfReader(BytesIO(data)).pages for image in page.images})


def test_a_missing_picture_is_described_before_its_caption_and_a_present_one_shown(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    Image.new("RGB", (120, 80), (200, 40, 30)).save(tmp_path / "img" / "crowd.png")
    result = render_pdf(_document(), PdfOptions(base_dir=tmp_path))
    text = " ".join(pdf_text(result.data).split())
    assert "[Picture: The square at night] The square after dark" in text
    assert "[Picture: A crowd" not in text and "The square at noon" in text
    assert _images(result.data) == 1
    said = [d.message for d in result.diagnostics if d.code == "E001"]
    assert len(said) == 1 and "img/lost.png" in said[0] and "no such file" in said[0]


def test_without_an_input_folder_every_picture_is_described() -> None:
    data = render_pdf(_document()).data
    assert _images(data) == 0
    text = " ".join(pdf_text(data).split())
    assert "[Picture: A crowd in the square] The square at noon" in text
    assert "[Picture: The square at night] The square after dark" in text
