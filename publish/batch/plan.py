"""Which books a folder of the archive makes: a pure function of what the survey found.

Every index page that the work loader recognises (``publish.loading``) becomes one book, with
exactly the files the loader would read; every page no work claims becomes a book of its own;
what is not a text is skipped with its reason: the archive's error pages, wrappers around
scans, and index pages: an author's or a section's list of links.

An index can look like a work's contents and be an author's list of writings: a folder of
separate articles and a page linking them all. Made into one book, that is a "book" of a
hundred and seventy chapters with no author. ``separate_writings`` tells the two apart from
what the linked pages say of themselves: a work's chapters carry the work's title and an
index that names its author; separate writings each carry their own title and date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from publish.batch.facts import PageFacts
from publish.workfiles import ChapterLink, NotesEvidence, WorkFiles, looks_like_index, work_files

NOT_A_FILE = "is not a regular file"
_HTML = (".htm", ".html")
_SEPARATE_SHARE = 2 / 3
"""Linked pages with titles of their own, at least this share of them: separate writings..."""
_SEPARATE_YEARS = 3
"""... written over at least this many years, ..."""
_SEPARATE_MANY = 25
"""... or this many of them, under an index that names no author."""


class Kind(StrEnum):
    WORK = "work"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class Job:
    """One book to make."""

    id: str
    """Its main input (a work's index page), relative to the archive folder: the job's name."""
    kind: Kind
    inputs: tuple[str, ...]
    """Every file the book is made of, relative to the archive folder, the main one first."""
    stem: str
    """Where its files go in the output folder, without their suffix ("archive/harman/2002/06/party")."""
    problem: str | None = None
    """Known before converting: the book cannot be made (a page that is empty, binary, a FIFO)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    jobs: tuple[Job, ...]
    skipped: tuple[Skipped, ...]


def plan(pages: Mapping[str, PageFacts], *, root_name: str) -> Plan:
    """The books ``pages`` (relative path -> facts) make; ``root_name`` names a work whose index
    is the archive folder's own."""
    folder = _SurveyedFolder(pages)
    jobs: list[Job] = []
    skipped: dict[str, str] = {}
    claimed: set[str] = set()
    for path in sorted(pages):
        facts = pages[path]
        if not facts.links or not looks_like_index(PurePosixPath(path)):
            continue
        files = work_files(Path(path), [ChapterLink(href=h, label="") for h in facts.links], folder)
        if files is None:
            continue
        inputs = tuple(p.as_posix() for p in files.inputs)
        chapters = [pages[page.as_posix()] for _, page in files.chapters]
        if (why := separate_writings(facts, chapters)) is not None:
            skipped[path] = why
            continue
        claimed.update(inputs)
        if all(page.empty for page in chapters) and (facts.empty or facts.listing):
            skipped.update({page: "part of a work with no text (scans only)" for page in inputs})
            skipped[path] = f"a work of {len(chapters)} pages with no text to publish (scans only)"
            continue
        problem = next((f"{page}: {pages[page].problem}" for page in inputs if pages[page].problem), None)
        jobs.append(Job(id=path, kind=Kind.WORK, inputs=inputs, stem=_work_stem(files, root_name), problem=problem))
    for path in sorted(pages):
        if path in claimed or path in skipped:
            continue
        facts = pages[path]
        why = _not_a_book(path, facts, pages)
        if why is not None:
            skipped[path] = why
        else:
            jobs.append(Job(id=path, kind=Kind.ARTICLE, inputs=(path,), stem=_stem(path), problem=facts.problem))
    return Plan(jobs=tuple(_unique_stems(jobs)), skipped=tuple(Skipped(p, r) for p, r in sorted(skipped.items())))


def _not_a_book(path: str, facts: PageFacts, pages: Mapping[str, PageFacts]) -> str | None:
    if facts.problem:
        return None  # a book that fails, with its cause, not a page quietly left out
    if facts.empty:
        return facts.empty
    if facts.listing:
        return f"an index page linking {facts.listing} documents (an author's or a section's list), not a text"
    copy_of = _html_sibling(path, pages)
    if copy_of is not None:
        return f"a plain-text copy of {copy_of}"
    return None


def separate_writings(index: PageFacts, chapters: Sequence[PageFacts]) -> str | None:
    """Why the pages an index links are separate writings rather than one work's chapters, or
    None if they read as one work."""
    if index.authors or not chapters:
        return None  # a work's index names its author; a debate's, its authors
    titled = [page for page in chapters if not _same_title(page.title, index.title)]
    if len(titled) < _SEPARATE_SHARE * len(chapters):
        return None  # the pages carry the work's title: its chapters
    years = sorted({date[:4] for page in chapters for date in page.dates[:1]})
    own_author = _their_author(index.title, chapters)
    if len(years) < _SEPARATE_YEARS and len(chapters) < _SEPARATE_MANY and own_author is None:
        return None  # a handful of pieces from one time (obituaries, a debate): a collection
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else ""
    whose = f"{own_author}'s" if own_author else "an author's"
    return f"{whose} list of {len(chapters)} separate writings{span}, not one work: each is a book of its own"


def _same_title(first: str, second: str) -> bool:
    """One title, however it is cut: "The Evolution of Property" and its full title."""
    a, b = _words(first), _words(second)
    return bool(a and b) and (a[: len(b)] == b or b[: len(a)] == a)


def _their_author(title: str, pages: Sequence[PageFacts]) -> str | None:
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


def _html_sibling(path: str, pages: Mapping[str, PageFacts]) -> str | None:
    """The HTML page a plain-text file is a copy of (the archive keeps both)."""
    pure = PurePosixPath(path)
    if pure.suffix.lower() != ".txt":
        return None
    for suffix in _HTML:
        sibling = pure.with_suffix(suffix).as_posix()
        if sibling in pages:
            return sibling
    return None


def _stem(path: str) -> str:
    pure = PurePosixPath(path)
    return pure.with_suffix("").as_posix() if pure.suffix else path


def _work_stem(files: WorkFiles, root_name: str) -> str:
    """A work is named for its folder ("…/1999/history"), or for its index where the work shares
    a folder ("…/1971/xx/eec-index.html" -> "…/1971/xx/eec")."""
    index = PurePosixPath(files.index.as_posix())
    name = index.name.split("__")[-1]
    prefix = index.name[: -len(name)]
    stem = re.sub(r"[-_]?index$", "", PurePosixPath(name).stem, flags=re.IGNORECASE)
    if stem:
        return (index.parent / f"{prefix}{stem}").as_posix()
    if prefix:  # a flattened copy of the archive: "archive__lafargue__1883__lazy__index.htm"
        return (index.parent / prefix.rstrip("_")).as_posix()
    return index.parent.as_posix() if index.parent.name else root_name


def _unique_stems(jobs: list[Job]) -> list[Job]:
    """Two books never share a file: ``party.htm`` and ``party.html`` in one folder keep their
    whole names; the first (works come first) keeps the short one."""
    taken: set[str] = set()
    unique: list[Job] = []
    for job in jobs:
        stem = job.stem
        if stem.casefold() in taken:
            stem = job.id
        taken.add(stem.casefold())
        unique.append(Job(id=job.id, kind=job.kind, inputs=job.inputs, stem=stem, problem=job.problem))
    return sorted(unique, key=lambda job: job.id)


class _SurveyedFolder:
    """The archive folder as the survey saw it, for ``work_files``."""

    def __init__(self, pages: Mapping[str, PageFacts]) -> None:
        self._pages = pages

    def is_page(self, path: Path) -> bool:
        facts = self._pages.get(path.as_posix())
        return facts is not None and facts.problem != NOT_A_FILE

    def citations(self, path: Path) -> dict[str, list[str]]:
        return {name: list(ids) for name, ids in self._pages[path.as_posix()].citations}

    def notes_evidence(self, path: Path) -> NotesEvidence:
        return self._pages[path.as_posix()].evidence
