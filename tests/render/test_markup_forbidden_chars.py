"""Characters XML forbids never reach a book's XHTML (found by the fuzz suite: ``&#x1F;``)."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

import publish
from publish.render.markup import element, serialise
from publish.render.options import EpubOptions
from tests.support import spine_documents, xhtml_text


def test_serialise_drops_characters_xml_forbids_in_text_and_attributes() -> None:
    made = serialise(element("p", "work\x1fers \x00of\x0b the \ud800world\ufffe", title="a\x01b"))
    assert made == '<p title="ab">workers of\n the world</p>'  # a vertical tab is a line's end
    etree.fromstring(made)


def test_a_control_character_reference_in_a_page_leaves_the_epub_well_formed() -> None:
    page = b"<html><head><title>Refs</title></head><body><h1>Refs</h1><p>The work&#x1F;ers&#8; met.</p></body></html>"
    doc = publish.read(page, origin="refs.htm")
    book = publish.render_epub(doc, EpubOptions(modified=datetime(2024, 1, 1, tzinfo=UTC)))
    text = " ".join(xhtml_text(page) for _, page in spine_documents(book))
    assert "The workers met." in text


def test_a_picture_in_a_footnote_keeps_its_description() -> None:
    """Found by tests/test_xhtml_property.py: a footnote (which holds no picture) dropped a
    figure's alt text; it now says "[Picture: …]" in the note."""
    from publish.model import Figure, Note, NoteKind, Paragraph, Text
    from publish.render.body import BodyWriter, NoteMode
    from publish.render.markup import serialise_all

    note = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(Figure(source="map.png", alt="a map of Paris"),))
    writer = BodyWriter(NoteMode.FOOTNOTES)
    made = serialise_all(writer.blocks((Paragraph(content=(Text(text="The city"), note)),)))
    assert "a map of Paris" in made
