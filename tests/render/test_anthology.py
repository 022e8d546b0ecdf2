"""Anthologies: separate articles as one book that keeps each one's author, date and source."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.conftest import corpus_dir
from tests.support import epubcheck_many, spine_documents, xhtml_text

ARTICLES = (
    "mia-tree/archive/harman/2002/12/coup.htm",
    "mia-tree/archive/harman/1984/03/squad.htm",
    "mia-tree/archive/harman/1997/05/brecht.html",
)


def _publish(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "publish", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def corpus_articles() -> list[Path]:
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return [corpus / article for article in ARTICLES]


def test_three_articles_keep_their_own_credits(corpus_articles: list[Path], tmp_path: Path) -> None:
    book = tmp_path / "three.epub"
    result = _publish("epub", *map(str, corpus_articles), "--title", "Three articles", "-o", str(book))
    assert result.returncode == 0, result.stderr
    assert epubcheck_many([book])[book] == []
    with zipfile.ZipFile(book) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(element for element in nav.iter("{*}nav") if element.get("id") == "toc")
    entries = [a.text for a in toc.findall("{*}ol/{*}li/{*}a")]
    assert entries == [
        "Workers organise to halt right wing coup (Chris Harman, 21 December 2002)",
        "Squaddism in Nazi Germany (Chris Harman, March 1984)",
        "No fear of contradiction (Chris Harman, May 1997)",
    ]
    colophon = xhtml_text(dict(spine_documents(book.read_bytes()))["colophon.xhtml"])
    for source in ("Socialist Worker, No.1831", "Socialist Review, No. 63, March 1984", "Socialist Review, No.208"):
        assert source in colophon


def test_a_toml_selection_orders_and_retitles(corpus_articles: list[Path], tmp_path: Path) -> None:
    selection = tmp_path / "selection.toml"
    lines = ['title = "Harman on war and culture"', 'author = "Chris Harman"']
    for article, title in zip(reversed(corpus_articles), ("Brecht", "Nazi Germany", "Venezuela"), strict=True):
        lines += ["[[item]]", f'path = "{article}"', f'title = "{title}"']
    selection.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = tmp_path / "selection.pdf"
    result = _publish("pdf", str(selection), "--allow-outside", "-o", str(book))  # the corpus is elsewhere
    assert result.returncode == 0, result.stderr
    outline = [item.title for item in PdfReader(book).outline if not isinstance(item, list)]
    assert outline == ["Brecht", "Nazi Germany", "Venezuela"]


def test_several_inputs_need_a_title(corpus_articles: list[Path], tmp_path: Path) -> None:
    result = _publish("epub", *map(str, corpus_articles), "-o", str(tmp_path / "x.epub"))
    assert result.returncode == 2
    assert "--title" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.epub").exists()
