"""Editors' matter is set apart from the author's words in the e-book and in the pamphlet.

Lenin's page opens with his Collected Works editors' preface: it must read as theirs (framed,
labelled "Editors' preface"), not as the first paragraphs of Lenin's article. A small document
shows the forms the page does not have: an editor's aside after the text has begun (a note, not
a preface), a translator's preface, editor's and translator's notes, and an editor's insertion.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from publish.loading import load
from publish.model import (
    Aside,
    Document,
    EditorialInsertion,
    Inline,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Quotation,
    Text,
)
from publish.render.epub import render_epub
from publish.render.pdf import render_pdf
from tests.support import epubcheck, pdf_text

_XHTML = "{http://www.w3.org/1999/xhtml}"
_LENIN = "mia/archive__lenin__works__1913__mar__x01.htm"


def _paragraph(words: str, *inlines: Inline) -> Paragraph:
    return Paragraph(content=(Text(text=words), *inlines))


def _note(kind: NoteKind, words: str, marker: str) -> Note:
    return Note(marker=marker, kind=kind, blocks=(_paragraph(words),))


def _siblings() -> Document:
    """Every other form of editors' matter, in one short article."""
    body = (
        Aside(kind=NoteKind.TRANSLATOR, blocks=(_paragraph("The translator introduces the text."),)),
        _paragraph(
            "The author begins",
            _note(NoteKind.EDITOR, "The editors explain a name.", "1"),
            Text(text=" and goes on "),
            EditorialInsertion(content=(Text(text="[a word supplied]"),)),
            Text(text=" to the end"),
            _note(NoteKind.TRANSLATOR, "The translator explains a pun.", "2"),
            Text(text="."),
        ),
        Aside(kind=NoteKind.EDITOR, blocks=(_paragraph("The editors add a remark between paragraphs."),)),
        _paragraph("The author ends", _note(NoteKind.AUTHOR, "The author's own note.", "3"), Text(text=".")),
    )
    return Document(metadata=Metadata(title="Editors and authors", language="en", authors=("A. Writer",)), body=body)


def _chapter(data: bytes, name: str = "EPUB/text.xhtml") -> etree._Element:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


@pytest.fixture(scope="module")
def lenin(corpus: Path) -> Document:
    return load(corpus / _LENIN).document


def test_the_reader_keeps_lenins_editors_preface_apart(lenin: Document) -> None:
    first = lenin.body[0]
    assert isinstance(first, Aside) and first.kind is NoteKind.EDITOR
    assert "Thirtieth Anniversary" in " ".join(str(block) for block in first.blocks)


def test_the_epub_frames_and_labels_lenins_editors_preface(lenin: Document, tmp_path: Path) -> None:
    data = render_epub(lenin)
    chapter = _chapter(data)
    asides = [node for node in chapter.iter(f"{_XHTML}aside") if "aside" in node.get("class", "").split()]
    assert len(asides) == 1
    aside = asides[0]
    label = aside.find(f"{_XHTML}p")
    assert label is not None and label.get("class") == "aside-label" and _text(label) == "Editors’ preface"
    assert aside.get("aria-labelledby") == label.get("id") and aside.get("role") == "note"
    assert "Thirtieth Anniversary" in _text(aside)
    # Lenin's own words come after the frame, not inside it.
    assert "Throughout the civilised world" not in _text(aside)
    following = aside.getnext()
    assert following is not None and _text(following).startswith("Throughout the civilised world")
    book = tmp_path / "x01.epub"
    book.write_bytes(data)
    assert epubcheck(book) == []


def test_the_pamphlet_prints_the_label_before_the_preface_and_lenins_text_after(lenin: Document) -> None:
    text = " ".join(pdf_text(render_pdf(lenin).data).split())
    label = text.lower().find("editors’ preface")
    assert label != -1
    assert label < text.find("This article was published") < text.find("Throughout the civilised world")


def test_an_aside_after_the_text_has_begun_is_a_note_and_a_translators_preface_says_so() -> None:
    chapter = _chapter(render_epub(_siblings()))
    labels = [_text(node) for node in chapter.iter(f"{_XHTML}p") if node.get("class") == "aside-label"]
    assert labels == ["Translator’s preface", "Editor’s note"]
    ids = [node.get("id") for node in chapter.iter() if node.get("id")]
    assert len(ids) == len(set(ids))


def test_editor_and_translator_notes_carry_their_label_and_the_authors_none() -> None:
    chapter = _chapter(render_epub(_siblings()))
    notes = {node.get("id"): node for node in chapter.iter(f"{_XHTML}aside") if "note" in node.get("class", "").split()}
    labels = {
        ident: [_text(span) for span in node.iter(f"{_XHTML}span") if span.get("class") == "note-label"]
        for ident, node in notes.items()
    }
    assert labels == {"note-1": ["Editor’s note"], "note-2": ["Translator’s note"], "note-3": []}
    inserted = [_text(span) for span in chapter.iter(f"{_XHTML}span") if span.get("class") == "inserted"]
    assert inserted == ["[a word supplied]"]


def test_an_editors_note_that_opens_with_a_quotation_keeps_its_label() -> None:
    """A note whose first block is no paragraph gets a paragraph of its own for the back-link,
    and its label with it."""
    quoted = Note(marker="1", kind=NoteKind.EDITOR, blocks=(Quotation(blocks=(_paragraph("Quoted words."),)),))
    document = Document(
        metadata=Metadata(title="A quoting note", language="en"),
        body=(_paragraph("The author's sentence", quoted, Text(text=".")),),
    )
    chapter = _chapter(render_epub(document))
    note = next(node for node in chapter.iter(f"{_XHTML}aside") if node.get("id") == "note-1")
    opening = note.find(f"{_XHTML}p")
    assert opening is not None
    assert [_text(span) for span in opening.iter(f"{_XHTML}span") if span.get("class") == "note-label"] == [
        "Editor’s note"
    ]


def test_the_pamphlet_labels_footnotes_and_asides() -> None:
    text = " ".join(pdf_text(render_pdf(_siblings()).data).split()).lower()
    for label, words in (
        ("translator’s preface", "the translator introduces"),
        ("editor’s note", "the editors explain a name"),
        ("translator’s note", "the translator explains a pun"),
        ("editor’s note", "the editors add a remark"),
    ):
        assert f"{label} {words}" in text
    assert "note the author's own note" not in text
