"""Which files make a work: an index page, the pages of its folder it links to, and the
separate notes pages their note calls point into.

Two callers resolve works and must never disagree: the loader, which asks the disk, and a
batch's plan, which asks what its survey recorded of each page. So the rule is written once,
here, over a ``Folder`` either can supply, and this module imports nothing heavy: a batch's
coordinator plans without loading the readers.
"""

from __future__ import annotations

import re
from collections import Counter
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


def absent_links(index: Path, links: Sequence[ChapterLink], folder: Folder) -> tuple[ChapterLink, ...]:
    """The links of an index to pages of its folder that are not there."""
    return tuple(link for link in links if _resolve(index, link.href, folder) is None)


def _resolve(index: Path, href: str, folder: Folder) -> Path | None:
    """The chapter file, beside the index or, in a flattened copy of the archive, with its prefix."""
    prefix = index.name[: -len(index.name.split("__")[-1])] if "__" in index.name else ""
    for candidate in (index.parent / href, index.parent / f"{prefix}{href}"):
        if folder.is_page(candidate):
            return candidate
    return None


class Described(Protocol):
    """What a page says of itself that tells a work from a list of writings."""

    @property
    def title(self) -> str: ...

    @property
    def authors(self) -> tuple[str, ...]: ...

    @property
    def dates(self) -> tuple[str, ...]:
        """Its dates, its own main date first."""
        ...


_SEPARATE_SHARE = 2 / 3
"""Linked pages with titles of their own, at least this share of them: separate writings..."""
_SEPARATE_YEARS = 3
"""... written over at least this many years, ..."""
_SEPARATE_MANY = 25
"""... or this many of them, under an index that names no author."""


def separate_writings(index: Described, chapters: Sequence[Described]) -> str | None:
    """What the pages an index links are when they are separate writings rather than one work's
    chapters ("Chris Harman's list of 30 separate writings, 1963–2009"), or None if they read
    as one work.

    From what the pages say of themselves: a work's chapters carry the work's title, under
    an index that names its author; separate writings each carry a title of their own, and a
    date, over years (an author's list), or are very many under an index naming no author,
    or are all by the person the index is named for ("Chris Harman", "Writings of …"). A
    handful of pieces from one time under a titled index (obituaries, a debate) is a work.
    """
    if index.authors or not chapters:
        return None  # a work's index names its author; a debate's, its authors
    titled = [page for page in chapters if not _same_title(page.title, index.title)]
    if len(titled) < _SEPARATE_SHARE * len(chapters):
        return None  # the pages carry the work's title: its chapters
    years = sorted({date[:4] for page in chapters for date in page.dates[:1]})
    own_author = _their_author(index.title, chapters)
    if len(years) < _SEPARATE_YEARS and len(chapters) < _SEPARATE_MANY and own_author is None:
        return None  # a handful of pieces from one time (obituaries, a debate): a collection
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else "".join(f", {year}" for year in years)
    whose = f"{own_author}'s" if own_author else "an author's"
    return f"{whose} list of {len(chapters)} separate writings{span}"


def _same_title(first: str, second: str) -> bool:
    """One title, however it is cut: "The Evolution of Property" and its full title."""
    a, b = _words(first), _words(second)
    return bool(a and b) and (a[: len(b)] == b or b[: len(a)] == a)


def _their_author(title: str, pages: Sequence[Described]) -> str | None:
    """The author most of ``pages`` are by, when the index's title names them: "Chris Harman",
    "Writings of Chris Harman"."""
    counts = Counter(author for page in pages for author in page.authors[:1])
    if not counts:
        return None
    author, count = counts.most_common(1)[0]
    named = set(_words(title))
    return author if count * 2 > len(pages) and set(_words(author)) <= named else None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())
