"""The library catalogue the web app's library, search and OPDS pages read.

``Library(archive, cache).start()`` returns at once; a builder thread (``library_build``)
then brings ``CACHE/library.sqlite`` up to date with the archive folder, reading changed
books in worker processes, while every query answers from what is committed so far. Each
thread that asks gets its own read connection: SQLite objects never cross threads, and a
web server's request threads never wait on one another.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from types import TracebackType

from publish.errors import PublishError
from publish.limits import DEFAULT, Limits
from publish.serve import library_db as db
from publish.serve import library_query as query
from publish.serve.library_build import Builder, Tally
from publish.serve.library_types import MARK_END, MARK_START, BookRow, Facet, Page, Problem, Progress

KEPT = 512
"""Listings and searches kept in memory (``Library._kept``): a few megabytes at most."""

__all__ = ["MARK_END", "MARK_START", "BookRow", "Facet", "Library", "Page", "Problem", "Progress"]


class Library:
    """The catalogue of ``archive``, kept in ``cache``; ``jobs``: worker processes that read books."""

    def __init__(self, archive: Path, cache: Path, *, jobs: int = 2, limits: Limits = DEFAULT) -> None:
        self.archive = archive.resolve()
        self.cache = cache.resolve()
        self.database = self.cache / db.DATABASE
        self.jobs = jobs
        self.limits = limits
        self._tally = Tally()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._builder: Builder | None = None
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._generation = 0
        self._facets: dict[str, tuple[int, list[Facet]]] = {}
        self._answers: OrderedDict[Hashable, tuple[int, Page[BookRow]]] = OrderedDict()
        self._prepared = False

    def start(self) -> None:
        """Create the catalogue if need be and begin bringing it up to date in the background."""
        if self._thread is not None:
            return
        if not self.archive.is_dir():
            raise PublishError(str(self.archive), "is not a folder: give the archive's folder to serve")
        self._prepare()
        builder = Builder(
            self.archive, self.database, jobs=self.jobs, tally=self._tally, stop=self._stop,
            committed=self._committed, exclude=self.cache, limits=self.limits,
        )  # fmt: skip
        self._builder = builder
        self._thread = threading.Thread(target=self._build, args=(builder,), name="publish-library", daemon=True)
        self._thread.start()

    def progress(self) -> Progress:
        return self._tally.progress()

    def wait(self, timeout: float | None = None) -> Progress:
        """Block until the build ends (or ``timeout`` passes): for tests, benches and the CLI."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.progress()

    def close(self) -> None:
        """Stop the build (the pages and books under way are ended with their workers, at once;
        what is committed stays) and close every connection; safe to call twice."""
        self._stop.set()
        if self._builder is not None:
            self._builder.end()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            for connection in self._readers:
                connection.close()
            self._readers.clear()
            self._local = threading.local()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # queries: each reads what the builder has committed so far

    def authors(self) -> list[Facet]:
        """Authors with how many books each, sorted by surname."""
        return self._facet("authors", query.authors)

    def languages(self) -> list[Facet]:
        return self._facet("languages", query.languages)

    def decades(self) -> list[Facet]:
        """Decades ("1990s") of the books' dates, oldest first; books with no date in none."""
        return self._facet("decades", query.decades)

    def books(
        self,
        *,
        author: str | None = None,
        language: str | None = None,
        decade: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[BookRow]:
        """Books by title, of one author, language or decade (a ``Facet.name``) if given."""
        asked = ("books", author, language, decade, offset, limit)
        return self._kept(
            asked,
            lambda: query.books(
                self._reader(), author=author, language=language, decade=decade, offset=offset, limit=limit
            ),
        )

    def book(self, key: str) -> BookRow | None:
        return query.book(self._reader(), key)

    def search(self, text: str, *, offset: int = 0, limit: int = 50) -> Page[BookRow]:
        """Books holding every word of ``text`` in title, authors, text or series, best first
        (bm25, a title's words weighing most), each with a snippet (``MARK_START``/``MARK_END``).
        ``text`` is words, never FTS5 syntax; no word, no rows."""
        asked = ("search", text[: query.MAX_QUERY_CHARS], offset, limit)
        return self._kept(asked, lambda: query.search(self._reader(), text, offset=offset, limit=limit))

    def problems(self, *, offset: int = 0, limit: int = 100) -> Page[Problem]:
        """Books that could not be read, with their one-line causes."""
        return query.problems(self._reader(), offset=offset, limit=limit)

    def _facet(self, name: str, ask: query.FacetQuery) -> list[Facet]:
        """A facet is asked on every page of the site and changes only with a commit: kept
        until the next one."""
        generation = self._generation
        kept = self._facets.get(name)
        if kept is not None and kept[0] == generation:
            return kept[1]
        found = ask(self._reader())
        self._facets[name] = (generation, found)
        return found

    @property
    def generation(self) -> int:
        """How many times the catalogue has changed in this process: what a kept answer is keyed on."""
        return self._generation

    def _kept(self, asked: Hashable, ask: Callable[[], Page[BookRow]]) -> Page[BookRow]:
        """A listing or a search, answered from memory while the catalogue has not changed: the
        same few pages and searches are asked again and again, and a search with snippets costs
        ten milliseconds where a kept answer costs none. At most ``KEPT`` answers are kept, the
        least recently asked dropped first."""
        generation = self._generation
        with self._lock:
            kept = self._answers.get(asked)
            if kept is not None and kept[0] == generation:
                self._answers.move_to_end(asked)
                return kept[1]
        found = ask()
        with self._lock:
            self._answers[asked] = (generation, found)
            self._answers.move_to_end(asked)
            while len(self._answers) > KEPT:
                self._answers.popitem(last=False)
        return found

    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self._prepare()
            connection = db.connect(self.database)
            connection.execute("PRAGMA query_only = ON")
            with self._lock:
                self._readers.append(connection)
            self._local.connection = connection
        return connection

    def _prepare(self) -> None:
        if not self._prepared:
            db.prepare(self.database)
            self._prepared = True

    def _committed(self) -> None:
        self._generation += 1

    def _build(self, builder: Builder) -> None:
        try:
            builder.run()
        except PublishError as error:
            self._tally.set(error=f"{error.path}: {error.cause}")
        except Exception as error:  # noqa: BLE001 - the site goes on with the catalogue it has
            self._tally.set(error=f"internal error: {type(error).__name__}: {error}")
        finally:
            self._tally.set(finished=True)
