"""An index page's own text that is only a motto (quotations with their sources, a dedication in
verse) heads the book as an epigraph, with no invented heading; prose keeps its own section."""

from __future__ import annotations

from pathlib import Path

from publish.loading import load
from publish.model import Block, Document, Epigraph, Metadata, Paragraph, Quotation, Section, Text, Verse
from publish.normalise.work import Chapter, assemble_work
from publish.words import block_text

_PROPERTY = "mia-tree/archive/lafargue/1890/property/index.html"


def _paragraph(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def _book(*own: Block) -> Document:
    metadata = Metadata(title="The Work", language="en", authors=("Paul Lafargue",))
    index = Document(metadata=metadata, body=own)
    chapter = Chapter(
        href="ch01.htm", label="Chapter One", document=Document(metadata=metadata, body=(_paragraph("Words."),))
    )
    book, _ = assemble_work(index, [chapter], [], "index.htm")
    return book


def test_quotations_with_their_sources_are_the_first_chapters_epigraph() -> None:
    quote = Quotation(blocks=(_paragraph("“Property is theft.”"),))
    book = _book(quote, _paragraph("P.-J. Proudhon"))
    assert len(book.body) == 1  # no "About this work" section
    first = book.body[0]
    assert isinstance(first, Section) and isinstance(first.blocks[0], Epigraph)
    assert block_text(first.blocks[0].blocks) == block_text((quote, _paragraph("P.-J. Proudhon")))


def test_a_dedication_in_verse_is_a_motto_too() -> None:
    verse = Verse(stanzas=(((Text(text="To the workers"),), (Text(text="of every land"),)),))
    first = _book(verse).body[0]
    assert isinstance(first, Section) and first.blocks[0] == Epigraph(blocks=(verse,))


def test_prose_keeps_its_section_even_when_it_quotes() -> None:
    quote = Quotation(blocks=(_paragraph("“Property is theft.”"),))
    prose = _paragraph(
        "This edition was first printed in 1890 by the Charles Kerr Company of Chicago, and reprinted often."
    )
    book = _book(prose, quote)
    assert len(book.body) == 2 and isinstance(book.body[0], Section) and book.body[0].blocks == (prose, quote)
    assert len(_book(_paragraph("Transcribed in 1999.")).body) == 2  # a short editors' note is no motto


def test_lafargue_property_opens_with_its_mottoes_not_an_invented_heading(corpus: Path) -> None:
    book = load(corpus / _PROPERTY).document
    first = book.body[0]
    assert isinstance(first, Section) and "About this work" not in block_text((first,))
    assert isinstance(first.blocks[0], Epigraph)
    assert "Lewis H. Morgan" in block_text(first.blocks[0].blocks)
