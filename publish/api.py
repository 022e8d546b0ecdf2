"""The Python API: what a script calls instead of the command line (``import publish``).

Thin and typed over what the command line itself uses (``loading``, ``pipeline``, the batch's
``BatchRequest``), so a script and ``publish epub`` make the same book from the same input.
Two rules hold for every function here, as a library's should:

* a failure the caller can cause (a missing file, a binary file, a wrong option) is one
  ``PublishError`` with ``.path`` (the file or option) and ``.cause``; nothing else escapes;
* nothing is printed: diagnostics are *returned*, appended to the list the caller passes as
  ``diagnostics=`` (and dropped when no list is passed).

Unlike the command line, ``read`` does not refuse a page without text (N010): a script may
want the model of an empty page; the diagnostic says so. The renderers are imported inside the
functions, so ``import publish`` stays as cheap as the command line needs it to be.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from publish.api_batch import BatchOptions, Report, batch
from publish.api_checks import check_epub, check_pamphlet
from publish.cli_options import refuse_address, source_date_epoch
from publish.errors import Diagnostic, PublishError
from publish.limits import DEFAULT, Limits
from publish.model import Document
from publish.render.options import EpubOptions, PamphletOptions, PdfOptions

BYTES_ORIGIN = "<bytes>"


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    origin: str | None = None,
    diagnostics: list[Diagnostic] | None = None,
    limits: Limits = DEFAULT,
) -> Document:
    """The typeset Document every backend receives, from a path or from a page's bytes.

    A path names a page (HTML or the archive's plain text), a work's index page or a work's
    folder (the whole work is read, as ``publish epub`` reads it), or a ``.toml`` selection (an
    anthology, see ``read_selection``). Bytes are one page read from memory; ``origin`` names
    it in diagnostics and errors (default ``"<bytes>"``) and is ignored for a path. ``limits``:
    the bounds a hostile or broken input is held to (``publish.limits.Limits``; the README's
    "Security and limits").
    """
    if isinstance(source, bytes):
        from publish.pipeline import load as load_bytes

        loaded = load_bytes(source, origin or BYTES_ORIGIN, limits=limits)
        return _handed_back(loaded.document, loaded.diagnostics, diagnostics)
    path = _path(source)
    if path.suffix.lower() == ".toml" and not path.is_dir():
        return read_selection(path, diagnostics=diagnostics, limits=limits)
    from publish.loading import load

    loaded = load(path, limits=limits)
    return _handed_back(loaded.document, loaded.diagnostics, diagnostics)


def read_selection(
    toml_path: str | os.PathLike[str],
    *,
    diagnostics: list[Diagnostic] | None = None,
    allow_outside: bool = False,
    limits: Limits = DEFAULT,
) -> Document:
    """An anthology described in a TOML file (a title, an optional author, ``[[item]]`` paths
    relative to the file, each with an optional title), as one Document in the order given.
    Its items are read only from the file's own folder unless ``allow_outside``."""
    from publish.loading import load_selection

    loaded = load_selection(_path(toml_path), allow_outside=allow_outside, limits=limits)
    return _handed_back(loaded.document, loaded.diagnostics, diagnostics)


def render_epub(
    doc: Document, options: EpubOptions | None = None, *, diagnostics: list[Diagnostic] | None = None
) -> bytes:
    """The EPUB 3 book's bytes (valid under EPUBCheck).

    Options left ``None`` are filled as the command line fills them: pictures are taken from
    the folder of the page the document was read from (and only from it), and the book's date
    from ``SOURCE_DATE_EPOCH`` or else when that page last changed.
    """
    from publish.pipeline import make_epub

    given = options or EpubOptions()
    check_epub(given)
    page = _page_of(doc)
    filled = dataclasses.replace(
        given,
        base_dir=given.base_dir or (page.parent if page else None),
        modified=given.modified or source_date_epoch(),
        changed=given.changed or (_changed(page) if page else None),
    )
    book = make_epub(doc, filled)
    _handed_back(doc, book.diagnostics, diagnostics)
    return book.data


def render_pdf(
    doc: Document, options: PdfOptions | None = None, *, diagnostics: list[Diagnostic] | None = None
) -> bytes:
    """The PDF pamphlet's bytes: single pages of ``options.paper`` (A5 by default); for a fitted
    or imposed booklet, see ``render_pamphlet``. ``None`` options are filled as for
    ``render_epub`` (pictures from the page's folder, ``SOURCE_DATE_EPOCH``)."""
    return render_pamphlet(doc, PamphletOptions(pdf=options or PdfOptions()), diagnostics=diagnostics)


def render_pamphlet(doc: Document, options: PamphletOptions, *, diagnostics: list[Diagnostic] | None = None) -> bytes:
    """The PDF as ``publish pdf`` makes it with ``--fit`` and ``--impose booklet``: type set a
    little smaller where that saves a booklet's blank pages, and pages imposed two to a side."""
    from publish.pipeline import make_pamphlet

    check_pamphlet(options)
    pdf = options.pdf
    page = _page_of(doc)
    filled = dataclasses.replace(
        pdf, base_dir=pdf.base_dir or (page.parent if page else None), created=pdf.created or source_date_epoch()
    )
    book = make_pamphlet(doc, dataclasses.replace(options, pdf=filled), doc.metadata.origin or doc.metadata.title)
    _handed_back(doc, book.diagnostics, diagnostics)
    return book.data


def _handed_back(doc: Document, found: Iterable[Diagnostic], into: list[Diagnostic] | None) -> Document:
    """``doc``, with what was found appended to the caller's list (if the caller keeps one)."""
    if into is not None:
        into.extend(found)
    return doc


def _path(given: str | os.PathLike[str]) -> Path:
    """The path a script named; a web address or a value of another type is refused in words."""
    if not isinstance(given, (str, os.PathLike)):
        raise PublishError(repr(given), "is not a path: give a str, a pathlib.Path or a page's bytes")
    text = os.fspath(given)
    if not isinstance(text, str):
        raise PublishError(repr(given), "is not a text path: give a str or a pathlib.Path")
    refuse_address(text)
    return Path(text)


def _page_of(doc: Document) -> Path | None:
    """The file the document was read from, where it was read from a file (not from bytes)."""
    origin = doc.metadata.origin
    if not origin:
        return None
    page = Path(origin)
    return page if page.is_file() else None


def _changed(page: Path) -> datetime | None:
    from publish.files import inputs_changed

    return inputs_changed([page])


__all__ = [
    "BatchOptions",
    "Report",
    "batch",
    "read",
    "read_selection",
    "render_epub",
    "render_pamphlet",
    "render_pdf",
]
