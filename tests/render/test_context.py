"""The credits chain as the colophon and the imprint print it: each fact once, each line a sentence."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from publish.model import Contributor, Metadata, Role
from publish.normalise import read
from publish.render.context import book_view
from publish.render.epub import render_epub
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from tests.support import pdf_text

_GOTHA = Metadata(
    title="Critique of the Gotha Programme",
    language="en",
    authors=("Karl Marx",),
    contributors=(
        Contributor(name="Zodiac", roles=(Role.TRANSCRIBER,)),
        Contributor(name="Brian Baggins", roles=(Role.TRANSCRIBER, Role.MARKUP)),
        Contributor(name="Andy Blunden", roles=(Role.PROOFREADER,)),
    ),
    source="Marx/Engels Selected Works, Volume Three, p. 13-30;",
    credits=(
        "Publisher: Progress Publishers, Moscow, 1970;",
        "Transcribed: Zodiac and Brian Baggins;",
        "HTML Markup: Brian Baggins.",
    ),
)


def test_a_role_the_archives_own_lines_name_is_not_said_again() -> None:
    view = book_view(_GOTHA)
    assert [credit.text for credit in view.credits] == ["Proofread by Andy Blunden."]


def test_credit_lines_end_as_sentences_and_the_source_without_its_separator() -> None:
    view = book_view(_GOTHA)
    assert view.acknowledgements == (
        "Publisher: Progress Publishers, Moscow, 1970.",
        "Transcribed: Zodiac and Brian Baggins.",
        "HTML Markup: Brian Baggins.",
    )
    assert view.source == "Marx/Engels Selected Works, Volume Three, p. 13-30"


# --- a translator's name inside another credit (a firm named for him) -------------------------

_LAZY = "mia/archive__lafargue__1883__lazy__index.htm"


def test_a_name_inside_a_firms_name_does_not_say_the_translator() -> None:
    """Spanish, and a name that is one of two translators: the firm "Pedro Ruiz e Hijos" does
    not credit Pedro Ruiz; a line that lists both translators does."""
    firm = Metadata(
        title="T",
        language="es",
        contributors=(Contributor(name="Pedro Ruiz", roles=(Role.TRANSLATOR,)),),
        credits=("Primera edición: Pedro Ruiz e Hijos, Madrid, 1931",),
    )
    assert [credit.names for credit in book_view(firm).credits] == ["Pedro Ruiz"]
    both = Metadata(
        title="T",
        language="es",
        contributors=(
            Contributor(name="Pedro Ruiz", roles=(Role.TRANSLATOR,)),
            Contributor(name="Ana Gil", roles=(Role.TRANSLATOR,)),
        ),
        credits=("Traducción: Pedro Ruiz y Ana Gil, revisada en 1990",),
    )
    assert book_view(both).credits == ()


def test_lafargues_translator_stays_in_the_colophon_and_the_imprint(corpus: Path) -> None:
    """ "Translated by Charles Kerr" beside "First Published: Charles Kerr and Co.": both are said."""
    document = read((corpus / _LAZY).read_bytes(), _LAZY).document
    assert any("Charles Kerr and Co." in line for line in document.metadata.credits)
    with zipfile.ZipFile(io.BytesIO(render_epub(document))) as book:
        colophon = " ".join(etree.fromstring(book.read("EPUB/colophon.xhtml")).itertext())
    pdf = " ".join(pdf_text(render_pdf(document, PdfOptions()).data).split())
    for shown in (" ".join(colophon.split()), pdf):
        assert "Translated by Charles Kerr." in shown
        assert "Charles Kerr and Co." in shown
