"""Every e-book has a cover: made from its metadata, or the user's own."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from lxml import etree
from PIL import Image

from publish.pipeline import load
from publish.render.cover import user_cover
from publish.render.epub import render_epub
from publish.render.options import EpubOptions
from tests.conftest import SEED
from tests.support import epubcheck


def _package(book: bytes) -> tuple[etree._Element, zipfile.ZipFile]:
    archive = zipfile.ZipFile(BytesIO(book))
    return etree.fromstring(archive.read("EPUB/content.opf")), archive


def test_a_made_cover_is_the_first_page_and_the_cover_image(tmp_path: Path) -> None:
    book = render_epub(load(SEED.read_bytes(), str(SEED)).document)
    opf, archive = _package(book)
    image = next(item for item in opf.iter("{*}item") if "cover-image" in (item.get("properties") or ""))
    assert image.get("media-type") == "image/png"
    with Image.open(BytesIO(archive.read(f"EPUB/{image.get('href')}"))) as picture:
        assert picture.size == (1600, 2400)
    assert [meta.get("content") for meta in opf.iter("{*}meta") if meta.get("name") == "cover"] == [image.get("id")]
    spine = [ref.get("idref") for ref in opf.iter("{*}itemref")]
    assert spine[:2] == ["cover", "title"]
    page = etree.fromstring(archive.read("EPUB/cover.xhtml"))
    img = next(page.iter("{*}img"))
    assert img.get("alt") == "Cover: A different kind of party altogether, by Chris Harman"
    nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    assert "cover" in {a.get("{http://www.idpf.org/2007/ops}type") for a in nav.iter("{*}a")}
    path = tmp_path / "book.epub"
    path.write_bytes(book)
    assert epubcheck(path) == []


def test_the_users_own_cover_replaces_it(tmp_path: Path) -> None:
    own = tmp_path / "own.jpg"
    Image.new("RGB", (600, 900), "#336699").save(own, format="JPEG")
    document = load(SEED.read_bytes(), str(SEED)).document
    book = render_epub(document, EpubOptions(cover=user_cover(own)))
    opf, archive = _package(book)
    image = next(item for item in opf.iter("{*}item") if "cover-image" in (item.get("properties") or ""))
    assert image.get("media-type") == "image/jpeg"
    assert archive.read(f"EPUB/{image.get('href')}") == own.read_bytes()
    path = tmp_path / "book.epub"
    path.write_bytes(book)
    assert epubcheck(path) == []
    bare = render_epub(document, EpubOptions(generated_cover=False))
    opf, _ = _package(bare)
    assert not [item for item in opf.iter("{*}item") if "cover-image" in (item.get("properties") or "")]


def test_a_cover_that_is_not_an_image_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "cover.png"
    bad.write_text("not a picture")
    out = tmp_path / "book.epub"
    command = [sys.executable, "-m", "publish", "epub", str(SEED), "--cover", str(bad), "-o", str(out)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "not an image" in lines[0]
    assert not out.exists()


def test_an_embedded_face_is_a_subset_with_its_licence(tmp_path: Path) -> None:
    document = load(SEED.read_bytes(), str(SEED)).document
    book = render_epub(document, EpubOptions(embed_font=True))
    opf, archive = _package(book)
    fonts = [item for item in opf.iter("{*}item") if item.get("media-type") == "font/otf"]
    assert len(fonts) == 4
    for item in fonts:
        data = archive.read(f"EPUB/{item.get('href')}")
        assert 5_000 < len(data) < 80_000  # a subset: the whole face is about 250 KB
        cmap = TTFont(BytesIO(data)).getBestCmap()
        assert ord("H") in cmap and ord("’") in cmap and ord("Ж") not in cmap
    css = archive.read("EPUB/style.css").decode("utf-8")
    assert '@font-face { font-family: "Source Serif Pro"; src: url("fonts/SourceSerifPro-Regular.otf")' in css
    licence = archive.read("EPUB/font-licence.xhtml").decode("utf-8")
    assert "SIL Open Font License" in licence
    assert 'href="font-licence.xhtml"' in archive.read("EPUB/colophon.xhtml").decode("utf-8")
    spine = {ref.get("idref"): ref.get("linear") for ref in opf.iter("{*}itemref")}
    assert spine["font-licence"] == "no"
    assert render_epub(document, EpubOptions(embed_font=True)) == book
    path = tmp_path / "book.epub"
    path.write_bytes(book)
    # EPUBCheck notes any @font-face as a usage message (CSS-028, "Use of Font-face
    # declaration"), which is information, not a fault; nothing else may be reported.
    reported = [(message["ID"], message["severity"]) for message in epubcheck(path)]
    assert reported == [("CSS-028", "USAGE")]
