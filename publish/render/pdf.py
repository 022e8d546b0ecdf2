"""PDF pamphlets from the model with WeasyPrint: title page, imprint, running heads, folios,
footnotes where they are called, bookmarks, embedded fonts.

The page shell is a Jinja2 template and the look is CSS in ``styles/`` (``pamphlet.css`` then
``paper-<size>.css``), both overridable by a user's own folders.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from PIL import Image

from publish import __version__
from publish.errors import Diagnostic, Severity
from publish.model import Block, Document, Figure, Section
from publish.model_walk import query
from publish.outline import is_work, outline, sectionized
from publish.render.body import BodyWriter, NoteMode
from publish.render.context import ContentsLine, book_view, contents_lines
from publish.render.fonts import cjk_face, font_dirs, font_faces, has_cjk
from publish.render.markup import serialise_all
from publish.render.options import VARIANTS, PdfOptions, paper_size
from publish.render.pictures import Pictures, gather
from publish.render.templating import environment
from publish.render.translations import join_names
from publish.resources import search_path, stylesheet
from publish.themes import book_face
from publish.urls import unquote
from publish.words import block_text


@dataclass(slots=True)
class PdfResult:
    data: bytes
    pages: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    endnotes: frozenset[str] = frozenset()
    """The notes set at the end of their chapter, not as footnotes (too long, or lost in layout)."""
    layouts: int = 1
    """How many times the book was laid out (more than once when WeasyPrint lost a footnote)."""


LONG_NOTE_WORDS = 220
"""A note longer than this (about two thirds of an A5 page's foot at footnote size) is set at
the end of its chapter: WeasyPrint cannot split a footnote across pages, and one that does
not fit overprints the page."""


def pamphlet_html(document: Document, options: PdfOptions, endnotes: frozenset[str] = frozenset()) -> str:
    """The whole pamphlet as one HTML document (what WeasyPrint lays out); the notes named in
    ``endnotes`` are set at the end of their chapter rather than as footnotes."""
    shown = printable_pictures(document, options).found
    return _pamphlet(document, options, endnotes, cjk=has_cjk(_all_text(document)), pictures=shown)[0]


def printable_pictures(document: Document, options: PdfOptions) -> Pictures:
    """The pictures the pamphlet can show, checked as the e-book checks them: one that is
    missing, damaged or outside the input's folder is described in words ("[Picture: …]")
    rather than left to WeasyPrint, which prints a lost picture as its caption alone."""
    sources = (figure.source for figure in query(document.body, Figure))
    return gather(sources, options.base_dir, document.metadata.origin or document.metadata.title, limits=options.limits)


def _pamphlet(
    document: Document,
    options: PdfOptions,
    endnotes: frozenset[str],
    *,
    cjk: bool,
    pictures: Mapping[str, object],
) -> tuple[str, list[str], frozenset[str]]:
    """The pamphlet's HTML, the ids of its footnotes and those of the notes set apart; ``cjk``:
    the text needs the CJK face (named in the imprint when it is installed); ``pictures``: the
    sources that can be shown (each is loaded as it stands, from the input's folder)."""
    chapters = is_work(document)
    language = document.metadata.language
    # The outline's sections carry the bookmarks (pamphlet.css). An article's sections are
    # written one level in (same heading elements) so that its long notes still go to the end
    # of the text: the writer sets them after each top-level section, a work's chapter.
    inset = 0 if chapters else 1
    writer = BodyWriter(
        NoteMode.FOOTNOTES,
        top_heading=2 - inset,
        long_note_words=LONG_NOTE_WORDS,
        forced_endnotes=endnotes,
        language=language,
        pictures={source: source for source in pictures},
    )
    sections = sectionized(document).body
    blocks = writer.blocks(sections, depth=inset)
    body = Markup(serialise_all([*blocks, *writer.deferred_notes()]))
    footnotes = [ident for ident, _ in writer.gathered if ident not in writer.set_as_endnotes]
    template = environment(options.templates, language, options.theme).get_template("pdf/pamphlet.html.j2")
    created = options.created.strftime("%Y-%m-%dT%H:%M:%SZ") if options.created else None
    items = tuple(block.metadata for block in document.body if isinstance(block, Section) and block.metadata)
    face = book_face(options.theme)
    typefaces = join_names((face, *(["Noto Sans CJK"] if cjk and cjk_face() else [])), language)
    view = book_view(document.metadata, items)
    html = template.render(
        book=view,
        body=body,
        version=__version__,
        created=created,
        chapters=chapters,
        typefaces=typefaces,
        contents=printed_contents(sections) if chapters else (),
    )
    return html, footnotes, frozenset(writer.set_as_endnotes)


def printed_contents(sections: tuple[Block, ...]) -> tuple[ContentsLine, ...]:
    """The contents page of a book of chapters: the bookmarks' outline, its page numbers set by
    the stylesheet (``target-counter``); none for a single chapter, which needs no finding."""
    return contents_lines(outline(sections))


def _paper_css(options: PdfOptions) -> str:
    return _tightened(_paper_css_as_set(options), options.tighten) if options.tighten else _paper_css_as_set(options)


_SIZED = re.compile(r"((?:font-size|line-height|margin(?:-(?:top|bottom|left|right))?):\s*)(\d+(?:\.\d+)?)(pt|mm)")


def _tightened(css: str, amount: float) -> str:
    """The paper's type size, leading and margins scaled down by ``amount`` (its page size stays)."""
    return _SIZED.sub(lambda m: f"{m[1]}{float(m[2]) * (1 - amount):.2f}{m[3]}", css)


def _paper_css_as_set(options: PdfOptions) -> str:
    size = paper_size(options.paper)
    if size is None:
        return stylesheet(f"paper-{options.paper}.css", options.styles, options.theme)
    width, height = size
    # A5's proportions: margins scale with the sheet, type with the square root of its width.
    type_size = min(12.0, max(8.5, 10.5 * (width / 148) ** 0.5))
    values = {
        "width": f"{width:.1f}", "height": f"{height:.1f}",
        "top": f"{height * 18 / 210:.1f}", "bottom": f"{height * 21 / 210:.1f}",
        "outer": f"{width * 20 / 148:.1f}", "inner": f"{width * 16 / 148:.1f}",
        "size": f"{type_size:.1f}", "leading": f"{type_size * 14.2 / 10.5:.1f}",
    }  # fmt: skip
    return environment(options.templates, theme=options.theme).get_template("pdf/paper.css.j2").render(**values)


def _bleed_css(options: PdfOptions) -> str:
    """A print shop's page: bleed around the trimmed size and crop marks in it (the PDF's
    TrimBox stays the page size, its MediaBox grows)."""
    if not options.bleed_mm:
        return ""
    return f"@page {{ bleed: {options.bleed_mm:g}mm; marks: crop; }}\n"


def stylesheet_texts(options: PdfOptions, *, cjk: bool = False) -> list[str]:
    """The pamphlet's CSS; ``cjk`` adds the CJK face (16 MB: only for a text that needs it)."""
    fallback = cjk_face() if cjk else None
    faces = [
        {"family": face.family, "url": face.path.as_uri(), "weight": face.weight, "style": face.style}
        for face in (*font_faces(), *([fallback] if fallback else []))
    ]
    fonts = environment(options.templates, theme=options.theme).get_template("pdf/fonts.css.j2").render(faces=faces)
    return [
        fonts,
        stylesheet("pamphlet.css", options.styles, options.theme),
        _paper_css(options) + _bleed_css(options),
    ]


def render_pdf(document: Document, options: PdfOptions | None = None) -> PdfResult:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from publish.render.fetch import ConfinedFetcher

    options = options or PdfOptions()
    if options.variant is not None and options.variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {options.variant!r}; choose one of {', '.join(VARIANTS)}")
    allowed = (
        *([options.base_dir] if options.base_dir else []),
        *search_path("styles", options.styles, options.theme),
        *font_dirs(),
    )
    fetcher = ConfinedFetcher(allowed, pictures=options.base_dir, limits=options.limits)
    fonts = FontConfiguration()
    base_url = (options.base_dir or Path.cwd()).resolve().as_uri() + "/"
    where = document.metadata.origin or document.metadata.title
    cjk = has_cjk(_all_text(document))
    stylesheets = [
        CSS(string=text, font_config=fonts, url_fetcher=fetcher, base_url=base_url)
        for text in stylesheet_texts(options, cjk=cjk)
    ]
    pictures = printable_pictures(document, options)
    endnotes: frozenset[str] = frozenset()
    lost_notes: list[Diagnostic] = list(pictures.diagnostics)
    with _captured_warnings() as warnings:
        layouts = 0
        while layouts < _ATTEMPTS:
            layouts += 1
            text, footnotes, set_apart = _pamphlet(document, options, endnotes, cjk=cjk, pictures=pictures.found)
            html = HTML(string=text, base_url=base_url, url_fetcher=fetcher)
            rendered = html.render(stylesheets=stylesheets, font_config=fonts)
            lost = set(footnotes) - _placed_footnotes(rendered)
            if not lost or layouts == _ATTEMPTS:
                break
            # WeasyPrint sometimes drops a footnote whose call ends a full page: set it at the
            # end of its chapter instead, and lay out again.
            endnotes |= lost
            lost_notes += [
                Diagnostic(
                    code="P003",
                    severity=Severity.INFO,
                    where=where,
                    message=f"{ident} did not fit as a footnote; it is set at the end of its chapter",
                )
                for ident in sorted(lost)
            ]
        if lost:  # still lost after the last layout: say so, never silently
            message = f"{len(lost)} note(s) could not be placed after {layouts} layouts: {', '.join(sorted(lost))}"
            lost_notes.append(Diagnostic(code="P003", severity=Severity.WARNING, where=where, message=message))
        data = rendered.write_pdf(pdf_variant=options.variant) if options.variant else rendered.write_pdf()
    diagnostics = [
        Diagnostic(code="P001", severity=Severity.WARNING, where=where, message=f"refused to load {url}")
        for url in fetcher.refused
    ]
    diagnostics += [_diagnostic_of(text, where) for text in dict.fromkeys(warnings)]  # once each, every layout
    diagnostics += lost_notes
    if cjk and cjk_face() is None:
        message = (
            "the text has Chinese, Japanese or Korean characters and no face for them is installed, "
            "so they print as boxes: pip install 'publish[cjk]'"
        )
        diagnostics.append(Diagnostic(code="P004", severity=Severity.WARNING, where=where, message=message))
    pages = len(rendered.pages)
    return PdfResult(data=data, pages=pages, diagnostics=diagnostics, endnotes=set_apart, layouts=layouts)


_ATTEMPTS = 4


def _all_text(document: Document) -> str:
    """Every word the pamphlet prints: the body with its notes, and the title page's metadata."""
    metadata = document.metadata
    named = [metadata.title, metadata.subtitle or "", *metadata.authors, metadata.source or "", *metadata.credits]
    return "\n".join([*named, block_text(document.body)])


def _placed_footnotes(rendered: Any) -> set[str]:
    """The ids of the footnotes WeasyPrint set in a page's footnote area (``_page_box`` is its
    layout tree; nothing public tells which footnotes made it onto a page)."""
    placed: set[str] = set()
    for page in rendered.pages:
        for area in page._page_box.children:
            if type(area).__name__ != "FootnoteAreaBox":
                continue
            for box in area.descendants():
                element = getattr(box, "element", None)
                if element is not None and element.get("id") and "footnote" in (element.get("class") or ""):
                    placed.add(element.get("id"))
    return placed


_FAILED_IMAGE = re.compile(r"^Failed to load image at '(?P<url>[^']*)': (?:\w+: )?(?P<cause>.*)$", re.DOTALL)
_BOMB = "DecompressionBomb"


def _diagnostic_of(text: str, where: str) -> Diagnostic:
    """A WeasyPrint message as a diagnostic: a picture it could not load is a warning (P005:
    the pamphlet is printed without it); one with more pixels than Pillow decodes safely is
    P006 (left out past twice Pillow's limit, printed at a cost short of that); any other
    message is P002's information."""
    failed = _FAILED_IMAGE.match(text)
    if failed is not None:
        shown = unquote(failed["url"].removeprefix("file://"))
        cause = _one_line(failed["cause"])
        if _BOMB in text:
            message = f"the picture {shown} has more pixels than Pillow decodes safely and is left out: {cause}"
            return Diagnostic(code="P006", severity=Severity.WARNING, where=where, message=message)
        message = f"the picture {shown} could not be loaded and is left out: {cause}"
        return Diagnostic(code="P005", severity=Severity.WARNING, where=where, message=message)
    if text.startswith(_BOMB):
        cause = _one_line(text.partition(": ")[2])
        message = f"a picture has more pixels than Pillow decodes safely; it is printed, slowly: {cause}"
        return Diagnostic(code="P006", severity=Severity.WARNING, where=where, message=message)
    return Diagnostic(code="P002", severity=Severity.INFO, where=where, message=text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _captured_warnings:  # noqa: N801 - used as a context manager
    """WeasyPrint reports CSS and loading problems through logging, and Pillow (which decodes
    its pictures) warns of a decompression bomb through ``warnings``, two raw lines on stderr:
    keep both as messages for diagnostics."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._handler = _ListHandler(self.messages)
        self._logger = logging.getLogger("weasyprint")
        self._warnings = warnings.catch_warnings(record=True)

    def __enter__(self) -> list[str]:
        self._logger.addHandler(self._handler)
        self._propagate = self._logger.propagate
        self._logger.propagate = False
        self._caught = self._warnings.__enter__()
        warnings.simplefilter("always", Image.DecompressionBombWarning)
        return self.messages

    def __exit__(self, *exc: object) -> None:
        self._warnings.__exit__(None, None, None)
        for caught in self._caught:
            if issubclass(caught.category, Image.DecompressionBombWarning):
                self.messages.append(f"{_BOMB}Warning: {caught.message}")
            else:  # not ours to judge: shown as it would have been
                warnings.warn_explicit(caught.message, caught.category, caught.filename, caught.lineno)
        self._logger.removeHandler(self._handler)
        self._logger.propagate = self._propagate


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
