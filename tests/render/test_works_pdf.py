"""Whole works in print: each corpus work becomes one A5 PDF, and a test walks them all."""

from __future__ import annotations

import dataclasses
import io
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from publish.loading import load
from publish.model import Document, Figure, Section
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text, first_missing, inline_text, words
from tests.render.test_works import WORKS
from tests.support import notes_in

_MM = 72 / 25.4
_PAGE_BREAK = "\f"  # between the pages' texts in the text file a worker writes; never in extracted text
_Node = TypeVar("_Node")
_SUBSET = re.compile(r"^/?[A-Z]{6}\+")  # a subset font's name carries a six-letter tag (ISO 32000-1, 9.6.4)


@dataclass(frozen=True, slots=True)
class Printed:
    """One work as loaded, and its PDF on disk with the text of each of its pages."""

    document: Document
    pdf: Path
    pages: int
    texts: list[str]
    endnotes: frozenset[str]


def print_work(index: Path, pdf: Path) -> tuple[Path, int, frozenset[str]]:
    """Render one work to ``pdf`` and extract its pages' text beside it (a process pool's job).

    Extracting text with pypdf costs as much as rendering, so it runs here, in parallel, too;
    only the path and the page count go back to the parent, not megabytes of PDF.
    """
    result = render_pdf(load(index).document, PdfOptions(base_dir=index.parent))
    pdf.write_bytes(result.data)
    reader = PdfReader(io.BytesIO(result.data))
    texts = [page.extract_text() or "" for page in reader.pages]
    pdf.with_suffix(".txt").write_text(_PAGE_BREAK.join(texts), encoding="utf-8")
    return pdf, result.pages, result.endnotes


def _size(index: Path) -> int:
    """Roughly how long a work takes to print: the bytes of the pages in its folder (or with its prefix)."""
    prefix = index.name.removesuffix(index.name.split("__")[-1])
    return sum(path.stat().st_size for path in index.parent.glob(f"{prefix}*") if path.is_file())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Printed]:
    if not WORKS:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    folder = tmp_path_factory.mktemp("works-pdf")
    # The longest works go first, so that no long one is left running alone at the end.
    order = sorted(WORKS, key=_size, reverse=True)
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        jobs = {index: pool.submit(print_work, index, folder / f"work-{WORKS.index(index)}.pdf") for index in order}
        documents = {index: load(index).document for index in WORKS}  # what the PDFs are checked against
        done = {index: jobs[index].result() for index in WORKS}
    return {
        index: Printed(
            document=documents[index],
            pdf=pdf,
            pages=pages,
            texts=pdf.with_suffix(".txt").read_text(encoding="utf-8").split(_PAGE_BREAK),
            endnotes=endnotes,
        )
        for index, (pdf, pages, endnotes) in done.items()
    }


def _chapters(document: Document) -> list[Section]:
    sections = [block for block in document.body if isinstance(block, Section)]
    assert len(sections) == len(document.body), "a work's body is its chapters"
    return sections


def _without_alt(node: _Node) -> _Node:
    """The tree with no image's alt text: print shows the image, and alt text only where it is missing.

    ``block_text`` reads a figure without a caption as its alt text, as an e-book reader may
    speak it; on paper the picture stands there instead (and where an image file is missing,
    WeasyPrint prints the alt text after the page's text, out of its order).
    """
    if isinstance(node, Figure):
        return dataclasses.replace(node, alt="")
    if isinstance(node, tuple):
        return tuple(_without_alt(item) for item in node)  # type: ignore[return-value]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {
            field.name: _without_alt(getattr(node, field.name))
            for field in dataclasses.fields(node)
            if isinstance(getattr(node, field.name), tuple)
        }
        return dataclasses.replace(node, **changes) if changes else node
    return node


def _same_spacing(text: str) -> str:
    return " ".join(text.split())


def test_each_chapter_is_bookmarked_in_order_and_opens_its_own_page(
    printed: dict[Path, Printed],
) -> None:
    for index, book in printed.items():
        reader = PdfReader(book.pdf)
        assert len(reader.pages) == book.pages == len(book.texts), index
        chapters = _chapters(book.document)
        titles = [_same_spacing(inline_text(section.title)) for section in chapters]
        # Nested lists are the chapters' own headings (bookmark levels 2 and below).
        outline = [item for item in reader.outline if not isinstance(item, list)]
        # WeasyPrint labels a bookmark with its heading's text as laid out, white space collapsed.
        assert [_same_spacing(item.title or "") for item in outline] == titles, index
        destinations = [reader.get_destination_page_number(item) for item in outline]
        starts = [start for start in destinations if start is not None]
        assert len(starts) == len(destinations), f"{index}: a bookmark leads nowhere"
        assert starts == sorted(set(starts)), f"{index}: chapters share a page: {starts}"
        assert book.pages >= len(chapters) + 2, index  # a title page and its verso, then a page per chapter
        for title, start in zip(titles, starts, strict=True):
            missing = first_missing(words(title), words(book.texts[start]))
            assert missing is None, f"{index}: {title!r} is not on page {start + 1}, where its bookmark leads"


def test_every_chapter_word_is_printed_in_order(printed: dict[Path, Printed]) -> None:
    """The running text of all chapters, their footnotes, and the notes set at the end of their
    chapter (too long for a page's foot), each in order."""
    problems = []
    for index, book in printed.items():
        found = print_words(book.texts)
        chapters = _chapters(book.document)
        # The renderer numbers notes in reading order, as notes_in finds them: note-1, note-2, …
        apart = {
            id(note)
            for number, note in enumerate(notes_in(book.document.body), start=1)
            if f"note-{number}" in book.endnotes
        }
        parts = {
            "text": [words(block_text((_without_alt(section),), notes=False)) for section in chapters],
            "footnotes": [_note_words(section, apart, wanted=False) for section in chapters],
            "notes set apart": [_note_words(section, apart, wanted=True) for section in chapters],
        }
        for part, per_chapter in parts.items():
            expected: list[str] = []
            owners: list[str] = []
            for section, chapter_words in zip(chapters, per_chapter, strict=True):
                expected += chapter_words
                owners += [inline_text(section.title)] * len(chapter_words)
            missing = first_missing(expected, found)
            if missing is not None:
                problems.append(
                    f"{index}, chapter {owners[missing.index]!r}, {part}: word {missing.index} {missing.word!r} "
                    f"not printed in order near: {missing.context}"
                )
    assert not problems, "\n".join(problems)


def _note_words(section: Section, apart: set[int], *, wanted: bool) -> list[str]:
    """The words of a chapter's notes set as footnotes (or set apart), note by note: a note's
    last word never runs into the next note's first, even where the source ends a note in a
    hyphen ("Ibid., I, 55-")."""
    return [
        word
        for note in notes_in((section,))
        if (id(note) in apart) == wanted
        for word in words(block_text(_without_alt(note.blocks)))
    ]


def test_every_page_is_a5_with_embedded_subset_fonts(printed: dict[Path, Printed]) -> None:
    for index, book in printed.items():
        reader = PdfReader(book.pdf)
        checked: set[int] = set()
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            size = (float(box.width) / _MM, float(box.height) / _MM)
            assert size == pytest.approx((148, 210), abs=0.5), f"{index}: page {number} is {size} mm"
            resources: Any = page["/Resources"]
            for reference in resources.get("/Font", {}).values():
                key = reference.idnum if isinstance(reference, IndirectObject) else id(reference)
                if key in checked:
                    continue  # pages share their fonts; each is checked once
                checked.add(key)
                font = reference.get_object()
                name = str(font["/BaseFont"])
                described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = described["/FontDescriptor"].get_object()
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), f"{index}: {name}"
                assert _SUBSET.match(name), f"{index}: {name} is embedded whole, not as a subset"
        assert checked, f"{index}: no fonts"


_LINE_END_HYPHEN = re.compile(r"(?<![-\u2010])[-\u2010\u00ad]$")  # as in publish.words: not a dash's "--"


def print_words(pages: list[str]) -> list[str]:
    """The words of a PDF's pages as a reader reads them, where the extracted text runs them together.

    ``words`` joins a word broken at a line end; the existing PDF tests rely on that. Here, over
    thousands of pages, it is not enough, and ``first_missing`` allows extra words (running heads
    and folios are extra words already), so where the text is ambiguous both readings are given:

    * A hyphen that the text itself has may fall at a line end ("brain- destruction" in the
      source): lines that end in hyphens are read apart, then joined as ``words`` joins them.
    * At a page break, in the extracted text a page's last line is followed by its footnotes,
      running head and folio (WeasyPrint draws the margin boxes after the text), and the broken
      word goes on at the top of the next page: after the lines joined, each line's last word
      is given joined to the next page's first.
    * A note's call is a raised number that the extractor runs into the word before or after it
      ("system14", "71Marxist", "1880s40", "13305" for "1330⁵"): the word is given on its own,
      before.
    """
    found: list[str] = []
    for number, page in enumerate(pages):
        next_page = pages[number + 1].split()[:1] if number + 1 < len(pages) else []
        run: list[str] = []
        for line in page.split("\n"):
            run.append(line)
            if not _LINE_END_HYPHEN.search(line.rstrip()):
                found += _run_words(run, next_page)
                run = []
        found += _run_words(run, next_page)
    return found


def _run_words(run: list[str], next_page: list[str]) -> list[str]:
    """Lines of which all but the last end in a hyphen: read apart, joined, and across a page break."""
    broken = [line.split()[-1] for line in run if _LINE_END_HYPHEN.search(line.rstrip())]
    if not broken:
        return _with_calls_apart(words("\n".join(run)))
    apart = words(" ".join(run))
    joined = words("\n".join(run))
    across = [word for last in broken for first in next_page for word in words(f"{last}\n{first}")]
    return _with_calls_apart(apart + joined + across)


def _with_calls_apart(found: list[str]) -> list[str]:
    result = []
    for word in found:
        result += _without_call(word)
        result.append(word)
    return result


_TRAILING_CALL = re.compile(r"^(.*\D)(\d{1,3})$")
_LEADING_CALL = re.compile(r"^(\d{1,3})(\D.*)$")


def _without_call(word: str) -> list[str]:
    """The word without a call run into it: "system14", "1880s40" (1880s⁴⁰), "71Marxist", and
    "13305" for "1330⁵", where a number takes a call of one to three digits."""
    if word.isdigit():
        return [word[:-digits] for digits in (3, 2, 1) if len(word) > digits]
    variants = []
    if trailing := _TRAILING_CALL.match(word):
        variants.append(trailing[1])
    if leading := _LEADING_CALL.match(word):
        variants.append(leading[2])
    return variants
