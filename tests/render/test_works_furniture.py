"""Whole works: nothing of any page's furniture (breadcrumbs, "Top of the page", update lines,
rows of navigation links) appears in the book a reader reads."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publish.audit_source import furniture_lines, source_words
from publish.loading import load
from publish.model import Document, Paragraph, Section, Text
from publish.normalise.work import chapter_links
from publish.render.epub import render_epub
from publish.words import words
from tests.render.test_works import WORKS
from tests.support import spine_documents, xhtml_text

# The title page and the colophon carry the work's metadata, which may rightly repeat what a
# page's furniture says (its title in a breadcrumb, the date it was last updated).
_METADATA_PAGES = ("title.xhtml", "colophon.xhtml")
_MIN_WORDS = 2  # a single word ("Appendix", "Contents") is as likely to be the text's own


@dataclasses.dataclass(frozen=True, slots=True)
class Work:
    document: Document
    pages: list[Path]
    epub: bytes
    own: str


def chapter_pages(index: Path) -> list[Path]:
    """The pages an index links to, where the loader reads them: beside the index or, in the
    flattened copy of the archive, beside it under the index's own prefix ("archive__x__")."""
    prefix = index.name.removesuffix(index.name.split("__")[-1])
    pages = []
    for link in chapter_links(index.read_bytes(), str(index)):
        candidates = (index.parent / link.href, index.parent / f"{prefix}{link.href}")
        pages += [candidate for candidate in candidates if candidate.is_file()][:1]
    return pages


def book_text(epub: bytes) -> str:
    """The book's reading text, as ``words`` joined by spaces and set between spaces, to find runs in."""
    pages = [xhtml_text(page) for href, page in spine_documents(epub) if href not in _METADATA_PAGES]
    return f" {' '.join(words(chr(10).join(pages)))} "


def pages_text(pages: list[Path]) -> str:
    """The words of the pages' own text (what the audit keeps of them), set out as ``book_text`` is."""
    return f" {' '.join(word for page in pages for word in source_words(page.read_bytes(), str(page)))} "


def leaks(furniture: list[str], book: str, own: str) -> list[str]:
    """The furniture lines of two words or more whose words run in the ``book`` more often than in
    the pages' ``own`` text.

    A line of furniture can say what the text says too: the Gotha Programme's pages link back
    to their index under the work's title, and the text names the work. The book may repeat
    such words as often as the text has them; furniture proper ("Top of the page", a
    breadcrumb) is never in the pages' own text, so any of it in the book is a leak.
    """
    runs = [(line, f" {' '.join(words(line))} ") for line in furniture if len(words(line)) >= _MIN_WORDS]
    return [line for line, run in runs if book.count(run) > own.count(run)]


@pytest.fixture(scope="module")
def works() -> dict[Path, Work]:
    if not WORKS:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    built = {}
    for index in WORKS:
        document = load(index).document
        pages = chapter_pages(index)
        assert pages, index
        # The index page is read too: its own text (an introduction, a note) opens the book.
        read = [index, *pages]
        built[index] = Work(document=document, pages=read, epub=render_epub(document), own=pages_text(read))
    return built


def test_no_page_furniture_reaches_the_book(works: dict[Path, Work]) -> None:
    checked = 0
    found: dict[str, list[str]] = {}
    for index, work in works.items():
        text = book_text(work.epub)
        for page in work.pages:
            furniture = furniture_lines(page.read_bytes(), str(page))
            checked += sum(1 for line in furniture if len(words(line)) >= _MIN_WORDS)
            if leaked := leaks(furniture, text, work.own):
                found[f"{page} (in {index.name})"] = leaked
    assert not found
    assert checked > 300  # the pages do carry furniture: breadcrumbs, "Top of the page", update lines


def test_a_planted_furniture_line_is_caught(works: dict[Path, Work]) -> None:
    """The check above can fail: the pages' own furniture lines, put into a chapter, are found."""
    work = next(work for index, work in works.items() if index.parent.name == "lazy")
    furniture = [line for page in work.pages for line in furniture_lines(page.read_bytes(), str(page))]
    breadcrumb = next(line for line in furniture if line.startswith("MIA > Archive > Lafargue >"))
    top = next(line for line in furniture if line.endswith("| Top of the page"))
    assert leaks(furniture, book_text(work.epub), work.own) == []
    *before, chapter = work.document.body
    assert isinstance(chapter, Section)
    third = len(chapter.blocks) // 3
    blocks = (
        *chapter.blocks[:third],
        Paragraph(content=(Text(text=breadcrumb),)),
        *chapter.blocks[third : 2 * third],
        Paragraph(content=(Text(text=top),)),
        *chapter.blocks[2 * third :],
    )
    epub = render_epub(dataclasses.replace(work.document, body=(*before, dataclasses.replace(chapter, blocks=blocks))))
    assert {breadcrumb, top} <= set(leaks(furniture, book_text(epub), work.own))


_PAGE = b"""<html><head><title>Strikes</title></head><body>
<p class="toplink"><a href="../../index.htm">MIA</a> &gt; <a href="../index.htm">Archive</a> &gt;
<a href="index.htm">Harman</a></p>
<h1>Strikes</h1>
<p>The strike began on Monday; the archive of the union kept its leaflets. Next chapter: the lockout.</p>
<table><tr><td><a href="ch01.htm">&lt;&lt; Last Chapter</a></td><td><a href="index.htm">Contents</a></td>
<td><a href="ch03.htm">Next Chapter &gt;&gt;</a></td></tr></table>
<p><a href="#top">Top of the page</a><br>Last updated on 5 May 2010</p>
</body></html>"""


def test_furniture_lines_are_what_the_audit_drops() -> None:
    assert furniture_lines(_PAGE, "ch02.htm") == [
        "MIA > Archive > Harman",
        "<< Last Chapter Contents Next Chapter >>",
        "Top of the page",
        "Last updated on 5 May 2010",
    ]
    kept = source_words(_PAGE, "ch02.htm")
    assert kept == words("Strikes The strike began on Monday; the archive of the union kept its leaflets.") + words(
        "Next chapter: the lockout."
    )
