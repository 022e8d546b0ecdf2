"""The pure path from input bytes to a finished book, shared by the CLI and batch.

read -> typography -> render (-> fit, impose); no disk access here, so batch workers and
tests call the same functions the command line does. The renderers are imported where they
are used, so that a command that makes no book does not pay for WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publish.bounds import bound
from publish.errors import Diagnostic, PublishError
from publish.limits import DEFAULT, Limits
from publish.model import Document
from publish.model_repair import Repaired, repair
from publish.normalise import ReadResult, read
from publish.overrides import Overrides
from publish.render.options import Booklet, PamphletOptions
from publish.typography import apply_typography

if TYPE_CHECKING:
    from publish.render.options import EpubOptions


@dataclass(frozen=True, slots=True)
class Loaded:
    document: Document
    format: str
    diagnostics: tuple[Diagnostic, ...]
    families: tuple[tuple[str, str], ...] = ()
    """(page, family) for each HTML page read: which cues read it, for ``publish inspect --diagnostics``."""


def load(data: bytes, origin: str, *, limits: Limits = DEFAULT) -> Loaded:
    """Normalise one input and set its typography: the Document every backend receives."""
    if len(data) > limits.input_bytes:
        from publish.bounded_read import over_limit

        raise PublishError(origin, over_limit(len(data), limits.input_bytes, "page"))
    result = read(data, origin, limits=limits)
    families = families_of([(origin, result)])
    return typeset(result.document, result.format, result.diagnostics, families=families, limits=limits)


def typeset(
    document: Document,
    kind: str,
    diagnostics: tuple[Diagnostic, ...],
    *,
    families: tuple[tuple[str, str], ...] = (),
    overrides: Overrides | None = None,
    limits: Limits = DEFAULT,
) -> Loaded:
    """The Document every backend receives: the user's metadata over the reader's (before
    typography, which follows the book's language), bounded (paragraphs and words the layout
    engines can set in bounded time: ``publish.bounds``), then typeset."""
    if overrides is not None:
        document = overrides.apply(document)
    # The assembled book (a work's sections, an anthology, the user's words) is repaired as one;
    # its pages, repaired as they were read, report nothing twice.
    repaired = _repaired(document, limits)
    document, diagnostics = repaired.document, diagnostics + repaired.diagnostics
    document, bounded = bound(document, limits=limits)
    return Loaded(
        document=apply_typography(document), format=kind, diagnostics=(*diagnostics, *bounded), families=families
    )


def families_of(results: Iterable[tuple[str, ReadResult]]) -> tuple[tuple[str, str], ...]:
    """(page, family) of each HTML page among ``results`` (origin, result)."""
    return tuple((origin, result.family) for origin, result in results if result.family is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Book:
    """A finished file, and what a user should be told about it."""

    data: bytes
    diagnostics: tuple[Diagnostic, ...]
    summary: str = ""
    """What was made: "24 pages, A5", or how a booklet was imposed."""
    advice: str = ""
    """What to do with it: how to print and bind a booklet."""
    notes: tuple[str, ...] = ()
    """Lines about choices made on the way (what ``--fit`` did)."""


def make_epub(document: Document, options: EpubOptions) -> Book:
    from publish.render.epub import build_epub

    repaired = _repaired(document, options.limits)  # a Document a script built by hand did not pass typeset
    built = build_epub(repaired.document, options)
    return Book(data=built.data, diagnostics=repaired.diagnostics + tuple(built.diagnostics))


def _repaired(document: Document, limits: Limits) -> Repaired:
    """``repair`` again: one walk, the same object back for a Document that came from ``typeset``."""
    return repair(document, document.metadata.origin or document.metadata.title, limits=limits)


def make_pamphlet(document: Document, options: PamphletOptions, where: str) -> Book:
    """The pamphlet's PDF, fitted and imposed as asked; ``where`` names the output in errors."""
    from publish.render.pdf import render_pdf

    repaired = _repaired(document, options.pdf.limits)
    document = repaired.document
    notes: tuple[str, ...] = ()
    if options.fit:
        from publish.render.fit import fit

        fitted = fit(document, options.pdf)
        result, notes = fitted.result, (fitted.report,)
    else:
        result = render_pdf(document, options.pdf)
    diagnostics = repaired.diagnostics + tuple(result.diagnostics)
    summary = f"{result.pages} pages, {options.pdf.paper.upper()}"
    if options.booklet is None:
        return Book(data=result.data, diagnostics=diagnostics, summary=summary, notes=notes)
    data, summary, advice = _impose(result.data, options.booklet, where)
    return Book(data=data, diagnostics=diagnostics, summary=summary, advice=advice, notes=notes)


def _impose(pdf: bytes, booklet: Booklet, where: str) -> tuple[bytes, str, str]:
    """The pamphlet imposed as a booklet, what was done (pages, sheets, signatures, blanks) and
    how to print and bind it."""
    from publish.render.impose import impose_booklet

    try:
        imposed = impose_booklet(
            pdf, signature=booklet.signature, creep_mm=booklet.creep_mm, crop_marks=booklet.crop_marks
        )
    except ValueError as error:
        raise PublishError(where, f"cannot be imposed: {error}") from error
    sheets = _count(imposed.sheets, f"{imposed.sheet_size} sheet")
    text = f"{imposed.pages_out} {imposed.page_size} pages imposed on {sheets}"
    several = len(imposed.signatures) > 1
    if several:
        text += f" in {len(imposed.signatures)} signatures of {', '.join(map(str, imposed.signatures))} pages"
    if imposed.blanks:
        text += f", {_count(imposed.blanks, 'blank page')} added before the back cover"
    binding = "fold each signature, stack them in order and bind" if several else "fold and staple"
    return imposed.data, text, f"Print double-sided, flip on the short edge, {binding}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
