"""A whole visit to ``publish serve`` in Debian's chromium (Playwright, never a downloaded
browser) over the shared ``mia-tree``: search for an author, open a text, put three texts by
two authors in the basket, reorder them, build an A5 booklet PDF and an EPUB, download both;
then the PDF's pages must be in booklet order, the EPUB must pass EPUBCheck, and the browser
must have logged no error. Skipped, saying why, where there is no chromium (CI installs it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from publish.render.impose import booklet_order
from publish.serve.books import Request
from tests.serve.test_books import side_texts
from tests.support import epubcheck
from tools import catalogue_screenshot as chromium
from tools.serve_thread import running

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

BOYCOTT = "archive/lafargue/1901/11/boycott.htm"
TULEADERS = "archive/harman/1978/11/tuleaders.htm"
GARNERS = "archive/harman/1978/09/garners.htm"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if chromium.missing() is not None:
        pytest.skip(f"no browser for the visit: {chromium.missing()}")
    with chromium.launch() as launched:
        yield launched


def _add(page: Page, key: str) -> None:
    page.locator(f'form.add:has(input[name="key"][value="{key}"]) button').first.click()
    page.wait_for_load_state("load")


def _download(page: Page, folder: Path) -> Path:
    """Press Build, wait on the build page (it reloads itself) and download the book."""
    page.click("#build")
    page.wait_for_selector("#download", timeout=300_000)
    with page.expect_download() as caught:
        page.click("#download")
    saved = folder / caught.value.suggested_filename
    caught.value.save_as(saved)
    return saved


def test_a_whole_visit_builds_a_booklet_and_an_epub(browser: Browser, corpus: Path, tmp_path: Path) -> None:
    with running(corpus / "mia-tree", tmp_path / "cache") as (base, app):
        assert app.state.parts.library.wait(600).finished
        context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
        page = context.new_page()
        errors = chromium.watch(page)
        page.goto(base + "/")
        page.fill("#q", "Lafargue")
        page.press("#q", "Enter")
        page.wait_for_load_state("load")
        page.click(f'a[href="/text/{BOYCOTT}"]')
        page.wait_for_load_state("load")
        assert page.locator("article.reading h1").count() == 1
        _add(page, BOYCOTT)
        for words, key in (("Moss Evans", TULEADERS), ("Grunwick", GARNERS)):
            page.fill("#q", words)
            page.press("#q", "Enter")
            page.wait_for_load_state("load")
            _add(page, key)
        assert "Basket (3)" in page.inner_text("#basket-link")
        page.click("#basket-link")
        page.wait_for_load_state("load")
        page.locator(f'form[action="/basket/down"]:has(input[value="{BOYCOTT}"]) button').click()
        page.wait_for_load_state("load")
        order = page.locator("ol.basket li.item input[name='key']").evaluate_all("(inputs) => inputs.map(i => i.value)")
        assert list(dict.fromkeys(order)) == [TULEADERS, BOYCOTT, GARNERS]
        page.fill("#title", "Three Texts")
        page.fill("#author", "Chris Harman; Paul Lafargue")
        page.click("form.name button")
        page.wait_for_load_state("load")
        page.select_option("#paper", "a5")
        page.select_option("#impose", "booklet")
        pdf = _download(page, tmp_path)
        page.goto(base + "/basket")
        page.check('input[name="format"][value="epub"]')
        epub = _download(page, tmp_path)
        context.close()
        assert errors == []

        assert pdf.suffix == ".pdf" and epub.suffix == ".epub"
        assert epubcheck(epub) == []
        books = app.state.parts.books
        plain_request = Request(
            keys=(TULEADERS, BOYCOTT, GARNERS), format="pdf", title="Three Texts", author="Chris Harman; Paul Lafargue"
        )
        plain = books.wait(books.submit(plain_request), 300)
        assert plain.state == "done" and plain.file is not None, plain.message
        pages = ["".join((one.extract_text() or "").split()) for one in PdfReader(plain.file).pages]
        sides = side_texts(pdf.read_bytes())
        assert len(pages) >= 8 and len(sides) == len(booklet_order(len(pages)))
        expected = [tuple(pages[number - 1] if number else "" for number in side) for side in booklet_order(len(pages))]
        assert sides == expected
        assert "ThreeTexts" in "".join(pages[:2])  # the title page the basket's title made


def test_a_chinese_visitor_without_cjk_fonts_reads_the_site_in_the_packaged_face(
    browser: Browser, corpus: Path, tmp_path: Path
) -> None:
    """This machine's chromium has no face for Chinese: the site hands out Noto Sans CJK (the
    publish[cjk] package), and the page's Chinese words are set in it, not as empty boxes."""
    from publish.render.fonts import cjk_face

    if cjk_face() is None:
        pytest.skip("no Noto Sans CJK package (publish[cjk]) to serve")
    archive = tmp_path / "archive"
    (archive / "archive" / "lafargue" / "1901" / "11").mkdir(parents=True)
    (archive / BOYCOTT).write_bytes((corpus / "mia-tree" / BOYCOTT).read_bytes())
    with running(archive, tmp_path / "cache") as (base, app):
        assert app.state.parts.library.wait(300).finished
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        errors = chromium.watch(page)
        page.goto(base + "/")
        page.wait_for_load_state("networkidle")
        home = page.inner_text("a.home")
        assert home and all("\u4e00" <= character <= "\u9fff" for character in home), home
        faces = page.evaluate("document.fonts.ready.then(() => [...document.fonts].map(f => [f.family, f.status]))")
        assert ["publish CJK", "loaded"] in faces, faces
        assert page.evaluate(f"document.fonts.check(\"16px 'publish CJK'\", {home!r})")
        # First in the stack: after system-ui, chromium drew some of the words as empty boxes.
        assert page.evaluate("getComputedStyle(document.querySelector('a.home')).fontFamily").startswith(
            '"publish CJK"'
        )
        context.close()
    assert errors == []
