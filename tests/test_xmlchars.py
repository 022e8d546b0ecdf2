"""Characters XML 1.0 forbids never reach a backend: an ESC in a title used to end the run (N051)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from publish import xmlchars
from publish.loading import load
from publish.model import Document, Metadata, Paragraph, Section, Text
from publish.overrides import overrides as from_options
from publish.pipeline import typeset
from publish.render.epub import build_epub
from publish.render.options import EpubOptions, PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text
from tests.support import pdf_text

_FORBIDDEN = [*(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"), "\ud800", "\udfff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("character", _FORBIDDEN)
def test_every_forbidden_character_is_removed_or_made_a_line_feed(character: str) -> None:
    cleaned = xmlchars.clean(f"a{character}b")
    assert cleaned in ("ab", "a\nb")
    assert xmlchars.count(f"a{character}b{character}") == 2


@pytest.mark.parametrize("text", ["plain", "tab\tline\nreturn\r", "\x7f\x85 C1 and DEL are allowed", "\U0001f600 ok"])
def test_allowed_text_comes_back_as_the_same_object(text: str) -> None:
    assert xmlchars.clean(text) is text
    assert xmlchars.count(text) == 0


def test_cleaning_is_linear() -> None:
    """A megabyte of controls is one translate: a quadratic pass would take minutes here."""
    text = "word\x1b" * 400_000
    assert xmlchars.clean(text) == "word" * 400_000


_FILLER = " ".join(["filler"] * 300)
_HTML = (
    "<html><head><title>Esc\x1b title</title></head><body><h1>The\x1b title &#27;here</h1>"
    '<p>Body \x1b words &#1;and &#xFFFE; more, a <a href="ch\x1b02.htm" title="t\x01">link</a>.</p>'
    '<p><img src="a\x1b.png" alt="al\x1bt words"></p>'
    f"<p>{_FILLER}</p></body></html>"
)
_TEXT = f"The\x1b Title\n\nBody \x1bwords and\x0cpage two.\n\n{_FILLER}\n"


@pytest.mark.parametrize(("name", "content"), [("esc.htm", _HTML), ("esc.txt", _TEXT)])
def test_a_page_with_control_characters_makes_an_epub_and_a_pdf(tmp_path: Path, name: str, content: str) -> None:
    page = tmp_path / name
    page.write_text(content, encoding="utf-8")
    loaded = load(page)
    assert "N051" in {diagnostic.code for diagnostic in loaded.diagnostics}
    document = loaded.document
    assert "\x1b" not in document.metadata.title and "\x1b" not in block_text(document.body)
    assert "Body" in block_text(document.body)
    epub = build_epub(document, EpubOptions(base_dir=tmp_path))
    with zipfile.ZipFile(BytesIO(epub.data)) as book:
        for member in book.namelist():
            data = book.read(member)
            assert b"\x1b" not in data or not member.endswith((".xhtml", ".ncx", ".opf"))
    assert "Body" in pdf_text(render_pdf(document, PdfOptions(base_dir=tmp_path)).data)


def test_the_users_title_and_author_lose_their_control_characters() -> None:
    overrides = from_options(title="A\x1b Title", authors=["Karl\x07 Marx"], date_given=None, language=None)
    document = Document(metadata=Metadata(title="T", language="en"), body=(Paragraph(content=(Text(text="words"),)),))
    loaded = typeset(document, "html", (), overrides=overrides)
    assert loaded.document.metadata.title == "A Title"
    assert loaded.document.metadata.authors == ("Karl Marx",)


def test_a_hand_made_document_is_cleaned_where_it_enters_typesetting() -> None:
    document = Document(
        metadata=Metadata(title="Bad\x1b", language="en", credits=("a\x00b",)),
        body=(Paragraph(content=(Text(text="x\x1by"),)),),
    )
    loaded = typeset(document, "html", ())
    assert loaded.document.metadata.title == "Bad" and loaded.document.metadata.credits == ("ab",)
    assert "\x1b" not in block_text(loaded.document.body)
    assert [d.code for d in loaded.diagnostics] == ["N051"]


def test_a_selections_titles_lose_their_control_characters(tmp_path: Path) -> None:
    from publish.loading import load_selection

    for name in ("one", "two"):
        (tmp_path / f"{name}.htm").write_text(
            f"<html><head><title>{name}</title></head><body><h1>{name}</h1><p>{_FILLER}</p></body></html>",
            encoding="utf-8",
        )
    selection = tmp_path / "selection.toml"
    selection.write_text(
        'title = "Two\\u001b texts"\nauthor = "A\\u0007 B"\n'
        '[[item]]\npath = "one.htm"\ntitle = "The\\u001b first"\n[[item]]\npath = "two.htm"\n',
        encoding="utf-8",
    )
    document = load_selection(selection).document
    assert document.metadata.title == "Two texts" and document.metadata.authors == ("A B",)
    first = document.body[0]
    assert isinstance(first, Section) and first.title == (Text(text="The first"),)
    assert build_epub(document, EpubOptions(base_dir=tmp_path)).data
