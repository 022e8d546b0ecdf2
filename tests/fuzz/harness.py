"""One fuzz case: publish bytes (or a work's folder) and say how it ended, within a time bound.

An ending is one of: a book that opens (a zip whose pages parse as XML, a PDF with pages),
a ``PublishError`` (a refusal in words), or a failure ``known.py`` lists. Anything else, or a
case past ``CASE_SECONDS``, propagates and fails the test, and Hypothesis shrinks the edits.
"""

from __future__ import annotations

import dataclasses
import io
import re
import signal
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import FrameType

from lxml import etree
from pypdf import PdfReader

import publish
from publish.errors import PublishError
from publish.model import Document, Section
from publish.model_walk import query
from publish.render.body import plain_title
from publish.render.options import EpubOptions, PdfOptions
from tests.fuzz.known import ForbiddenInNamesError, known
from tests.support import spine_documents

CASE_SECONDS = 20
"""A case's bound: a page of the corpus takes tens of milliseconds, a whole work well under one second."""

MOMENT = datetime(2024, 1, 1, tzinfo=UTC)
EPUB = EpubOptions(modified=MOMENT, changed=MOMENT)
BARE = EpubOptions(modified=MOMENT, changed=MOMENT, generated_cover=False)
"""Without the made cover: a cover costs more than the rest of a small page's book, so most
cases leave it out and a share (larger pages, works, the PDF) keeps it."""
PDF = PdfOptions(created=MOMENT)


class Ending(StrEnum):
    BOOK = "book"
    REFUSED = "refused"
    KNOWN = "known"


class Hang(BaseException):
    """A case past its time bound (a BaseException, so no ``except Exception`` in publish hides it)."""


OUTCOMES: Counter[str] = Counter()
"""Every case's ending this session, by ending (and known failure's name): bench/fuzz.py prints it."""


@contextmanager
def bounded(seconds: int = CASE_SECONDS) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"the case ran past its bound of {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def outcome(make: Callable[[], object]) -> Ending:
    """How ``make`` ended; any exception neither a refusal nor a known failure propagates."""
    try:
        with bounded():
            make()
    except PublishError as error:
        assert error.cause and "\n" not in error.cause, f"a refusal is one line: {error.cause!r}"
        OUTCOMES[Ending.REFUSED] += 1
        return Ending.REFUSED
    except Exception as error:
        entry = known(error)
        if entry is None:
            raise
        OUTCOMES[f"{Ending.KNOWN}: {entry.name}"] += 1
        return Ending.KNOWN
    OUTCOMES[Ending.BOOK] += 1
    return Ending.BOOK


def epub_of(doc: Document, options: EpubOptions = EPUB) -> bytes:
    """The EPUB's bytes, checked to be a book a reader opens: the mimetype first, every page XML."""
    data = publish.render_epub(doc, options)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == b"application/epub+zip"
    try:
        assert spine_documents(data), "a book without pages"
    except etree.XMLSyntaxError as error:
        if _forbidden_in_names(doc):
            raise ForbiddenInNamesError(f"a character XML forbids in a title or metadata: {error}") from error
        raise
    return data


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _forbidden_in_names(doc: Document) -> bool:
    """Whether a metadata field or a section's title holds a character XML forbids."""
    titles = [plain_title(section.title) for section in query(doc.body, Section)]
    return any(_NOT_XML.search(text) for text in [*_strings(doc.metadata), *titles])


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))


def pdf_of(doc: Document) -> bytes:
    data = publish.render_pdf(doc, PDF)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    return data


def publish_bytes(page: bytes, origin: str, *, pdf: bool = False, cover: bool = True) -> Ending:
    """Read the page from memory, then make its EPUB (and its PDF when ``pdf``)."""

    def make() -> None:
        doc = publish.read(page, origin=origin)
        epub_of(doc, EPUB if cover else BARE)
        if pdf:
            pdf_of(doc)

    return outcome(make)


def publish_path(path: Path, *, pdf: bool = False) -> Ending:
    def make() -> None:
        doc = publish.read(path)
        epub_of(doc)
        if pdf:
            pdf_of(doc)

    return outcome(make)
