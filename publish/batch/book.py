"""A batch's books as data: their settings, what making one returns, the files it makes.

Kept apart from ``build`` (which imports the renderers) so that the coordinator, which only
plans, keys and records, starts in a fraction of the time a worker does.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from publish.batch.facts import PageFacts
from publish.errors import Diagnostic

if TYPE_CHECKING:
    from publish.model import Document
    from publish.render.options import EpubOptions, PamphletOptions

EPUB, PDF, COVER = "epub", "pdf", "cover"
FORMATS = (EPUB, PDF)
SUFFIXES = {EPUB: (".epub",), PDF: (".pdf",), COVER: (".cover.png", ".thumb.png")}
"""The files each format makes, after the book's stem."""
STAGING = ".publish/tmp"
"""In the output folder: where files are written before they are renamed into place."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BookSettings:
    """Every book's options; the folder pictures are read from is filled in per book."""

    epub: EpubOptions
    pamphlet: PamphletOptions

    @property
    def covers(self) -> bool:
        return self.epub.generated_cover

    def fingerprint(self, kind: str) -> str:
        """What of these settings a kind of file depends on, as text for the manifest's key:
        every option of its format (so an option added later is keyed without a word here),
        less what is keyed otherwise (the template and style folders and the theme, by their content) or
        differs per book (the folder pictures are read from)."""
        if kind == PDF:
            options = dataclasses.asdict(self.pamphlet)
            options["pdf"] = {k: v for k, v in options["pdf"].items() if k not in _KEYED_OTHERWISE}
        else:  # the EPUB, or the cover it and the catalogue show
            options = {k: v for k, v in dataclasses.asdict(self.epub).items() if k not in _KEYED_OTHERWISE}
            if kind == COVER:
                options = {"generated_cover": options["generated_cover"]}
        return json.dumps(options, sort_keys=True, default=str)


_KEYED_OTHERWISE = ("templates", "styles", "theme", "base_dir", "cover")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the catalogue says of a book."""

    title: str
    subtitle: str | None
    authors: tuple[str, ...]
    date: str | None
    language: str
    identifier: str | None
    source: str | None

    @classmethod
    def of(cls, document: Document) -> Entry:
        metadata = document.metadata
        date = metadata.date or metadata.first_published or metadata.written
        return cls(
            title=metadata.title,
            subtitle=metadata.subtitle,
            authors=metadata.authors,
            date=date,
            language=metadata.language,
            identifier=metadata.identifier,
            source=metadata.source,
        )


@dataclass(frozen=True, slots=True)
class Made:
    """One format's files, relative to the output folder."""

    format: str
    paths: tuple[str, ...]
    detail: str
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class Built:
    made: tuple[Made, ...]
    diagnostics: tuple[Diagnostic, ...]
    """What reading the pages found."""
    entry: Entry | None
    """None when the job found its page is no book (``not_a_book``)."""
    facts: PageFacts | None = None
    """The page's facts, when its job was the first to read it (``Job.pending``)."""
    not_a_book: str | None = None
    """Why the page, read by its own job, is no book after all; nothing was made."""
