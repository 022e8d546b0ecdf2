"""EPUB 3 from the model: title page, one page per chapter with linked notes, colophon, nav.

ebooklib is used as the packager (OPF, NCX, zip) only. It rebuilds any ``EpubHtml`` page and
drops ``<html>``/``<body>`` attributes, so every XHTML page here is a plain ``EpubItem``
written exactly as the templates render it: what epubcheck sees is what we made.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count

from ebooklib import epub
from markupsafe import Markup

from publish import __version__
from publish.errors import Diagnostic
from publish.isodates import first_day
from publish.model import Block, Document, Figure, PageMarker, Section
from publish.model_walk import query
from publish.outline import Entry, is_work, outline, sectionize
from publish.render.accessibility import CONFORMS_TO, claims
from publish.render.body import BodyWriter, NoteMode, page_id, plain_title
from publish.render.context import MARC_RELATORS, BookView, book_view, item_view, series_name
from publish.render.cover import MEDIA_TYPE as COVER_MEDIA_TYPE
from publish.render.cover import CoverText, missing_characters, render_cover
from publish.render.epub_package import write_package
from publish.render.markup import serialise_all
from publish.render.options import EpubOptions
from publish.render.pictures import gather
from publish.render.templating import environment
from publish.render.translations import join_names, translations
from publish.resources import stylesheet
from publish.themes import book_face

_XHTML = "application/xhtml+xml"


@dataclass(frozen=True, slots=True)
class EpubResult:
    data: bytes
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class _Chapter:
    ident: str
    title: str
    blocks: tuple[Block, ...]
    anchor: str = "text"
    byline: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.ident}.xhtml"


def render_epub(document: Document, options: EpubOptions | None = None) -> bytes:
    """The EPUB's bytes; ``build_epub`` also says what could not go into the book."""
    return build_epub(document, options).data


def build_epub(document: Document, options: EpubOptions | None = None) -> EpubResult:
    options = options or EpubOptions()
    items = tuple(block.metadata for block in document.body if isinstance(block, Section) and block.metadata)
    view = book_view(document.metadata, items)
    census: list[Figure | PageMarker] = list(query(document.body, (Figure, PageMarker)))  # one walk of the book
    where = document.metadata.origin or document.metadata.title
    pictures = gather(
        (node.source for node in census if isinstance(node, Figure)), options.base_dir, where, limits=options.limits
    )
    book = _book(document, view, census, packaged=bool(pictures.found))
    for number, picture in enumerate(pictures.files, start=1):
        uid, name, kind = f"picture-{number}", picture.file_name, picture.media_type
        book.add_item(epub.EpubItem(uid=uid, file_name=name, media_type=kind, content=picture.data))
    shown = {source: picture.file_name for source, picture in pictures.found.items()}
    css = stylesheet("epub.css", options.styles, options.theme).encode("utf-8")
    chapters = [_sectionized(chapter) for chapter in _chapters(document)]
    cover = _cover(document, options)
    _ = translations(view.language).gettext
    front: list[epub.EpubItem] = []
    if cover is not None:
        book.add_item(cover)
        book.add_metadata(None, "meta", "", {"name": "cover", "content": cover.id})
        alt = (
            _("Cover: %(title)s, by %(author)s") % {"title": view.title, "author": view.author}
            if view.author
            else _("Cover: %(title)s") % {"title": view.title}
        )
        front.append(_page(options, view, "cover", "cover.xhtml", _("Cover"), {"image": cover.file_name, "alt": alt}))
    pages = [*front, _page(options, view, "titlepage", "title.xhtml", _("Title page"), {})]
    places = {chapter.anchor: chapter.filename for chapter in chapters}
    pages += [_chapter_page(options, view, chapter, places, shown) for chapter in chapters]
    fonts = None
    if options.embed_font:  # fontTools' subsetter is a tenth of a second to import: only when asked
        from publish.render.embedded_fonts import embedded_fonts

        fonts = embedded_fonts(_characters(pages), book_face(options.theme))
    licence = fonts is not None and bool(fonts.licence)
    said = {"font_licence": licence, "face": book_face(options.theme)}
    pages.append(_page(options, view, "colophon", "colophon.xhtml", _("About this text"), said))
    if fonts is not None:
        css += b"\n/* The book face, embedded (--embed-font). */\n" + fonts.css.encode("utf-8")
        for number, face in enumerate(fonts.faces, start=1):
            book.add_item(
                epub.EpubItem(uid=f"font-{number}", file_name=face.file_name, media_type="font/otf", content=face.data)
            )
    book.add_item(epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=css))
    has_pages = any(isinstance(node, PageMarker) for node in census)
    nav = _nav(options, view, chapters, covered=cover is not None, has_pages=has_pages)
    for item in (*pages, nav):
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.toc = [_ncx_entry(chapter) for chapter in chapters]
    opening = len(front) + 1  # the contents come after the cover and the title page
    spine: list[epub.EpubItem | tuple[str, str]] = (
        [*pages[:opening], nav, *pages[opening:]] if _nav_in_spine(chapters) else list(pages)
    )
    if fonts is not None and fonts.licence:
        # The licence is a page of its own, reached from the colophon, outside the reading order.
        page = _page(options, view, "licence", "font-licence.xhtml", _("Font licence"), {"licence": fonts.licence})
        book.add_item(page)
        spine.append((page.id, "no"))
    book.spine = spine
    data = write_package(book, _default_modified(document, options), document.metadata.language)
    return EpubResult(data=data, diagnostics=pictures.diagnostics)


def _book(document: Document, view: BookView, census: list[Figure | PageMarker], *, packaged: bool) -> epub.EpubBook:
    metadata = document.metadata
    book = epub.EpubBook()
    book.metadata[epub.NAMESPACES["OPF"]]["generator"] = [
        ("", {"name": "generator", "content": f"publish {__version__}"})
    ]
    book.set_identifier(metadata.identifier or "urn:uuid:00000000-0000-0000-0000-000000000000")
    book.set_title(metadata.title)
    book.set_language(metadata.language)
    for number, author in enumerate(metadata.authors, start=1):
        book.add_author(author, uid=f"creator{number}", role="aut")
    for number, contributor in enumerate(metadata.contributors, start=1):
        uid = f"contributor{number}"
        book.add_metadata("DC", "contributor", contributor.name, {"id": uid})
        for role in contributor.roles:
            book.add_metadata(
                None, "meta", MARC_RELATORS[role], {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"}
            )
    if metadata.date:
        book.add_metadata("DC", "date", metadata.date)
    if metadata.source:
        book.add_metadata("DC", "source", metadata.source)
    if metadata.standfirst:
        book.add_metadata("DC", "description", metadata.standfirst)
    if metadata.rights:
        book.add_metadata("DC", "rights", metadata.rights)
    series = series_name(metadata.collection)
    if series:
        book.add_metadata(None, "meta", series, {"property": "belongs-to-collection", "id": "series"})
        book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": series})
    _accessibility(book, document, census, packaged=packaged)
    return book


def _accessibility(
    book: epub.EpubBook, document: Document, census: list[Figure | PageMarker], *, packaged: bool
) -> None:
    """EPUB Accessibility 1.1 metadata, true of this book (see ``accessibility``)."""
    facts = claims(census, pictures_packaged=packaged, words=translations(document.metadata.language))
    for mode in facts.access_modes:
        book.add_metadata(None, "meta", mode, {"property": "schema:accessMode"})
    book.add_metadata(None, "meta", ",".join(facts.sufficient), {"property": "schema:accessModeSufficient"})
    for feature in facts.features:
        book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    for hazard in facts.hazards:
        book.add_metadata(None, "meta", hazard, {"property": "schema:accessibilityHazard"})
    book.add_metadata(None, "meta", facts.summary, {"property": "schema:accessibilitySummary"})
    book.add_metadata(None, "meta", CONFORMS_TO, {"property": "dcterms:conformsTo", "id": "conformance"})
    marker = next((node for node in census if isinstance(node, PageMarker)), None)
    source = _page_source(document, marker) if marker else None
    if source:
        book.add_metadata(None, "meta", source, {"property": "pageBreakSource"})


def _page_source(document: Document, marker: PageMarker) -> str | None:
    """The printed edition the page markers count: the credit naming their volume, else the volume."""
    metadata = document.metadata
    candidates = [metadata.source or "", *metadata.credits]
    if marker.volume:
        volume = re.compile(rf"\bvol(?:ume|\.)?\s*{re.escape(marker.volume.lstrip('0'))}\b", re.IGNORECASE)
        named = next((text for text in candidates if volume.search(text)), None)
        if named:
            return re.sub(r"^\s*source:\s*", "", named, flags=re.IGNORECASE).rstrip(" .")
        return translations(metadata.language).gettext("Volume %(number)s") % {"number": marker.volume}
    return metadata.source


def _chapters(document: Document) -> list[_Chapter]:
    """Top-level sections become chapters; a page without sections is one chapter."""
    if is_work(document):
        return [
            _Chapter(
                ident=f"chapter-{number}",
                anchor=block.id,
                title=_section_title(block),
                blocks=block.blocks,
                byline=item_view(block.metadata).byline if block.metadata else None,
            )
            for number, block in enumerate(document.body, start=1)
            if isinstance(block, Section)
        ]
    return [_Chapter(ident="text", title=document.metadata.title, blocks=document.body)]


def _section_title(section: Section) -> str:
    return plain_title(section.title) or section.id


def _chapter_page(
    options: EpubOptions, view: BookView, chapter: _Chapter, places: Mapping[str, str], pictures: Mapping[str, str]
) -> epub.EpubItem:
    writer = BodyWriter(NoteMode.ENDNOTES, top_heading=2, pictures=pictures, places=places, language=view.language)
    body = Markup(serialise_all(writer.blocks(chapter.blocks)))
    notes = Markup(serialise_all(writer.endnotes()))
    context = {
        "chapter_id": chapter.anchor,
        "chapter_title": chapter.title,
        "byline": chapter.byline,
        "body": body,
        "notes": notes,
    }
    return _page(options, view, "chapter", chapter.filename, chapter.title, context)


def _characters(pages: list[epub.EpubItem]) -> str:
    """Every character the pages show (markup included, which costs a few glyphs at most)."""
    return "".join(sorted({char for page in pages for char in page.content.decode("utf-8")}))


def _cover(document: Document, options: EpubOptions) -> epub.EpubItem | None:
    """The user's cover, or a typographic one; none when the fonts lack the title's script
    (a cover of empty boxes is worse than none)."""
    if options.cover is not None:
        data, media_type = options.cover.data, options.cover.media_type
    elif options.generated_cover and (text := cover_text(document)) is not None:
        data, media_type = render_cover(text), COVER_MEDIA_TYPE
    else:
        return None
    extension = "jpg" if media_type == "image/jpeg" else "png"
    item = epub.EpubItem(uid="cover-image", file_name=f"cover.{extension}", media_type=media_type, content=data)
    item.properties = ["cover-image"]
    return item


def cover_text(document: Document) -> CoverText | None:
    """What the book's generated cover says, or None when the faces lack the title's script."""
    metadata = document.metadata
    text = CoverText(
        title=metadata.title,
        author=join_names(metadata.authors, metadata.language),
        language=metadata.language,
        date=metadata.date,
        subtitle=metadata.subtitle,
        collection=series_name(metadata.collection),
    )
    return None if missing_characters(text) else text


def _nav(
    options: EpubOptions, view: BookView, chapters: list[_Chapter], *, covered: bool, has_pages: bool
) -> epub.EpubItem:
    toc: list[dict[str, object]] = [
        {
            "href": chapter.filename,
            "title": f"{chapter.title} ({chapter.byline})" if chapter.byline else chapter.title,
            "children": _toc(chapter.filename, outline(chapter.blocks)),
        }
        for chapter in chapters
    ]
    _ = translations(view.language).gettext
    landmarks = [
        *([{"type": "cover", "href": "cover.xhtml", "title": _("Cover")}] if covered else []),
        {"type": "titlepage", "href": "title.xhtml", "title": _("Title page")},
        *([{"type": "toc", "href": "nav.xhtml", "title": _("Contents")}] if _nav_in_spine(chapters) else []),
        {"type": "bodymatter", "href": chapters[0].filename, "title": _("Start of text")},
        {"type": "colophon", "href": "colophon.xhtml", "title": _("About this text")},
    ]
    pages = [
        {"href": f"{chapter.filename}#{page_id(marker)}", "label": marker.page}
        for chapter in chapters
        if has_pages
        for marker in query(chapter.blocks, PageMarker)
    ]
    context = {"toc": toc, "landmarks": landmarks, "pages": pages}
    item = _page(options, view, "nav", "nav.xhtml", _("Contents"), context)
    item.properties = ["nav"]
    return item


def _sectionized(chapter: _Chapter) -> _Chapter:
    """The chapter's headings nested into sections (``outline``): what its page shows and the
    contents lead to."""
    return dataclasses.replace(chapter, blocks=sectionize(chapter.blocks, prefix=chapter.anchor))


def _toc(filename: str, entries: tuple[Entry, ...]) -> list[dict[str, object]]:
    """The chapter's outline as the nav's nested entries."""
    return [
        {
            "href": f"{filename}#{entry.id}",
            "title": plain_title(entry.title),
            "children": _toc(filename, entry.children),
        }
        for entry in entries
    ]


def _ncx_entry(chapter: _Chapter) -> object:
    """The EPUB 2 table of contents (NCX) nests like the nav, for older reading systems."""
    numbers = count(1)

    def entry(href: str, title: str, below: tuple[Entry, ...], uid: str) -> object:
        if not below:
            return epub.Link(href, title, uid)
        inner = []
        for child in below:
            uid_below = f"{chapter.ident}-{next(numbers)}"
            inner.append(entry(f"{chapter.filename}#{child.id}", plain_title(child.title), child.children, uid_below))
        return (epub.Section(title, href=href), inner)

    return entry(chapter.filename, chapter.title, outline(chapter.blocks), chapter.ident)


def _nav_in_spine(chapters: list[_Chapter]) -> bool:
    """A contents page earns its place in the reading order only when there is a choice to make."""
    return len(chapters) > 1


def _page(
    options: EpubOptions, view: BookView, template: str, filename: str, title: str, context: Mapping[str, object]
) -> epub.EpubItem:
    page = environment(options.templates, view.language, options.theme).get_template(f"epub/{template}.xhtml.j2")
    content = page.render(book=view, page_title=title, stylesheet="style.css", version=__version__, **context)
    uid = filename.rsplit(".", 1)[0]
    return epub.EpubItem(uid=uid, file_name=filename, media_type=_XHTML, content=content.encode("utf-8"))


def _default_modified(document: Document, options: EpubOptions) -> datetime:
    """When the book was last modified, as ``dcterms:modified`` and the zip's dates say it.

    The page's own "Last updated" date (a partial one, "2003-06", at its first instant) is when
    its text last changed, so the same page gives the same book on every build. The year the
    text was *written* is never used: a book is not modified in 1875. Without a last-updated
    date, ``options.modified`` (the builder's fixed time, ``SOURCE_DATE_EPOCH``, for
    reproducible builds), else ``options.changed`` (when the input last changed on disk: the
    same file makes the same book), and the clock only when nothing is known: a constant
    epoch would claim a modification that never happened. The caller reads the environment
    and the disk (a cluster's workers see neither the user's environment nor always the
    same clock); the renderer reads neither.
    """
    if (stamp := document.metadata.last_updated) and (day := first_day(stamp)):
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    return options.modified or options.changed or datetime.now(UTC).replace(microsecond=0)
