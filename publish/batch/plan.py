"""Which books a folder of the archive makes: a pure function of what the survey found.

Every index page that the work loader recognises (``publish.loading``) becomes one book, with
exactly the files the loader would read; every page no work claims becomes a book of its own;
what is not a text is skipped with its reason: the archive's error pages, wrappers around
scans, and index pages: an author's or a section's list of links.

An index can look like a work's contents and be an author's list of writings: a folder of
separate articles and a page linking them all. Made into one book, that is a "book" of a
hundred and seventy chapters with no author; ``workfiles.separate_writings`` tells the two
apart, and each of the writings becomes a book of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from publish.batch.book import SUFFIXES
from publish.batch.facts import PageFacts
from publish.book_names import fitted_stem, work_stem
from publish.workfiles import ChapterLink, NotesEvidence, WorkFiles, looks_like_index, separate_writings, work_files

NOT_A_FILE = "is not a regular file"
_HTML = (".htm", ".html")


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
    pending: bool = False
    """Its page was not read before planning: its job reads it, and may find it is no book."""


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Plan:
    jobs: tuple[Job, ...]
    skipped: tuple[Skipped, ...]


def plan(pages: Mapping[str, PageFacts | None], *, root_name: str) -> Plan:
    """The books ``pages`` (relative path -> facts) make; ``root_name`` names a work whose index
    is the archive folder's own.

    A page may come without facts (None) when no work can claim it (``needs_reading``): it is
    a book if it proves to be a text, which its own job finds out as it reads it. So most pages
    of an archive are read once, not once to plan and once more to make."""
    folder = _SurveyedFolder(pages)
    jobs: list[Job] = []
    skipped: dict[str, str] = {}
    claimed: set[str] = set()
    for path in sorted(pages):
        facts = pages[path]
        if facts is None or not facts.links or not looks_like_index(PurePosixPath(path)):
            continue
        files = work_files(Path(path), [ChapterLink(href=h, label="") for h in facts.links], folder)
        if files is None:
            continue
        inputs = tuple(p.as_posix() for p in files.inputs)
        said = {page: folder.facts(page) for page in inputs}
        chapters = [said[page.as_posix()] for _, page in files.chapters]
        if (writings := separate_writings(facts, chapters)) is not None:
            skipped[path] = f"{writings}, not one work: each is a book of its own"
            continue
        claimed.update(inputs)
        if all(page.empty for page in chapters) and (facts.empty or facts.listing):
            skipped.update({page: "part of a work with no text (scans only)" for page in inputs})
            skipped[path] = f"a work of {len(chapters)} pages with no text to publish (scans only)"
            continue
        problem = next((f"{page}: {said[page].problem}" for page in inputs if said[page].problem), None)
        jobs.append(Job(id=path, kind=Kind.WORK, inputs=inputs, stem=_work_stem(files, root_name), problem=problem))
    for path in sorted(pages):
        if path in claimed or path in skipped:
            continue
        facts = pages[path]
        why = _not_a_book(path, facts, pages)
        if why is not None:
            skipped[path] = why
        elif facts is None:
            jobs.append(Job(id=path, kind=Kind.ARTICLE, inputs=(path,), stem=_stem(path), pending=True))
        else:
            jobs.append(Job(id=path, kind=Kind.ARTICLE, inputs=(path,), stem=_stem(path), problem=facts.problem))
    return Plan(jobs=tuple(_unique_stems(jobs)), skipped=tuple(Skipped(p, r) for p, r in sorted(skipped.items())))


def _not_a_book(path: str, facts: PageFacts | None, pages: Mapping[str, PageFacts | None]) -> str | None:
    copy_of = _html_sibling(path, pages)
    if copy_of is not None:
        return f"a plain-text copy of {copy_of}"
    return verdict(facts) if facts is not None else None


def verdict(facts: PageFacts) -> str | None:
    """Why a page that no work claims is no book (None: it is one, or it fails with its problem)."""
    if facts.problem:
        return None  # a book that fails, with its cause, not a page quietly left out
    if facts.empty:
        return facts.empty
    if facts.listing:
        return f"an index page linking {facts.listing} documents (an author's or a section's list), not a text"
    return None


def needs_reading(paths: Iterable[str]) -> set[str]:
    """The pages that must be read before planning: those a work could claim, which are the
    pages of a folder with an index page in it (a work is an index and pages of its folder)."""
    listed = list(paths)
    with_index = {path.rpartition("/")[0] for path in listed if looks_like_index(PurePosixPath(path))}
    return {path for path in listed if path.rpartition("/")[0] in with_index}


def _html_sibling(path: str, pages: Mapping[str, PageFacts | None]) -> str | None:
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
    """ "a/b/party.htm" -> "a/b/party"; a name that is all suffix (".htm") keeps it."""
    head, dot, suffix = path.rpartition(".")
    return head if dot and head and "/" not in suffix and not head.endswith("/") else path


def _work_stem(files: WorkFiles, root_name: str) -> str:
    """A work is named for itself (``book_names.work_stem``); the archive folder's own index
    for the archive's name."""
    return work_stem(PurePosixPath(files.index.as_posix())) or root_name


_LONGEST_SUFFIX = max((suffix for suffixes in SUFFIXES.values() for suffix in suffixes), key=len)


def _unique_stems(jobs: list[Job]) -> list[Job]:
    """Two books never share a file: ``party.htm`` and ``party.html`` in one folder keep their
    whole names; the first (works come first) keeps the short one. A name too long for the
    file system with its longest suffix is shortened (``book_names.fitted_stem``)."""
    taken: set[str] = set()
    unique: list[Job] = []
    for job in jobs:
        stem = fitted_stem(job.stem, _LONGEST_SUFFIX)
        if stem.casefold() in taken:
            stem = fitted_stem(job.id, _LONGEST_SUFFIX)
        taken.add(stem.casefold())
        unique.append(dataclasses.replace(job, stem=stem))
    return sorted(unique, key=lambda job: job.id)


class _SurveyedFolder:
    """The archive folder as the survey saw it, for ``work_files``."""

    def __init__(self, pages: Mapping[str, PageFacts | None]) -> None:
        self._pages = pages

    def is_page(self, path: Path) -> bool:
        name = path.as_posix()
        return name in self._pages and self.facts(name).problem != NOT_A_FILE

    def citations(self, path: Path) -> dict[str, list[str]]:
        return {name: list(ids) for name, ids in self.facts(path.as_posix()).citations}

    def notes_evidence(self, path: Path) -> NotesEvidence:
        return self.facts(path.as_posix()).evidence

    def facts(self, name: str) -> PageFacts:
        facts = self._pages[name]
        if facts is None:
            raise ValueError(f"{name}: a page a work may claim must be read before planning (see needs_reading)")
        return facts
