"""The API's options checked before any work is done: each wrong value is one ``PublishError``
naming the option (``paper='b5'``) and what would be right, as the command line checks its
flags (``cli_options``); a renderer's own ``ValueError`` would otherwise reach the script."""

from __future__ import annotations

from pathlib import Path

from publish.errors import PublishError
from publish.render.options import MAX_CREEP_MM, VARIANTS, EpubOptions, PamphletOptions, PdfOptions, paper_size


def check_epub(options: EpubOptions) -> None:
    _check_folders(options.templates, options.styles)


def check_pamphlet(options: PamphletOptions) -> None:
    _check_pdf(options.pdf)
    if options.booklet is not None:
        _check_booklet(options.booklet.signature, options.booklet.creep_mm, options.pdf.bleed_mm)


_MAX_BLEED_MM = 10.0


def _check_folders(templates: Path | None, styles: Path | None) -> None:
    """A look folder that is not there is a typing mistake, not a wish for the built-in look."""
    for name, folder in (("templates", templates), ("styles", styles)):
        if folder is not None and not Path(folder).is_dir():
            cause = "no such folder" if not Path(folder).exists() else "is not a folder: give a folder of files"
            raise PublishError(f"{name}={folder}", cause)


def _check_pdf(pdf: PdfOptions) -> None:
    """Every PDF option checked before WeasyPrint is started, each as one ``PublishError``."""
    _check_folders(pdf.templates, pdf.styles)
    try:
        paper_size(pdf.paper)
    except ValueError as error:
        raise PublishError(f"paper={pdf.paper!r}", str(error).split(";")[-1].strip()) from error
    if pdf.variant is not None and pdf.variant not in VARIANTS:
        raise PublishError(f"variant={pdf.variant!r}", f"choose one of {', '.join(VARIANTS)}")
    if not 0 <= pdf.bleed_mm <= _MAX_BLEED_MM:
        raise PublishError(f"bleed_mm={pdf.bleed_mm:g}", f"must be from 0 to {_MAX_BLEED_MM:g} mm")
    if not 0 <= pdf.tighten < 1:
        raise PublishError(f"tighten={pdf.tighten:g}", "must be a fraction from 0 (as designed) up to below 1")


def _check_booklet(signature: int | None, creep_mm: float, bleed_mm: float) -> None:
    if signature is not None and (signature < 4 or signature % 4):
        raise PublishError(f"signature={signature}", "must be a multiple of 4 (4, 8, 12, 16, ...)")
    if not 0 <= creep_mm <= MAX_CREEP_MM:
        raise PublishError(f"creep_mm={creep_mm:g}", f"must be between 0 and {MAX_CREEP_MM:g} mm")
    if bleed_mm:
        raise PublishError("bleed_mm", "applies to single pages, not to a booklet (which marks its fold)")
