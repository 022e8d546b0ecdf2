"""A work's separate notes page is merged into the chapters that call its notes.

The corpus has no such work, so the fixture (tests/fixtures/notes-page-work) is written the
way ETOL pages are (doc.css, p.note with a numbered back link), with a notes page that
groups the notes by chapter and a note that runs over two paragraphs.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from pypdf import PdfReader

from publish.loading import load
from publish.model import Note, Section
from publish.render.epub import render_epub
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text, inline_text, words
from tests.support import epubcheck, notes_in, spine_documents, xhtml_text

WORK = Path(__file__).parent.parent / "fixtures" / "notes-page-work"


def _sections(path: Path) -> list[Section]:
    return [block for block in load(path).document.body if isinstance(block, Section)]


def _notes(section: Section) -> list[Note]:
    return list(notes_in(section.blocks))


def test_each_note_moves_to_the_chapter_that_calls_it() -> None:
    sections = _sections(WORK / "index.htm")
    assert [inline_text(section.title) for section in sections] == ["I. The first question", "II. The second question"]
    first, second = (_notes(section) for section in sections)
    assert [note.marker for note in first] == ["1", "2"]
    assert block_text(first[0].blocks).startswith("Endnotes came with the octavo volume")
    # A note that runs over two paragraphs keeps both.
    assert [block_text([block]) for block in first[1].blocks] == [
        "Footnotes, that is, which a pamphlet can carry on the page.",
        "This second note runs on over a second paragraph, which must stay with it.",
    ]
    assert [note.marker for note in second] == ["3"]
    assert block_text(second[0].blocks) == "The third note belongs to the second chapter alone."


def test_a_note_is_printed_once_and_never_as_body_text() -> None:
    loaded = load(WORK / "index.htm")
    assert not loaded.diagnostics
    body = " ".join(block_text(section.blocks, notes=False) for section in _sections(WORK / "index.htm"))
    for phrase in ("Endnotes came", "runs on over", "third note belongs"):
        assert phrase not in body
    book = words("\n".join(xhtml_text(page) for _, page in spine_documents(render_epub(loaded.document))))
    assert sum(1 for n in range(len(book)) if book[n : n + 2] == ["endnotes", "came"]) == 1


def test_the_merged_notes_link_both_ways_in_the_epub(tmp_path: Path) -> None:
    path = tmp_path / "work.epub"
    path.write_bytes(render_epub(load(WORK / "index.htm").document))
    assert epubcheck(path) == []
    pages = dict(spine_documents(path.read_bytes()))
    chapter = pages["chapter-1.xhtml"]
    ids = {element.get("id") for element in chapter.iter()}
    calls = [a.get("href") or "" for a in chapter.iter("{*}a") if (a.get("href") or "").startswith("#")]
    assert len(calls) >= 4  # two calls and two links back
    assert all(href[1:] in ids for href in calls)
    assert not [a for page in pages.values() for a in page.iter("{*}a") if "notes.htm" in (a.get("href") or "")]


def test_the_merged_notes_are_footnotes_on_the_page_of_their_call() -> None:
    pdf = render_pdf(load(WORK / "index.htm").document, PdfOptions()).data
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    calling = next(text for text in pages if "old habit of printed books" in text)
    assert "Endnotes came with the octavo volume" in calling
    assert "Footnotes, that is" in calling


def test_notes_no_chapter_calls_keep_the_notes_page(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(WORK, work)
    notes = work / "notes.htm"
    text = notes.read_text(encoding="utf-8")
    uncalled = '<p class="note"><a name="n4">4.</a> A note no chapter calls any more stays where it was.</p>\n'
    notes.write_text(text.replace('<p class="link">', uncalled + '<p class="link">'), encoding="utf-8")
    sections = _sections(work / "index.htm")
    assert len(sections) == 3
    left = block_text(sections[2].blocks)
    assert "A note no chapter calls any more stays where it was." in left
    assert "Endnotes came" not in left and "third note belongs" not in left


def test_a_notes_page_is_known_by_the_calls_into_it_whatever_its_name(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(WORK, work)
    for page in work.iterdir():
        text = page.read_text(encoding="utf-8").replace("notes.htm", "back.htm").replace("(Notes)", "(Back matter)")
        page.write_text(text, encoding="utf-8")
    (work / "notes.htm").rename(work / "back.htm")
    sections = _sections(work / "index.htm")
    assert [note.marker for section in sections for note in _notes(section)] == ["1", "2", "3"]
    assert len(sections) == 2
