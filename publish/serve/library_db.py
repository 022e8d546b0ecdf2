"""The catalogue's SQLite file: its schema, and the writes only the builder makes.

One file, ``CACHE/library.sqlite``, in WAL mode so that the web server's readers see every
committed batch of books while the builder goes on writing. The schema carries its version
in ``user_version``: a file of another version is a cache of another program and is rebuilt,
never migrated. Pages are remembered by their stat signature and content hash (as batch's
manifest does), page facts by hash and toolkit, books by a key over their inputs' hashes and
the toolkit: what makes a second start read nothing.

A book's text is indexed twice and stored once. ``texts`` ranks whole books (title, authors,
text, series; bm25) and is contentless; ``passages`` holds the text cut into passages of about
``PASSAGE_CHARS``, rowid ``book << PASSAGE_BITS | n``, from which a result's snippet is
taken: FTS5's ``snippet()`` over a whole book costs time with its size and its matches (a
second for "the" over the corpus), over one passage almost nothing. A contentless row is
deleted by giving FTS5 its values again, rebuilt from the book's row and its passages.
Book ids are never reused (AUTOINCREMENT), so a row an index missed can never name another book.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from publish.batch.facts import PageFacts
from publish.batch.manifest import sort_key
from publish.batch.plan import Job
from publish.batch.tree import Known
from publish.errors import PublishError

DATABASE = "library.sqlite"
SCHEMA = 3
"""Raise whenever a table changes: every existing catalogue is then rebuilt from the pages."""

_TABLES = """
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
    inode INTEGER, hashed_ns INTEGER, digest TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE facts (path TEXT PRIMARY KEY, digest TEXT NOT NULL, toolkit TEXT NOT NULL,
    facts TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, made_key TEXT NOT NULL,
    status TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL DEFAULT '', subtitle TEXT,
    authors TEXT NOT NULL DEFAULT '[]', language TEXT, date TEXT, decade INTEGER,
    pages TEXT NOT NULL, words INTEGER NOT NULL DEFAULT 0, sort_title TEXT NOT NULL DEFAULT '',
    cause TEXT, series TEXT);
CREATE INDEX books_by_title ON books (status, sort_title, key);
CREATE INDEX books_by_language ON books (status, language, sort_title, key);
CREATE INDEX books_by_decade ON books (status, decade, sort_title, key);
CREATE TABLE authors (book INTEGER NOT NULL, sort_key TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (sort_key, book)) WITHOUT ROWID;
CREATE INDEX authors_of_book ON authors (book);
CREATE VIRTUAL TABLE texts USING fts5 (title, authors, body, series, content = '',
    tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE passages USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
"""
BOOK = "book"
SKIPPED = "skipped"
FAILED = "failed"


def connect(path: Path, *, writer: bool = False) -> sqlite3.Connection:
    """A connection for the thread that opens it (``check_same_thread`` is off only so that
    ``Library.close`` can close a reader's connection at the end). A reader's every query
    sees what is committed then; the writer's changes wait for its ``commit``."""
    try:
        if writer:
            connection = sqlite3.connect(path, timeout=30, isolation_level="DEFERRED", check_same_thread=False)
        else:
            connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout = 30000")
    except sqlite3.Error as error:
        raise PublishError(str(path), f"cannot open the library catalogue: {error}") from error
    return connection


def prepare(path: Path) -> None:
    """Make the catalogue ready to read: create it, or rebuild it if of another schema."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(str(path.parent), f"cannot make the cache folder: {error.strerror}") from error
    connection = connect(path)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA:
            return
        if version != 0 or connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            connection = connect(path)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(f"BEGIN; {_TABLES} PRAGMA user_version = {SCHEMA}; COMMIT;")
    except sqlite3.Error as error:
        raise PublishError(str(path), f"cannot make the library catalogue: {error}") from error
    finally:
        connection.close()


def known_files(connection: sqlite3.Connection) -> dict[str, Known]:
    rows = connection.execute("SELECT path, size, mtime_ns, ctime_ns, inode, hashed_ns, digest FROM files")
    return {row[0]: Known(signature=(row[1], row[2], row[3], row[4]), hashed_ns=row[5], digest=row[6]) for row in rows}


def update_files(connection: sqlite3.Connection, changed: Mapping[str, Known], gone: Iterable[str]) -> None:
    connection.executemany(
        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((path, *known.signature, known.hashed_ns, known.digest) for path, known in changed.items()),
    )
    connection.executemany("DELETE FROM files WHERE path = ?", ((path,) for path in gone))
    connection.executemany("DELETE FROM facts WHERE path = ?", ((path,) for path in gone))


def facts(connection: sqlite3.Connection, digests: Mapping[str, str], toolkit: str) -> dict[str, PageFacts]:
    """The facts recorded of pages whose hash and toolkit are those of now."""
    found: dict[str, PageFacts] = {}
    for path, digest, made_with, text in connection.execute("SELECT path, digest, toolkit, facts FROM facts"):
        if digests.get(path) == digest and made_with == toolkit:
            found[path] = PageFacts.from_json(text)
    return found


def save_facts(connection: sqlite3.Connection, path: str, digest: str, toolkit: str, page: PageFacts) -> None:
    connection.execute("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", (path, digest, toolkit, page.to_json()))


def made_keys(connection: sqlite3.Connection) -> dict[str, str]:
    return dict(connection.execute("SELECT key, made_key FROM books"))


def remove(connection: sqlite3.Connection, keys: Iterable[str]) -> None:
    for key in keys:
        row = connection.execute("SELECT id, status, title, subtitle, authors, series FROM books WHERE key = ?", (key,))
        found = row.fetchone()
        if found is None:
            continue
        book, status, title, subtitle, names, series = found
        if status == BOOK:
            low, high = passage_range(book)
            parts = connection.execute(
                "SELECT text FROM passages WHERE rowid BETWEEN ? AND ? ORDER BY rowid", (low, high)
            )
            body = "".join(part for (part,) in parts)
            title_words, authors_words, series_words = _indexed(title, subtitle, tuple(json.loads(names)), series)
            connection.execute(
                "INSERT INTO texts (texts, rowid, title, authors, body, series) VALUES ('delete', ?, ?, ?, ?, ?)",
                (book, title_words, authors_words, body, series_words),
            )
            connection.execute("DELETE FROM passages WHERE rowid BETWEEN ? AND ?", (low, high))
        connection.execute("DELETE FROM authors WHERE book = ?", (book,))
        connection.execute("DELETE FROM books WHERE id = ?", (book,))


def save_book(
    connection: sqlite3.Connection,
    job: Job,
    made_key: str,
    *,
    title: str,
    subtitle: str | None,
    authors: tuple[str, ...],
    language: str | None,
    date: str | None,
    text: str,
    words: int,
    series: str | None = None,
) -> None:
    """A book as read, replacing what was recorded under its key, its text in the index."""
    remove(connection, (job.id,))
    cursor = connection.execute(
        "INSERT INTO books (key, made_key, status, kind, title, subtitle, authors, language, date, decade, pages,"
        " words, sort_title, series) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            job.id, made_key, BOOK, job.kind.value, title, subtitle, json.dumps(authors, ensure_ascii=False),
            language, date, decade(date), json.dumps(job.inputs, ensure_ascii=False), words,
            sort_key(title) or sort_key(job.id), series,
        ),
    )  # fmt: skip
    book = cursor.lastrowid
    assert book is not None  # an INSERT into a rowid table
    connection.executemany(
        "INSERT OR IGNORE INTO authors VALUES (?, ?, ?)", ((book, sort_key(name, name=True), name) for name in authors)
    )
    pieces = passages(text)
    title_words, authors_words, series_words = _indexed(title, subtitle, authors, series)
    connection.execute(
        "INSERT INTO texts (rowid, title, authors, body, series) VALUES (?, ?, ?, ?, ?)",
        (book, title_words, authors_words, "".join(pieces), series_words),
    )
    first, _ = passage_range(book)
    connection.executemany(
        "INSERT INTO passages (rowid, text) VALUES (?, ?)", ((first + n, piece) for n, piece in enumerate(pieces))
    )


PASSAGE_CHARS = 1200
PASSAGE_BITS = 20
"""Passages a book may have: 2**20 of ``PASSAGE_CHARS`` is a gigabyte, far past any page limit."""


def passage_range(book: int) -> tuple[int, int]:
    """The rowids of a book's passages, first and last."""
    return book << PASSAGE_BITS, (book << PASSAGE_BITS) + (1 << PASSAGE_BITS) - 1


def passages(text: str) -> list[str]:
    """``text`` in pieces of about ``PASSAGE_CHARS``, cut after a line or else a space (a
    word is never split, unless longer than a passage); joined, they are ``text`` again."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > PASSAGE_CHARS:
        end = start + PASSAGE_CHARS
        cut = text.rfind("\n", start + PASSAGE_CHARS // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + PASSAGE_CHARS // 2, end)
        cut = end if cut < 0 else cut + 1
        pieces.append(text[start:cut])
        start = cut
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces[: 1 << PASSAGE_BITS]


def _indexed(title: str, subtitle: str | None, authors: tuple[str, ...], series: str | None) -> tuple[str, str, str]:
    """A book's title, authors and series as ``texts`` indexes them (what deleting its row must
    give again). A series is a column of its own, not folded into the title: it is shared by
    every text of the series and says less of this one than its own title does, so its words
    weigh less (``library_query._WEIGHTS``), and it does not lengthen the title, which would
    weaken every title word's bm25. A series that only repeats the title (a work's index often
    names the work as its collection) is left out, so the title's words are not counted twice."""
    named = " ".join(filter(None, (title, subtitle)))
    if series is None or series.strip().casefold() in (title.strip().casefold(), named.strip().casefold()):
        series = ""
    return named, " ; ".join(authors), series


def save_other(connection: sqlite3.Connection, job: Job, made_key: str, status: str, cause: str) -> None:
    """A job that is no book (``SKIPPED``) or could not be read (``FAILED``), kept so that an
    unchanged page is not read again to learn the same."""
    remove(connection, (job.id,))
    connection.execute(
        "INSERT INTO books (key, made_key, status, kind, pages, cause) VALUES (?, ?, ?, ?, ?, ?)",
        (job.id, made_key, status, job.kind.value, json.dumps(job.inputs, ensure_ascii=False), cause),
    )


def decade(date: str | None) -> int | None:
    """1990 for "1994-05-01" or "1994"; None for no date, or one with no year first."""
    if date is None or len(date) < 4 or not date[:4].isdigit():
        return None
    return int(date[:4]) // 10 * 10
