"""The batch's memory between runs: SQLite, in the output folder, written by the coordinator alone.

It holds what a run needs in order not to redo work: each page's stat signature and content
hash (``files``), what the survey found in each page (``facts``), and for each book the key
each of its files was made from and what making them said (``books``, ``outputs``). A key is a
hash of the book's input hashes, the options that format depends on and the toolkit itself,
so a book is remade when, and only when, any of those changed.

Each result is committed as it arrives, in WAL mode: a run killed at any moment leaves the
database whole, with every book finished before the kill recorded. The database is opened
with an exclusive lock, so a second batch writing to the same folder is refused at once
rather than racing the first.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from publish.batch.book import Built
from publish.batch.facts import PageFacts
from publish.batch.plan import Job
from publish.batch.tree import Known
from publish.errors import Diagnostic

SCHEMA = "2"
_COMMIT_EVERY = 0.25  # seconds: survey facts are committed in groups; book results one by one
_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, inode INTEGER,
    hashed_ns INTEGER, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts (
    path TEXT PRIMARY KEY, digest TEXT NOT NULL, toolkit TEXT NOT NULL, facts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS books (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, stem TEXT NOT NULL, inputs TEXT NOT NULL,
    entry TEXT, diagnostics TEXT NOT NULL DEFAULT '[]', seconds REAL NOT NULL DEFAULT 0,
    made REAL NOT NULL DEFAULT 0, author_key TEXT NOT NULL DEFAULT '', title_key TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS outputs (
    id TEXT NOT NULL, format TEXT NOT NULL, key TEXT NOT NULL, paths TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '', diagnostics TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (id, format));
CREATE TABLE IF NOT EXISTS status (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
    seconds REAL NOT NULL DEFAULT 0, inputs TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS runs (started REAL NOT NULL, finished REAL, summary TEXT);
"""


class ManifestBusyError(Exception):
    """Another batch holds the manifest: two runs must not write one output folder."""


@dataclass(frozen=True, slots=True)
class Output:
    key: str
    paths: tuple[str, ...]
    detail: str
    diagnostics: tuple[dict[str, str], ...]


@dataclass(frozen=True, slots=True)
class BookRow:
    """A book as the manifest has it, joined with what this run did to it (``status``)."""

    id: str
    kind: str
    status: str
    reason: str | None
    seconds: float
    inputs: tuple[str, ...]
    entry: dict[str, Any] | None
    diagnostics: tuple[dict[str, str], ...]
    outputs: tuple[tuple[str, Output], ...]


@dataclass(frozen=True, slots=True)
class LibraryBook:
    """A made book, as a catalogue lists it."""

    id: str
    kind: str
    """"work" or "article"."""
    stem: str
    entry: dict[str, Any]
    """What the catalogue says of it: title, subtitle, authors, date, language, identifier, source."""
    files: dict[str, tuple[str, ...]]
    """Its files by kind, relative to the output folder: "epub", "pdf", "cover" (the cover, then
    its thumbnail)."""
    made: float
    """When it was last made (seconds since the epoch)."""
    author_key: str
    """Its first author's sort key ("harman chris"), "" for none: what ``library`` groups by."""


def sort_key(text: str, *, name: bool = False) -> str:
    """A key that sorts as a library does: without case, accents or a leading article; a
    person by surname ("Chris Harman" -> "harman chris")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = "".join(char for char in folded if not unicodedata.combining(char)).split()
    words = ["".join(char for char in word if char.isalnum()) for word in words]
    words = [word for word in words if word]
    if name and len(words) > 1:
        words = [words[-1], *words[:-1]]
    elif words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(words)


_ARTICLES = {"the", "a", "an", "la", "le", "les", "el", "los", "las", "il", "lo", "der", "die", "das"}


def diagnostic_data(diagnostic: Diagnostic) -> dict[str, str]:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "where": diagnostic.where,
    }


class Manifest:
    """See the module's docstring. ``path`` None keeps it in memory (a dry run into no folder)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db = self._open()
        self._last_commit = time.monotonic()

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._prepare(sqlite3.connect(":memory:", isolation_level=None))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._prepare(sqlite3.connect(self.path, isolation_level=None, timeout=0.5))
        except sqlite3.OperationalError as error:
            if "locked" in str(error):
                raise ManifestBusyError(str(self.path)) from error
            raise
        except sqlite3.DatabaseError:
            # Not a database any more (a disk fault, a file written over): keep it for a look,
            # start afresh; every book is then remade, which is slow but right.
            self.path.replace(self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}"))
            return self._prepare(sqlite3.connect(self.path, isolation_level=None, timeout=0.5))

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA locking_mode=EXCLUSIVE")  # held from the first write to the close
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_TABLES)
        db.execute("BEGIN IMMEDIATE")
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found is None or found[0] != SCHEMA:
            for table in ("files", "facts", "books", "outputs", "status"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA,))
        return db

    def commit(self) -> None:
        self._db.execute("COMMIT")
        self._db.execute("BEGIN IMMEDIATE")
        self._last_commit = time.monotonic()

    def commit_soon(self) -> None:
        """Commit if the last commit is a moment old: results come faster than commits need to."""
        self._commit_soon()

    def _commit_soon(self) -> None:
        if time.monotonic() - self._last_commit > _COMMIT_EVERY:
            self.commit()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("COMMIT")
        self._db.close()

    # --- pages ---------------------------------------------------------------------------

    def known_files(self) -> dict[str, Known]:
        rows = self._db.execute("SELECT path, size, mtime_ns, ctime_ns, inode, hashed_ns, digest FROM files")
        return {path: Known(signature=(size, mtime, ctime, inode), hashed_ns=hashed, digest=digest)
                for path, size, mtime, ctime, inode, hashed, digest in rows}  # fmt: skip

    def update_files(self, changed: Mapping[str, Known], gone: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((path, *known.signature, known.hashed_ns, known.digest) for path, known in changed.items()),
        )
        self._db.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in gone))
        self._db.executemany("DELETE FROM facts WHERE path = ?", ((path,) for path in gone))
        self.commit()

    def facts(self, digests: Mapping[str, str], toolkit: str) -> dict[str, PageFacts]:
        """The facts recorded for pages whose content and toolkit are still those surveyed."""
        found: dict[str, PageFacts] = {}
        for path, digest, made_by, text in self._db.execute("SELECT path, digest, toolkit, facts FROM facts"):
            if digests.get(path) == digest and made_by == toolkit:
                found[path] = PageFacts.from_json(text)
        return found

    def save_facts(self, path: str, digest: str, toolkit: str, facts: PageFacts) -> None:
        self._db.execute("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", (path, digest, toolkit, facts.to_json()))
        self._commit_soon()

    # --- books ---------------------------------------------------------------------------

    def outputs(self, ident: str) -> dict[str, Output]:
        rows = self._db.execute("SELECT format, key, paths, detail, diagnostics FROM outputs WHERE id = ?", (ident,))
        return {row[0]: Output(row[1], tuple(json.loads(row[2])), row[3], tuple(json.loads(row[4]))) for row in rows}

    def made(self, ident: str) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Each kind of file a book has: the key it was made from, and its paths (what a run
        checks of every book, so without the diagnostics)."""
        rows = self._db.execute("SELECT format, key, paths FROM outputs WHERE id = ?", (ident,))
        return {kind: (key, tuple(json.loads(paths))) for kind, key, paths in rows}

    def book_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM books ORDER BY id")]

    def record_built(self, job: Job, built: Built, keys: Mapping[str, str], seconds: float) -> None:
        """A book made: the files of each format it made, with the keys they were made from."""
        if built.entry is None:
            raise ValueError(f"{job.id}: no book was made to record")
        entry = json.dumps(asdict(built.entry), ensure_ascii=False)
        diagnostics = json.dumps([diagnostic_data(d) for d in built.diagnostics], ensure_ascii=False)
        author = built.entry.authors[0] if built.entry.authors else ""
        self._db.execute(
            "INSERT OR REPLACE INTO books VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                job.id,
                job.kind.value,
                job.stem,
                json.dumps(job.inputs),
                entry,
                diagnostics,
                seconds,
                time.time(),
                sort_key(author, name=True),
                sort_key(built.entry.title),
                built.entry.language,
            ),
        )
        for made in built.made:
            self._db.execute(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)",
                (
                    job.id,
                    made.format,
                    keys[made.format],
                    json.dumps(made.paths),
                    made.detail,
                    json.dumps([diagnostic_data(d) for d in made.diagnostics], ensure_ascii=False),
                ),
            )

    def forget(self, ident: str) -> list[str]:
        """Drop a book that is no longer in the plan; return the files it had made."""
        paths = [path for output in self.outputs(ident).values() for path in output.paths]
        self._db.execute("DELETE FROM outputs WHERE id = ?", (ident,))
        self._db.execute("DELETE FROM books WHERE id = ?", (ident,))
        return paths

    def forget_output(self, ident: str, kind: str) -> None:
        self._db.execute("DELETE FROM outputs WHERE id = ? AND format = ?", (ident, kind))

    # --- this run ------------------------------------------------------------------------

    def begin_run(self) -> None:
        self._db.execute("DELETE FROM status")
        self._db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),))
        self.commit()

    def set_status(
        self, ident: str, kind: str, status: str, *, reason: str | None, inputs: Sequence[str], seconds: float = 0.0
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO status VALUES (?, ?, ?, ?, ?, ?)",
            (ident, kind, status, reason, seconds, json.dumps(list(inputs))),
        )
        self._commit_soon()

    def finish_run(self, summary: Mapping[str, Any]) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, summary = ? WHERE rowid = (SELECT max(rowid) FROM runs)",
            (time.time(), json.dumps(summary)),
        )
        self.commit()

    def counts(self) -> dict[str, int]:
        """Books by what this run did to them (skipped pages not counted), and by kind: "done",
        "skipped", "failed"; "work", "article", "page" (pages skipped)."""
        statuses = self._db.execute("SELECT status, count(*) FROM status WHERE kind != 'page' GROUP BY status")
        kinds = self._db.execute("SELECT kind, count(*) FROM status GROUP BY kind")
        return {name: count for name, count in (*statuses, *kinds)}

    def slowest(self, limit: int) -> list[tuple[str, float]]:
        rows = self._db.execute(
            "SELECT id, seconds FROM status WHERE status = 'done' ORDER BY seconds DESC, id LIMIT ?", (limit,)
        )
        return [(row[0], row[1]) for row in rows]

    def failures(self) -> Iterator[tuple[str, str]]:
        yield from self._db.execute("SELECT id, reason FROM status WHERE status = 'failed' ORDER BY id")

    def library(self, *, author_key: str | None = None, language: str | None = None) -> Iterator[LibraryBook]:
        """The books of the library as it stands after this run (every book of the plan that
        has been made, by this run or an earlier one), by author then title; or only one
        author's (by ``author_key``) or one language's."""
        query = """SELECT b.id, b.kind, b.stem, b.entry, b.made, b.author_key FROM books b JOIN status s ON s.id = b.id
                   WHERE b.entry IS NOT NULL"""
        arguments: list[str] = []
        if author_key is not None:
            query += " AND b.author_key = ?"
            arguments.append(author_key)
        if language is not None:
            query += " AND b.language = ?"
            arguments.append(language)
        query += " ORDER BY b.author_key, b.title_key, b.id"
        for ident, kind, stem, entry, made, key in self._db.execute(query, arguments):
            files = {kind_: output.paths for kind_, output in self.outputs(ident).items() if output.paths}
            yield LibraryBook(
                id=ident, kind=kind, stem=stem, entry=json.loads(entry), files=files, made=made, author_key=key
            )

    def library_groups(self, by: str) -> list[tuple[str, int]]:
        """The library's authors (``by="author"``: their sort keys) or languages, with how many
        books each has, in order."""
        column = {"author": "b.author_key", "language": "b.language"}[by]
        query = f"""SELECT {column}, count(*) FROM books b JOIN status s ON s.id = b.id
                    WHERE b.entry IS NOT NULL GROUP BY {column} ORDER BY {column}"""
        return [(key, count) for key, count in self._db.execute(query)]

    def rows(self) -> Iterator[BookRow]:
        """Every job of this run with what the manifest holds of it, in the order of their names."""
        query = """SELECT s.id, s.kind, s.status, s.reason, s.seconds, s.inputs, b.entry, b.diagnostics,
                          o.format, o.key, o.paths, o.detail, o.diagnostics
                   FROM status s LEFT JOIN books b ON b.id = s.id LEFT JOIN outputs o ON o.id = b.id
                   ORDER BY s.id, o.format"""
        for _, group in itertools.groupby(self._db.execute(query), key=lambda row: row[0]):
            rows = list(group)
            ident, kind, status, reason, seconds, inputs, entry, diagnostics = rows[0][:8]
            outputs = tuple(
                (row[8], Output(row[9], tuple(json.loads(row[10])), row[11], tuple(json.loads(row[12]))))
                for row in rows
                if row[8] is not None
            )
            yield BookRow(
                id=ident,
                kind=kind,
                status=status,
                reason=reason,
                seconds=seconds,
                inputs=tuple(json.loads(inputs)),
                entry=json.loads(entry) if entry else None,
                diagnostics=tuple(json.loads(diagnostics)) if diagnostics else (),
                outputs=outputs if entry else (),
            )
