"""A malformed address anywhere in a page is words without a link, never the end of the run (N050)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from publish import urls
from publish.loading import load
from publish.model import Figure, Link
from publish.model_walk import query
from publish.render.epub import build_epub
from publish.render.options import EpubOptions, PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text
from tests.support import pdf_text

MALFORMED = ["http://[::1", "http://a]b/", "http://[zz]/x.htm", "http://example.org:port/", "https://[::1]:99999/"]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_url_splits_and_joins_to_none(url: str) -> None:
    assert urls.split(url) is None
    assert not urls.is_wellformed(url)
    assert urls.join("https://www.marxists.org/archive/marx/index.htm", url) is None
    assert urls.join(url, "ch01.htm") is None


def test_a_wellformed_url_splits_and_joins_as_urllib_does() -> None:
    parts = urls.split("https://www.marxists.org/archive/lenin/works/1917/staterev/ch01.htm#s1")
    assert parts is not None and parts.netloc == "www.marxists.org" and parts.fragment == "s1"
    assert urls.join("https://www.marxists.org/a/b/c.htm", "../d.htm") == "https://www.marxists.org/a/d.htm"
    assert urls.split("ch[1.htm") is not None  # brackets only matter in a host
    assert urls.unquote("ch%2001%ff.htm") == "ch 01\ufffd.htm"


_PAGE = """<html><head><title>Bad addresses</title></head><body><h1>Bad addresses</h1>
<p>One <a href="http://[::1">broken host</a> in running text, and <a href="https://ok.example/">a good one</a>.</p>
<p><a href="http://[::1/ch02.htm#n1">A page link</a> and <a href="ch[1.htm">a bracketed page</a>.</p>
<p><img src="http://[::1/pic.png" alt="A crowd in the square"></p>
<p>{filler}</p></body></html>"""


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "bad.htm"
    page.write_text(_PAGE.format(filler=" ".join(["filler"] * 200)), encoding="utf-8")
    return page


def test_a_page_with_malformed_addresses_reads_with_its_words_and_n050(tmp_path: Path) -> None:
    loaded = load(_page(tmp_path))
    body = loaded.document.body
    text = block_text(body)
    for words in ("broken host", "a good one", "A page link", "a bracketed page", "A crowd in the square"):
        assert words in text
    targets = [link.target for link in query(body, Link)]
    assert "https://ok.example/" in targets
    assert all(urls.is_wellformed(target) for target in targets)
    assert not list(query(body, Figure))  # the picture that cannot be fetched is its words
    (n050,) = [d for d in loaded.diagnostics if d.code == "N050"]
    assert "http://[::1" in n050.message and "3 malformed addresses" in n050.message


def test_a_page_with_malformed_addresses_makes_an_epub_and_a_pdf(tmp_path: Path) -> None:
    document = load(_page(tmp_path)).document
    epub = build_epub(document, EpubOptions(base_dir=tmp_path))
    with zipfile.ZipFile(BytesIO(epub.data)) as book:
        xhtml = " ".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert "broken host" in xhtml and "[::1" not in xhtml
    pdf = render_pdf(document, PdfOptions(base_dir=tmp_path))
    assert "broken host" in " ".join(pdf_text(pdf.data).split())


def test_a_malformed_picture_source_in_a_hand_made_document_is_refused_in_words(tmp_path: Path) -> None:
    from publish.render.pictures import gather

    pictures = gather(["http://[::1/pic.png"], tmp_path, "here")
    assert not pictures.found
    assert "malformed" in pictures.diagnostics[0].message


def test_the_weasyprint_fetcher_refuses_a_malformed_address(tmp_path: Path) -> None:
    from publish.render.fetch import ConfinedFetcher

    fetcher = ConfinedFetcher((tmp_path,))
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch("file://[::1/etc/passwd")
    assert fetcher.refused == ["file://[::1/etc/passwd"]


def test_urllib_parse_is_imported_only_by_publish_urls() -> None:
    """ruff's TID251 keeps it so; this says why, where a reader of the tests looks."""
    root = Path(__file__).parent.parent / "publish"
    users = [path for path in root.rglob("*.py") if "urllib.parse" in path.read_text(encoding="utf-8")]
    assert [path.relative_to(root).as_posix() for path in users] == ["urls.py"]


_INDEX = """<html><head><title>On the Trade Unions</title></head><body>
<p class="author">Tom Mann</p><h1>On the Trade Unions</h1>
<p>These lectures were given in the winter of 1913 to the workers of the docks and the mills.</p>
<h3>Contents</h3>
<p><a href="lecture1.htm">Lecture 1. The Unions and the State</a><br>
<a href="lecture2.htm">Lecture 2. The General Strike</a><br>
<a href="http://[::1/lecture3.htm">Lecture 3. The Syndicalists</a><br>
<a href="lecture4.htm#[::1">Lecture 4. The Future</a></p>
</body></html>
"""
_CHAPTER = """<html><head><title>Lecture {n}</title></head><body><h1>Lecture {n}. On the unions</h1>
<p>The state is no friend of the unions, as every docker knows: <a href="http://[::1">see here</a>,
<a href="http://[::1/notes.htm#n1">a note</a> and <a href="lecture{m}.htm">the next lecture</a>.</p>
<p><img src="http://[::1/map.png" alt="A map of the docks"></p></body></html>
"""


def test_a_work_with_malformed_addresses_in_its_index_and_chapters_is_made(tmp_path: Path) -> None:
    (tmp_path / "index.htm").write_text(_INDEX, encoding="utf-8")
    for n in (1, 2, 4):
        (tmp_path / f"lecture{n}.htm").write_text(_CHAPTER.format(n=n, m=n + 1), encoding="utf-8")
    loaded = load(tmp_path / "index.htm")
    text = block_text(loaded.document.body)
    assert "see here" in text and "A map of the docks" in text
    assert "N050" in {diagnostic.code for diagnostic in loaded.diagnostics}
    epub = build_epub(loaded.document, EpubOptions(base_dir=tmp_path))
    with zipfile.ZipFile(BytesIO(epub.data)) as book:
        xhtml = " ".join(book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml"))
    assert "see here" in xhtml and "[::1" not in xhtml
    printed = pdf_text(render_pdf(loaded.document, PdfOptions(base_dir=tmp_path)).data)
    assert "see here" in " ".join(printed.split())
