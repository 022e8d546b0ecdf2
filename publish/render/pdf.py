"""PDF pamphlets from the model with WeasyPrint: title page, imprint, running heads, folios,
footnotes where they are called, bookmarks, embedded fonts.

The page shell is a Jinja2 template and the look is CSS in ``styles/`` (``pamphlet.css`` then
``paper-<size>.css``), both overridable by a user's own folders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from publish import __version__
from publish.errors import Diagnostic, Severity
from publish.model import Document, Section
from publish.render.body import BodyWriter, NoteMode
from publish.render.context import book_view
from publish.render.fetch import ConfinedFetcher
from publish.render.fonts import font_dirs, font_faces
from publish.render.markup import serialise_all
from publish.render.templating import environment
from publish.resources import find_file, search_path

PAPERS = ("a5", "a4", "letter")


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfOptions:
    paper: str = "a5"
    templates: Path | None = None
    styles: Path | None = None
    base_dir: Path | None = None
    created: datetime | None = None


@dataclass(slots=True)
class PdfResult:
    data: bytes
    pages: int
    diagnostics: list[Diagnostic] = field(default_factory=list)


def pamphlet_html(document: Document, options: PdfOptions) -> str:
    """The whole pamphlet as one HTML document (what WeasyPrint lays out)."""
    writer = BodyWriter(NoteMode.FOOTNOTES, top_heading=2)
    body = Markup(serialise_all(writer.blocks(document.body)))
    template = environment(options.templates).get_template("pdf/pamphlet.html.j2")
    created = options.created.strftime("%Y-%m-%dT%H:%M:%SZ") if options.created else None
    chapters = bool(document.body) and all(isinstance(block, Section) for block in document.body)
    items = tuple(block.metadata for block in document.body if isinstance(block, Section) and block.metadata)
    return template.render(
        book=book_view(document.metadata, items), body=body, version=__version__, created=created, chapters=chapters
    )


def stylesheet_texts(options: PdfOptions) -> list[str]:
    if options.paper not in PAPERS:
        raise ValueError(f"unknown paper size {options.paper!r}; choose one of {', '.join(PAPERS)}")
    faces = [
        {"family": face.family, "url": face.path.as_uri(), "weight": face.weight, "style": face.style}
        for face in font_faces()
    ]
    fonts = environment(options.templates).get_template("pdf/fonts.css.j2").render(faces=faces)
    return [
        fonts,
        find_file("styles", "pamphlet.css", options.styles).read_text(encoding="utf-8"),
        find_file("styles", f"paper-{options.paper}.css", options.styles).read_text(encoding="utf-8"),
    ]


def render_pdf(document: Document, options: PdfOptions | None = None) -> PdfResult:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    options = options or PdfOptions()
    allowed = (*([options.base_dir] if options.base_dir else []), *search_path("styles", options.styles), *font_dirs())
    fetcher = ConfinedFetcher(allowed)
    fonts = FontConfiguration()
    base_url = (options.base_dir or Path.cwd()).resolve().as_uri() + "/"
    stylesheets = [
        CSS(string=text, font_config=fonts, url_fetcher=fetcher, base_url=base_url)
        for text in stylesheet_texts(options)
    ]
    html = HTML(string=pamphlet_html(document, options), base_url=base_url, url_fetcher=fetcher)
    with _captured_warnings() as warnings:
        rendered = html.render(stylesheets=stylesheets, font_config=fonts)
        data = rendered.write_pdf()
    where = document.metadata.origin or document.metadata.title
    diagnostics = [
        Diagnostic(code="P001", severity=Severity.WARNING, where=where, message=f"refused to load {url}")
        for url in fetcher.refused
    ]
    diagnostics += [Diagnostic(code="P002", severity=Severity.INFO, where=where, message=text) for text in warnings]
    return PdfResult(data=data, pages=len(rendered.pages), diagnostics=diagnostics)


class _captured_warnings:  # noqa: N801 - used as a context manager
    """WeasyPrint reports CSS and loading problems through logging; keep them as diagnostics."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._handler = _ListHandler(self.messages)
        self._logger = logging.getLogger("weasyprint")

    def __enter__(self) -> list[str]:
        self._logger.addHandler(self._handler)
        self._propagate = self._logger.propagate
        self._logger.propagate = False
        return self.messages

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self._handler)
        self._logger.propagate = self._propagate


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
