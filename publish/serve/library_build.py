"""The catalogue's builder: batch's survey and plan, then every changed book read in workers.

It runs on a thread of the web server's process and is the catalogue's only writer. The
pages are walked and hashed as ``publish batch`` does (``batch.tree``), the pages a work may
claim are surveyed (``SurveyTask``) and the books planned (``batch.plan``), so a book here is
a book there. Each book whose key (its inputs' hashes, the toolkit) is unchanged is left as
it is; the others are read on batch's worker pool (``library_read``), and committed every
``BATCH`` books so the site shows them as they come.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import cast

from publish.batch import keys
from publish.batch.facts import PageFacts
from publish.batch.plan import NOT_A_FILE, Job, needs_reading, plan
from publish.batch.pool import BACKGROUND_NICE, LocalPool, PoolSettings
from publish.batch.tasks import Result, SurveyTask, Task
from publish.batch.tree import Known, content_hash, walk
from publish.limits import DEFAULT, Limits
from publish.serve import library_db as db
from publish.serve.library_read import ReadBook, ReadTask
from publish.serve.library_types import Progress
from publish.serve.workers import EndablePool

BATCH = 50
"""Books (or surveyed pages) per commit: progress shows, and a commit's cost is spread."""
TASK_SECONDS = 600.0
"""A book that takes longer to read is ended, and is a problem."""


class BuildStoppedError(Exception):
    """The library is closing: the build ends where it is (what was committed stays)."""


class Tally:
    """The build's counts, written by the builder, read by any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress = Progress(0, 0, 0, 0, finished=False, error=None)

    def add(self, **counts: int) -> None:
        with self._lock:
            now = self._progress
            self._progress = replace(now, **{name: getattr(now, name) + value for name, value in counts.items()})

    def set(self, **values: object) -> None:
        with self._lock:
            self._progress = replace(self._progress, **values)  # type: ignore[arg-type]

    def progress(self) -> Progress:
        with self._lock:
            return self._progress


class Builder:
    def __init__(
        self,
        archive: Path,
        database: Path,
        *,
        jobs: int,
        tally: Tally,
        stop: threading.Event,
        committed: Callable[[], None],
        exclude: Path | None = None,
        limits: Limits = DEFAULT,
    ) -> None:
        self.archive = archive
        self.database = database
        self.jobs = max(1, jobs)
        self.tally = tally
        self.stop = stop
        self.committed = committed
        self.exclude = exclude
        self.limits = limits
        self._digests: dict[str, str] = {}
        self._pool: EndablePool | None = None

    def end(self) -> None:
        """Stop from another thread, now: the pages and books under way are ended with their
        workers (not waited for, up to ``TASK_SECONDS``), and nothing more is read or recorded."""
        self.stop.set()
        pool = self._pool
        if pool is not None:  # else no task is given out: each is checked against ``stop`` first
            pool.end()

    def run(self) -> None:
        connection = db.connect(self.database, writer=True)
        settings = PoolSettings(
            workers=self.jobs, timeout=TASK_SECONDS, preload=("publish.serve.library_read",), nice=BACKGROUND_NICE
        )
        pool = self._pool = EndablePool(settings)
        try:
            toolkit = f"{keys.toolkit()}\0{self.limits!r}"
            pages = self._survey(connection, pool, toolkit)
            the_plan = plan(pages, root_name=self.archive.name)
            self._read(connection, pool, the_plan.jobs, toolkit)
        except BuildStoppedError:
            pass
        finally:
            pool.close()
            self._commit(connection)
            connection.close()

    def _survey(self, connection: sqlite3.Connection, pool: LocalPool, toolkit: str) -> dict[str, PageFacts | None]:
        """Every page's facts, from the catalogue where its hash is unchanged, else read;
        None for a page no work can claim (its own book's reading tells what it is)."""
        entries = list(walk(self.archive, exclude=self.exclude))
        self.tally.set(pages_total=len(entries))
        known = db.known_files(connection)
        changed: dict[str, Known] = {}
        others: dict[str, PageFacts | None] = {}
        for entry in entries:
            self._check()
            if not entry.regular:
                others[entry.path] = PageFacts(problem=NOT_A_FILE)
            elif (hashed := content_hash(self.archive, entry, known.get(entry.path))) is None:
                others[entry.path] = PageFacts(problem="could not be read")
            else:
                self._digests[entry.path], record = hashed
                if record is not known.get(entry.path):
                    changed[entry.path] = record
            self.tally.add(pages_surveyed=1)
        db.update_files(connection, changed, set(known) - set(self._digests))
        self._commit(connection)
        facts: dict[str, PageFacts | None] = dict(db.facts(connection, self._digests, toolkit))
        must = needs_reading(self._digests)
        unread = [path for path in self._digests if path not in facts]
        facts.update((path, None) for path in unread if path not in must)
        todo = [path for path in unread if path in must]

        def surveyed(result: Result) -> None:
            self._stopped_if_failed(result)
            assert isinstance(result.task, SurveyTask)
            path = result.task.path
            page = result.value if result.ok else PageFacts(problem=f"could not be read: {result.value}")
            facts[path] = page
            if result.ok:
                db.save_facts(connection, path, self._digests[path], toolkit, page)
            self._done(connection, pages_read=1)

        root = str(self.archive)
        pool.run(self._until_stopped(SurveyTask(root, path, self.limits) for path in todo), surveyed)
        facts.update(others)
        return facts

    def _read(self, connection: sqlite3.Connection, pool: LocalPool, jobs: tuple[Job, ...], toolkit: str) -> None:
        """Read the books that changed; forget those whose pages are gone."""
        self.tally.set(books_total=len(jobs))
        made = db.made_keys(connection)
        current = {job.id for job in jobs}
        db.remove(connection, [key for key in made if key not in current])
        todo: list[tuple[Job, str]] = []
        for job in jobs:
            key = self._key(job, toolkit)
            if made.get(job.id) == key:
                self.tally.add(books_done=1)
            elif job.problem is not None:
                db.save_other(connection, job, key, db.FAILED, job.problem)
                self.tally.add(books_done=1)
            else:
                todo.append((job, key))
        self._commit(connection)
        wanted = {job.id: key for job, key in todo}

        def read(result: Result) -> None:
            self._stopped_if_failed(result)
            task = cast(ReadTask, result.task)
            job = task.job
            if not result.ok:
                db.save_other(connection, job, wanted[job.id], db.FAILED, str(result.value))
            else:
                book: ReadBook = result.value
                if book.not_a_book is not None:
                    db.save_other(connection, job, wanted[job.id], db.SKIPPED, book.not_a_book)
                else:
                    fields = {
                        name: getattr(book, name) for name in ("title", "subtitle", "authors", "series", "language")
                    }
                    db.save_book(connection, job, wanted[job.id], **fields, date=book.date, text=book.text,
                                 words=book.words)  # fmt: skip
            self._done(connection, books_done=1, pages_read=len(job.inputs))

        root = str(self.archive)
        tasks = (cast(Task, ReadTask(root, job, self.limits)) for job, _ in todo)
        pool.run(self._until_stopped(tasks), read)

    def _key(self, job: Job, toolkit: str) -> str:
        """What the book is read from: its kind, its pages and their hashes, the toolkit."""
        digest = hashlib.blake2b(digest_size=16)
        for part in (toolkit, job.kind.value, *(f"{path}\0{self._digests.get(path, '')}" for path in job.inputs)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0\1")
        return digest.hexdigest()

    def _done(self, connection: sqlite3.Connection, **counts: int) -> None:
        """One result recorded; a commit every ``BATCH``; the end if the library is closing
        (raised inside the pool's loop, which then ends the tasks under way)."""
        self.tally.add(**counts)
        self._pending += 1
        if self._pending >= BATCH:
            self._commit(connection)
        self._check()

    _pending = 0

    def _commit(self, connection: sqlite3.Connection) -> None:
        if connection.in_transaction:
            connection.commit()
        self._pending = 0
        self.committed()

    def _stopped_if_failed(self, result: Result) -> None:
        """A task that failed while the library closes was ended by ``end``: not the page's
        fault, so not recorded (it is read again at the next start)."""
        if not result.ok:
            self._check()

    def _check(self) -> None:
        if self.stop.is_set():
            raise BuildStoppedError

    def _until_stopped(self, tasks: Iterator[Task]) -> Iterator[Task]:
        for task in tasks:
            if self.stop.is_set():
                return
            yield task
