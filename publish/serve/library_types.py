"""What the library's queries answer: plain frozen data, safe to hand to templates and threads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MARK_START = "\x02"
"""Opens a matched term in ``BookRow.snippet``: the app escapes the snippet, then turns this
into ``<mark>`` (a control character no page text holds, so no text can forge a mark)."""
MARK_END = "\x03"
"""Closes a matched term in ``BookRow.snippet`` (``</mark>``)."""


@dataclass(frozen=True, slots=True)
class Facet:
    """One value to browse by and how many books have it; ``name`` is what ``Library.books``
    takes back (an author's name, a BCP 47 tag, a decade such as "1990s")."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class BookRow:
    key: str
    """The batch job's id: the main page's path relative to the archive, with ``/``."""
    kind: str
    """"work" (an index and its chapters) or "article" (one page)."""
    title: str
    subtitle: str | None
    authors: tuple[str, ...]
    language: str | None
    """BCP 47, as the reader found it."""
    date: str | None
    """ISO text as the model gives it ("2002-06-08", "1999", …)."""
    pages: tuple[str, ...]
    """Every page the book is made of, relative to the archive, the main one first."""
    words: int
    snippet: str | None = None
    """For search results: the best-matching passage, each match between ``MARK_START`` and ``MARK_END``."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a query's answer: ``rows`` from ``offset``, of ``total`` in all."""

    rows: tuple[T, ...]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A book that could not be read, with its one-line cause."""

    key: str
    cause: str


@dataclass(frozen=True, slots=True)
class Progress:
    books_done: int
    books_total: int
    """Known once the pages are surveyed and the books planned (0 before)."""
    pages_surveyed: int
    pages_total: int
    finished: bool
    error: str | None
    """Why the build stopped, in one line (the catalogue keeps what it had)."""
    pages_read: int = 0
    """Pages this build parsed (surveyed or read for a book); 0 when nothing changed."""
