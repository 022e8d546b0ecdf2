"""Which files make a work: an index page, the pages of its folder it links to, and the
separate notes pages their note calls point into.

Two callers resolve works and must never disagree: the loader, which asks the disk, and a
batch's plan, which asks what its survey recorded of each page. So the rule is written once,
here, over a ``Folder`` either can supply, and this module imports nothing heavy: a batch's
coordinator plans without loading the readers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol

_MIN_CITATIONS = 2


@dataclass(frozen=True, slots=True)
class ChapterLink:
    href: str
    label: str


@dataclass(frozen=True, slots=True)
class NotesEvidence:
    """What a page says of itself about being a notes page, before anyone counts the calls
    into it: kept apart so a batch's survey can record it once per page."""

    named: bool
    """Its file name or title says notes ("notes.htm", "Endnotes")."""
    own_calls: int
    """Note calls it makes into itself."""

    def is_notes_page(self, calls: int) -> bool:
        """With ``calls`` note calls from other pages pointing into it."""
        return self.named or (calls >= _MIN_CITATIONS and self.own_calls == 0)


MIN_CHAPTERS = 2
"""An index that links fewer pages of its folder than this is a page, not a work."""


class Folder(Protocol):
    """What resolving a work needs to know of the pages in its folder.

    The command line asks the disk (``DiskFolder``); batch asks what its survey recorded of
    each page, so that its plan claims exactly the pages this loader would read.
    """

    def is_page(self, path: Path) -> bool:
        """A page that may be read as part of the work."""
        ...

    def citations(self, path: Path) -> Mapping[str, Sequence[str]]:
        """The note calls from ``path`` into other pages of the folder: page name -> ids."""
        ...

    def notes_evidence(self, path: Path) -> NotesEvidence: ...


@dataclass(frozen=True, slots=True)
class WorkFiles:
    """The files one work is made of, as the index and its folder say."""

    index: Path
    chapters: tuple[tuple[ChapterLink, Path], ...]
    missing: tuple[ChapterLink, ...]
    notes: Mapping[str, Path]
    """Separate notes pages (the name the chapters cite -> the file) whose notes they call."""

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every file read to make the book, each once: the index, the chapters, notes pages."""
        ordered = [self.index, *(page for _, page in self.chapters), *self.notes.values()]
        return tuple(dict.fromkeys(ordered))


_INDEX_NAME = re.compile(r"^(?:.+[-_])?index\.html?$", re.IGNORECASE)


def looks_like_index(path: PurePath) -> bool:
    """A work's index page: ``index.htm`` in the work's own folder, or, where a work shares a
    folder with other pages (the ETOL's year folders), ``eec-index.html`` beside ``eec-pt1.htm``."""
    return _INDEX_NAME.match(path.name.split("__")[-1]) is not None


def work_files(index: Path, links: Sequence[ChapterLink], folder: Folder) -> WorkFiles | None:
    """The work an index page opens, or None when it links fewer than two pages of its folder."""
    resolved = [(link, _resolve(index, link.href, folder)) for link in links]
    found = tuple((link, page) for link, page in resolved if page is not None)
    if len(found) < MIN_CHAPTERS:
        return None
    counts: dict[str, int] = {}
    for _, page in found:
        for name, ids in folder.citations(page).items():
            counts[name] = counts.get(name, 0) + len(ids)
    notes: dict[str, Path] = {}
    for name, count in counts.items():
        path = _resolve(index, name, folder)
        if path is not None and folder.notes_evidence(path).is_notes_page(count):
            notes[name] = path
    missing = tuple(link for link, page in resolved if page is None)
    return WorkFiles(index=index, chapters=found, missing=missing, notes=notes)


def _resolve(index: Path, href: str, folder: Folder) -> Path | None:
    """The chapter file, beside the index or, in a flattened copy of the archive, with its prefix."""
    prefix = index.name[: -len(index.name.split("__")[-1])] if "__" in index.name else ""
    for candidate in (index.parent / href, index.parent / f"{prefix}{href}"):
        if folder.is_page(candidate):
            return candidate
    return None
