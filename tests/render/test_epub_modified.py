"""``dcterms:modified``: when the book's text last changed, never the year it was written."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from publish.loading import load
from publish.model import Document, Metadata, Paragraph, Text
from publish.render.epub import render_epub
from publish.render.options import EpubOptions

_GOTHA = "mia/archive__marx__works__1875__gotha__index.htm"


def _modified(book: bytes) -> datetime:
    with zipfile.ZipFile(BytesIO(book)) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    values = [meta.text or "" for meta in opf.iter("{*}meta") if meta.get("property") == "dcterms:modified"]
    assert len(values) == 1, values
    return datetime.strptime(values[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _page(last_updated: str | None = None) -> Document:
    """A text written in 1919, and last updated on ``last_updated``."""
    metadata = Metadata(
        title="A page", language="en", identifier="urn:uuid:0", date="1919", written="1919", last_updated=last_updated
    )
    return Document(metadata=metadata, body=(Paragraph(content=(Text(text="Words."),)),))


_EPOCH = datetime.fromtimestamp(1700000000, UTC)
_FIXED = EpubOptions(modified=_EPOCH, changed=datetime(2020, 1, 1, tzinfo=UTC))


def test_a_partial_last_updated_date_is_its_first_instant() -> None:
    book = render_epub(_page(last_updated="2003-06"), _FIXED)  # the page's own date comes first
    assert _modified(book) == datetime(2003, 6, 1, tzinfo=UTC)


def test_without_last_updated_source_date_epoch_decides() -> None:
    assert _modified(render_epub(_page(), _FIXED)) == _EPOCH


def test_without_either_the_build_time_and_never_the_year_of_writing(corpus: Path) -> None:
    """Gotha (written 1875) has no "Last updated" line: its book was made now, not in 1875."""
    document = load(corpus / _GOTHA).document
    assert document.metadata.last_updated is None and document.metadata.date
    before = datetime.now(UTC).replace(microsecond=0)
    modified = _modified(render_epub(document))
    assert before <= modified <= datetime.now(UTC) + timedelta(seconds=1)


def test_a_last_updated_date_that_is_no_day_falls_back() -> None:
    """A page that says "Last updated: 30 February 2003" is kept as said; the book is dated otherwise."""
    assert _modified(render_epub(_page(last_updated="2003-02-30"), _FIXED)) == _EPOCH


def test_the_command_line_dates_the_book_by_the_page_before_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SOURCE_DATE_EPOCH fixes a build's own time; a page's last-updated date is no build time."""
    from publish.cli import main

    page = tmp_path / "page.htm"
    page.write_text(
        "<html><head><title>A page</title></head><body><h1>A page</h1><p>Words enough to publish.</p>"
        "<p class='updat'>Last updated on: 14 June 2003</p></body></html>",
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["epub", str(page), "-o", str(tmp_path / "page.epub")]) == 0
    assert _modified((tmp_path / "page.epub").read_bytes()) == datetime(2003, 6, 14, tzinfo=UTC)


def test_a_page_without_a_date_of_its_own_is_dated_by_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file makes the same book, run after run (and on every batch executor)."""
    from publish.cli import main

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    page = tmp_path / "page.htm"
    page.write_text("<html><head><title>A page</title></head><body><h1>A page</h1><p>Words enough.</p></body></html>")
    os.utime(page, (1_600_000_000, 1_600_000_000))
    books = []
    for name in ("one.epub", "two.epub"):
        assert main(["epub", str(page), "-o", str(tmp_path / name)]) == 0
        books.append((tmp_path / name).read_bytes())
    assert books[0] == books[1] and _modified(books[0]) == datetime.fromtimestamp(1_600_000_000, UTC)
