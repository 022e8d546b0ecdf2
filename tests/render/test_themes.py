"""Themes as a reader meets them: the large-print book is set larger in the sans, and a user's
theme folder changes the EPUB and the PDF where it says it does, and nowhere it does not."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from publish.errors import PublishError
from publish.loading import load
from publish.model import Document
from publish.render.epub import render_epub
from publish.render.options import EpubOptions, PdfOptions
from publish.render.pdf import render_pdf
from publish.resources import search_path, stylesheet
from publish.themes import builtin_folder, chain, resolve
from tests.conftest import ROOT, SEED
from tests.support import body_type, epubcheck, pdf_text

MM = 72 / 25.4


@pytest.fixture(scope="module")
def seed() -> Document:
    return load(SEED, whole_work=False).document


@pytest.mark.parametrize("paper", ["a5", "a6", "a4"])
def test_large_print_sets_the_body_larger_in_the_sans(seed: Document, paper: str) -> None:
    classic_size, classic_face = body_type(render_pdf(seed, PdfOptions(paper=paper)).data)
    large = render_pdf(seed, PdfOptions(paper=paper, theme=resolve("large-print")))
    large_size, large_face = body_type(large.data)
    assert classic_face.startswith("Source-Serif-Pro")
    assert large_face == "Source-Sans-Pro", large_face
    assert large_size >= 16, "large-print guidance: at least 16 pt"
    assert large_size >= 1.4 * classic_size, (large_size, classic_size)
    text = pdf_text(large.data)
    assert "Set in Source Sans Pro" in text and "Source Serif" not in text, "the imprint names the face in use"


def test_large_print_epub_is_relative_left_aligned_sans_and_passes_epubcheck(seed: Document, tmp_path: Path) -> None:
    book = render_epub(seed, EpubOptions(theme=resolve("large-print")))
    with zipfile.ZipFile(io.BytesIO(book)) as epub:
        css = epub.read("EPUB/style.css").decode()
    classic = (ROOT / "styles/epub.css").read_text(encoding="utf-8")
    assert css.startswith(classic), "large print adds to the classic stylesheet, it does not copy it"
    added = css[len(classic) :]
    assert "Source Sans Pro" in added and "text-align: left" in added and "line-height: 1.5" in added
    absolute = re.search(r"(font-size|line-height):\s*[\d.]+(pt|px)", added)
    assert absolute is None, "sizes stay relative: the reader sets them"
    path = tmp_path / "large.epub"
    path.write_bytes(book)
    assert epubcheck(path) == []


@pytest.fixture
def user_theme(tmp_path: Path) -> Path:
    """A theme that extends two classic templates by a block each, replaces the A5 paper's
    stylesheet and adds a rule to the e-book's."""
    theme = tmp_path / "red-pamphlets"
    (theme / "templates/epub").mkdir(parents=True)
    (theme / "templates/pdf").mkdir(parents=True)
    (theme / "styles").mkdir()
    (theme / "theme.toml").write_text('description = "the Red Pamphlets series"\n', encoding="utf-8")
    (theme / "templates/epub/titlepage.xhtml.j2").write_text(
        '{% extends "classic/epub/titlepage.xhtml.j2" %}\n'
        '{% block body %}{{ super() }}<p class="series">A Red Pamphlet</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "templates/pdf/imprint.html.j2").write_text(
        '{% extends "classic/pdf/imprint.html.j2" %}\n'
        '{% block maker %}<p class="maker">Printed by the Red Pamphlets collective.</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    (theme / "styles/paper-a5.css").write_text(
        "@page { size: 120mm 180mm; margin: 15mm; }\nhtml { font-size: 12pt; line-height: 16pt; }\n",
        encoding="utf-8",
    )
    (theme / "styles/epub.extra.css").write_text(".series { color: #8b0000; }\n", encoding="utf-8")
    return theme


def test_a_user_theme_overrides_a_template_and_a_stylesheet_in_both_books(
    seed: Document, user_theme: Path, tmp_path: Path
) -> None:
    theme = resolve(str(user_theme))
    book = render_epub(seed, EpubOptions(theme=theme))
    with zipfile.ZipFile(io.BytesIO(book)) as epub:
        title_page = epub.read("EPUB/title.xhtml").decode()
        css = epub.read("EPUB/style.css").decode()
    assert '<p class="series">A Red Pamphlet</p>' in title_page
    assert "A different kind of party altogether" in title_page, "the block's super() keeps classic's page"
    assert css.endswith(".series { color: #8b0000; }\n")
    assert css.startswith((ROOT / "styles/epub.css").read_text(encoding="utf-8"))
    path = tmp_path / "red.epub"
    path.write_bytes(book)
    assert epubcheck(path) == []

    pdf = render_pdf(seed, PdfOptions(theme=theme)).data
    text = pdf_text(pdf)
    assert "Printed by the Red Pamphlets collective." in text and "Set in Source Serif Pro" not in text
    assert "Source: Socialism from below" in text, "the rest of classic's imprint is kept"
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (120, 180)
    assert body_type(pdf)[0] == 12.0


def test_templates_and_styles_folders_still_go_over_the_theme(seed: Document, user_theme: Path, tmp_path: Path) -> None:
    styles = tmp_path / "my-styles"
    styles.mkdir()
    (styles / "paper-a5.css").write_text("@page { size: 100mm 150mm; }\nhtml { font-size: 9pt; }\n", encoding="utf-8")
    pdf = render_pdf(seed, PdfOptions(theme=resolve(str(user_theme)), styles=styles)).data
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / MM) == 100


def test_a_theme_extends_another_and_ends_at_classic(tmp_path: Path) -> None:
    theme = tmp_path / "mine"
    (theme / "styles").mkdir(parents=True)
    (theme / "theme.toml").write_text('extends = "large-print"\n', encoding="utf-8")
    (theme / "styles/pamphlet.extra.css").write_text("h2 { color: navy; }\n", encoding="utf-8")
    large = builtin_folder("large-print")
    assert large is not None
    assert chain(resolve(str(theme))) == (theme.resolve(), large)
    assert search_path("styles", None, theme.resolve())[-1] == ROOT / "styles"
    css = stylesheet("pamphlet.css", None, theme.resolve())
    classic, large_print, mine = (ROOT / "styles/pamphlet.css").read_text(encoding="utf-8"), "Source Sans Pro", "navy"
    assert css.startswith(classic) and css.index(large_print, len(classic)) < css.index(mine)
    replaced = theme / "styles/pamphlet.css"
    replaced.write_text("html { color: black; }\n", encoding="utf-8")
    own = stylesheet("pamphlet.css", None, theme.resolve())
    assert own == "html { color: black; }\n\n/* pamphlet.extra.css */\nh2 { color: navy; }\n", (
        "a theme's own NAME.css drops the extras written for the one it replaces"
    )


@pytest.mark.parametrize(
    ("toml", "cause"),
    [
        ('extnds = "classic"\n', "unknown key 'extnds': did you mean 'extends'?"),
        ("description = 3\n", "'description' must be a string"),
        ('extends = "nowhere"\n', "extends 'nowhere': no such theme or folder"),
        ('extends = "."\n', "extends itself"),
        ("description = \n", "is not valid TOML"),
    ],
)
def test_a_wrong_theme_toml_is_one_line_naming_the_file(tmp_path: Path, toml: str, cause: str) -> None:
    theme = tmp_path / f"theme-{abs(hash(toml))}"
    theme.mkdir()
    (theme / "theme.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PublishError) as raised:
        resolve(str(theme))
    assert cause in raised.value.cause and "\n" not in raised.value.cause
    assert raised.value.path == str(theme / "theme.toml")


def test_options_made_by_hand_with_a_missing_theme_folder_are_refused(seed: Document, tmp_path: Path) -> None:
    with pytest.raises(PublishError) as raised:
        render_epub(seed, EpubOptions(theme=tmp_path / "large-print"))
    assert raised.value.path == str(tmp_path / "large-print") and "no such theme folder" in raised.value.cause


def test_a_themes_face_is_what_the_ebook_embeds_and_both_books_name(seed: Document, tmp_path: Path) -> None:
    """large-print sets its text in the sans: --embed-font brings that face, not classic's serif,
    and the colophon and the imprint say so (a theme's ``face`` along its chain)."""
    large = resolve("large-print")
    book = render_epub(seed, EpubOptions(theme=large, embed_font=True))
    with zipfile.ZipFile(io.BytesIO(book)) as epub:
        fonts = [name for name in epub.namelist() if name.startswith("EPUB/fonts/")]
        css = epub.read("EPUB/style.css").decode()
        colophon = epub.read("EPUB/colophon.xhtml").decode()
    assert fonts and all("SourceSansPro" in name for name in fonts), fonts
    assert 'body { font-family: "Source Sans Pro", sans-serif; }' in css
    assert "Set in Source Sans Pro" in colophon and "Serif" not in colophon
    path = tmp_path / "large.epub"
    path.write_bytes(book)
    reported = {(message["ID"], message["severity"]) for message in epubcheck(path)}
    assert reported == {("CSS-028", "USAGE")}, "only the note any @font-face gets: no error, no warning"
    classic = render_epub(seed, EpubOptions(embed_font=True))
    with zipfile.ZipFile(io.BytesIO(classic)) as epub:
        assert "Set in Source Serif Pro" in epub.read("EPUB/colophon.xhtml").decode()
    mine = tmp_path / "mine"
    (mine / "styles").mkdir(parents=True)
    (mine / "theme.toml").write_text('extends = "large-print"\n', encoding="utf-8")
    assert "Set in Source Sans Pro" in pdf_text(render_pdf(seed, PdfOptions(theme=resolve(str(mine)))).data)


def test_a_face_publish_does_not_have_is_refused(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "theme.toml").write_text('face = "Comic Sans"\n', encoding="utf-8")
    with pytest.raises(PublishError, match=r"face 'Comic Sans' is not one of the faces publish has: .*Source Sans Pro"):
        resolve(str(tmp_path))
