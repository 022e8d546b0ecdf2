"""A book of chapters prints a contents page after its imprint, with the real page numbers.

The numbers are set by WeasyPrint (``target-counter``) from the same outline the bookmarks
come from, so the test reads both back from the PDF: each line's printed number must be the
page its bookmark leads to. An article, or a work of one chapter, needs no contents page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from publish.loading import load
from publish.model import Block, Document, Heading, Metadata, Paragraph, Section, Text
from publish.render.pdf import render_pdf

_LINE = re.compile(r"^(?P<title>\S.*?)[\s.]*\s(?P<page>\d+)$")


def _bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark, depth first, with the (1-based) page it leads to."""
    found: list[tuple[str, int]] = []

    def walk(items: Sequence[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif isinstance(item, Destination):
                page = reader.get_destination_page_number(item)
                assert page is not None, item.title
                found.append((" ".join(str(item.title).split()), page + 1))

    walk(reader.outline)
    return found


def _contents(reader: PdfReader) -> tuple[int, list[tuple[str, int]]]:
    """The contents page's number and its lines (title, printed page number)."""
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and lines[0].lower() == "contents":
            return number, [(" ".join(m["title"].split()), int(m["page"])) for m in map(_LINE.match, lines[1:]) if m]
    return 0, []


def _paragraphs(words: str, count: int) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(content=(Text(text=f"{words} " * 60),)) for _ in range(count))


def _work(chapters: int) -> Document:
    """Chapters of a page or more; the second divided into two sections (listed under it)."""
    sections = []
    for number in range(1, chapters + 1):
        blocks: tuple[Block, ...] = _paragraphs(f"chapter{number}", 4)
        if number == 2:
            blocks = (
                Heading(level=1, content=(Text(text="The first part"),)),
                *_paragraphs("first", 5),
                Heading(level=1, content=(Text(text="The second part"),)),
                *_paragraphs("second", 5),
            )
        sections.append(Section(id=f"ch{number}", title=(Text(text=f"Chapter {number}"),), blocks=blocks))
    metadata = Metadata(title="A work in chapters", language="en", authors=("A. Writer",))
    return Document(metadata=metadata, body=tuple(sections))


def _reader(document: Document) -> PdfReader:
    return PdfReader(BytesIO(render_pdf(document).data))


def test_a_work_lists_its_chapters_and_sections_at_their_pages() -> None:
    reader = _reader(_work(3))
    page, lines = _contents(reader)
    assert page == 3  # the first right-hand page after the title page and its imprint
    assert [title for title, _ in lines] == ["Chapter 1", "Chapter 2", "The first part", "The second part", "Chapter 3"]
    assert lines == _bookmarks(reader)
    assert len({number for _, number in lines}) >= 4  # real, different pages, not one number repeated


def test_gothas_contents_page_prints_the_pages_its_bookmarks_lead_to(corpus: Path) -> None:
    reader = _reader(load(corpus / "mia" / "archive__marx__works__1875__gotha__index.htm").document)
    page, lines = _contents(reader)
    assert page == 3 and len(lines) >= 6
    chapters = dict(_bookmarks(reader))
    for title, number in lines:
        assert chapters[title] == number, title
    assert all(number > page for _, number in lines)


@pytest.mark.parametrize("chapters", [0, 1])
def test_an_article_or_a_single_chapter_has_no_contents_page(chapters: int) -> None:
    document = (
        _work(chapters)
        if chapters
        else Document(metadata=Metadata(title="An article", language="en"), body=_paragraphs("words", 6))
    )
    assert _contents(_reader(document)) == (0, [])
