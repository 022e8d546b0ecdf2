"""The reading view: a book as an accessible HTML page, made from the model as the EPUB is.

The body is the EPUB's own body markup (``render.body.BodyWriter``, serialised by
``render.markup``, which escapes every text and attribute by construction), written as one
flow: a work's chapters are ``<section>``s under ``<h2>`` headings (the page's ``<h1>`` is the
app's, from ``Reading.title``), and the notes of the whole book are gathered at its end, each
call (``<a role="doc-noteref" href="#note-N" id="noteref-N">``) linked to its note (``<aside
role="doc-footnote" id="note-N">``) and each note back to its call (``role="doc-backlink"``).
The app's own page should use no id of the form ``note-N``, ``noteref-N``, ``page-N`` or
``aside-N``, which the body uses.

Pictures: a picture the page shows from its own folder gets ``src="/file/FOLDER/NAME"``,
FOLDER being the key's folder in the archive and NAME the picture's path inside it, each
segment percent-encoded; the app serves ``/file/`` through ``paths.inside``. A picture from
anywhere else (another folder, the web) is described in words, as the EPUB describes it.

The markup passes one more filter before it is written, so that nothing an archive page
holds can run in the visitor's browser: links keep only ``#…``, ``http(s):`` and ``mailto:``
targets (the model keeps any URL with "://", ``javascript://`` too), pictures only ``/file/``
sources, and no attribute named ``on…`` or ``epub:type`` is kept (the writer makes none of
the first; the second means nothing in HTML).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError
from publish.limits import DEFAULT, Limits
from publish.serve.paths import inside

if TYPE_CHECKING:
    from publish.model import Document
    from publish.render.markup import Element

FILE_ROUTE = "/file/"
"""Where the app serves the archive's files (through ``paths.inside``)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A book as the reading view shows it; ``body_html`` and ``notes_html`` are safe markup."""

    title: str
    authors: tuple[str, ...]
    language: str
    """A BCP 47 tag: the page's ``lang`` for the body."""
    credits: tuple[str, ...]
    """The colophon's facts, each a plain sentence (to be escaped as text): the source,
    each text of an anthology, the archive's credit lines, the transcribers and proofreaders."""
    body_html: str
    notes_html: str
    """The notes, each an ``<aside>`` linked to its call and back ("" when the book has none)."""


def reading_page(archive: Path, key: str, *, limits: Limits = DEFAULT) -> Reading:
    """The book ``key`` (a batch job's id: its main page, relative to ``archive``) as HTML;
    a page that cannot be read is a one-line ``PublishError``."""
    from publish.loading import load, require_text
    from publish.render.body import BodyWriter, NoteMode
    from publish.render.markup import serialise_all

    page = inside(archive, key)
    if page is None:
        raise PublishError(key[:200], "is no page of this archive")
    document = require_text(load(page, whole_work=True, limits=limits), key).document
    root = archive.resolve()
    pictures = _pictures(document, root, page.parent)
    writer = BodyWriter(NoteMode.ENDNOTES, top_heading=2, pictures=pictures, language=document.metadata.language)
    body = writer.blocks(document.body)
    notes = writer.endnotes()
    for node in _elements([*body, *notes]):
        _make_safe(node)
    metadata = document.metadata
    return Reading(
        title=metadata.title,
        authors=metadata.authors,
        language=metadata.language,
        credits=credits(document),
        body_html=serialise_all(body),
        notes_html=serialise_all(notes),
    )


def credits(document: Document) -> tuple[str, ...]:
    """The colophon's sentences (``templates/epub/colophon.xhtml.j2``), in the book's language."""
    from publish.model import Section
    from publish.render.context import book_view
    from publish.render.translations import translations

    items = tuple(block.metadata for block in document.body if isinstance(block, Section) and block.metadata)
    book = book_view(document.metadata, items)
    _ = translations(book.language).gettext
    lines: list[str] = []
    if book.source:
        lines.append(_("Source: %(source)s.") % {"source": book.source})
    for item in book.items:
        said = [f"{item.title}, {item.byline}." if item.byline else f"{item.title}."]
        if item.source:
            said.append(_("Source: %(source)s.") % {"source": item.source})
        lines.append(" ".join([*said, *(credit.text for credit in item.credits)]))
    lines.extend(book.acknowledgements)
    if book.partial:
        lines.append(book.partial)
    lines.extend(credit.text for credit in book.credits)
    if book.rights:
        lines.append(f"{book.rights}.")
    if book.origin:
        lines.append(_("Online at the Marxists Internet Archive: %(link)s") % {"link": book.origin})
    if book.last_updated:
        lines.append(_("Archive page last updated %(date)s.") % {"date": book.last_updated})
    return tuple(lines)


def _pictures(document: Document, root: Path, folder: Path) -> dict[str, str]:
    """Each picture source the page's own folder holds, by its ``/file/`` URL."""
    from publish.model import Figure
    from publish.model_walk import query
    from publish.urls import quote, split

    found: dict[str, str] = {}
    for figure in query(document.body, Figure):
        parts = split(figure.source.strip())
        if parts is None or parts.scheme or parts.netloc or not parts.path or figure.source in found:
            continue
        path = inside(folder, parts.path)  # the folder is the page's, itself inside the archive
        if path is None or root not in path.parents:
            continue  # outside the page's folder, missing, or not a plain relative name
        found[figure.source] = FILE_ROUTE + quote(path.relative_to(root).as_posix())
    return found


_SAFE_LINKS = ("#", "http://", "https://", "mailto:")
_DROPPED = ("epub:type",)


def _make_safe(node: Element) -> None:
    """Only what a reading page needs: see the module's docstring. A link or picture whose
    target is dropped keeps its words (a picture its description)."""
    node.attrs = {name: value for name, value in node.attrs.items() if _kept(name, value.strip())}
    if node.tag == "a" and "href" not in node.attrs:
        node.tag = "span"
    if node.tag == "img" and "src" not in node.attrs:
        node.tag, node.children, node.attrs = "span", [node.attrs.get("alt", "")], {}


def _kept(name: str, value: str) -> bool:
    if name.lower().startswith("on") or name in _DROPPED:
        return False
    if name == "href":
        return value.lower().startswith(_SAFE_LINKS)
    if name == "src":
        return value.startswith(FILE_ROUTE) and "\\" not in value
    return True


def _elements(nodes: list[Element | str]) -> Iterator[Element]:
    """Every element under ``nodes``, with a stack (a deep tree costs no frames)."""
    from publish.render.markup import Element

    stack = [node for node in nodes if isinstance(node, Element)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in node.children if isinstance(child, Element))
