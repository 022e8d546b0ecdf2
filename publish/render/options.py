"""Every option a book is made with, as plain frozen data.

The renderers read these; the command line and a batch build and check them; a batch hashes
them into its manifest's keys. Kept in a module of their own, which imports no renderer, so
that what only handles options (a batch's coordinator) never loads WeasyPrint or ebooklib.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from publish.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from publish.render.cover import CoverFile

PAPERS = ("a5", "a4", "a6", "letter", "half-letter")
_CUSTOM = re.compile(r"^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$")
_MIN_MM, _MAX_MM = 50.0, 600.0
VARIANTS = ("pdf/ua-1", "pdf/a-3b")


MAX_CREEP_MM = 10.0
"""More creep than this would move text across the fold of any pamphlet margin we set; a real
booklet needs a millimetre or two."""


def paper_size(paper: str) -> tuple[float, float] | None:
    """A custom size ("140x216mm", "6x9in") in millimetres; None for a named one; ValueError otherwise."""
    if paper in PAPERS:
        return None
    match = _CUSTOM.match(paper.strip().lower())
    if match is None:
        raise ValueError(
            f"unknown paper size {paper!r}; choose one of {', '.join(PAPERS)} or give WIDTHxHEIGHT in mm or in"
        )
    scale = 25.4 if match[3] == "in" else 1.0
    width, height = float(match[1]) * scale, float(match[2]) * scale
    if not (_MIN_MM <= width <= _MAX_MM and _MIN_MM <= height <= _MAX_MM):
        raise ValueError(f"paper size {paper!r} is out of range: each side must be {_MIN_MM:g} to {_MAX_MM:g} mm")
    return width, height


@dataclass(frozen=True, slots=True, kw_only=True)
class EpubOptions:
    templates: Path | None = None
    styles: Path | None = None
    theme: Path | None = None
    """The theme's folder (``publish.themes.resolve``: ``resolve("large-print")``); None is classic.
    ``templates`` and ``styles`` are looked in before it."""
    modified: datetime | None = None
    """The builder's fixed time (``SOURCE_DATE_EPOCH``): the book's date where the page gives no
    last-updated date (``render.epub._default_modified``)."""
    changed: datetime | None = None
    """When the input last changed on disk: the book's date where neither of those is known."""
    cover: CoverFile | None = None
    """The user's own cover (checked by ``cover.user_cover``); else one is made."""
    generated_cover: bool = True
    embed_font: bool = False
    """Bring the book face, subset to the book's characters, with its licence."""
    base_dir: Path | None = None
    """The input's folder: the book's pictures are taken from it, and only from it."""
    limits: Limits = DEFAULT
    """The sizes a picture may have (``publish.limits``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfOptions:
    paper: str = "a5"
    templates: Path | None = None
    styles: Path | None = None
    theme: Path | None = None
    """The theme's folder (``publish.themes.resolve``: ``resolve("large-print")``); None is classic.
    ``templates`` and ``styles`` are looked in before it."""
    base_dir: Path | None = None
    limits: Limits = DEFAULT
    """The sizes a picture may have (``publish.limits``)."""
    created: datetime | None = None
    variant: str | None = None
    """A standard the PDF conforms to: "pdf/ua-1" (tagged, accessible) or "pdf/a-3b" (archival)."""
    tighten: float = 0.0
    """Type, leading and margins made this much smaller (0.03 = 3 %), to save a page or two."""
    bleed_mm: float = 0.0
    """Paper beyond the trimmed page, for a print shop; with it come crop marks."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Booklet:
    """Saddle-stitch imposition (see ``render.impose``)."""

    signature: int | None = None
    creep_mm: float = 0.0
    crop_marks: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class PamphletOptions:
    pdf: PdfOptions
    fit: bool = False
    """Set type up to 4.5 % smaller when that saves a booklet's blank pages."""
    booklet: Booklet | None = None
