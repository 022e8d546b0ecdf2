"""The catalogue's questions, each one indexed SQL that pages: the web app's thread asks them
over its own read connection, while the builder may still be writing.

Search input comes from anyone: it is never passed to FTS5 as syntax. Its words are taken
out (letters and digits), each quoted, at most ``MAX_TERMS`` of them from the first
``MAX_QUERY_CHARS`` characters, so ``NEAR(``, ``"``, ``*``, ``AND`` or a NUL are words or
nothing, and a 10,000-character query is cut, not refused.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from publish.batch.manifest import sort_key
from publish.serve.library_db import BOOK, FAILED, passage_range
from publish.serve.library_types import MARK_END, MARK_START, BookRow, Facet, Page, Problem

MAX_QUERY_CHARS = 1000
MAX_TERMS = 16
MAX_LIMIT = 500
_TERM = re.compile(r"[^\W_]+")
_WEIGHTS = (10.0, 5.0, 1.0, 7.0)
"""bm25 weights of title, authors, body and series (``texts``' columns in order): a word in the
title outranks the same word in a text. A series' words ("Trade union leaders") say what a text
is about, as a title's do, and more than a name does, but they are the same for every text of
the series and say less of this one than its own title: between the two."""
_SNIPPET_TOKENS = 24
_COLUMNS = "b.key, b.kind, b.title, b.subtitle, b.authors, b.language, b.date, b.pages, b.words"


def fts_query(text: str) -> str | None:
    """The FTS5 query for what a user typed: every word must occur; None when there is no word."""
    terms = _TERM.findall(text[:MAX_QUERY_CHARS])[:MAX_TERMS]
    return " ".join(f'"{term}"' for term in terms) or None


def authors(connection: sqlite3.Connection) -> list[Facet]:
    """Authors by surname, as the batch catalogue shelves them; one name for each sort key."""
    rows = connection.execute("SELECT min(name), count(*) FROM authors GROUP BY sort_key ORDER BY sort_key")
    return [Facet(name, count) for name, count in rows]


def languages(connection: sqlite3.Connection) -> list[Facet]:
    rows = connection.execute(
        "SELECT language, count(*) FROM books WHERE status = ? AND language IS NOT NULL"
        " GROUP BY language ORDER BY language",
        (BOOK,),
    )
    return [Facet(name, count) for name, count in rows]


def decades(connection: sqlite3.Connection) -> list[Facet]:
    rows = connection.execute(
        "SELECT decade, count(*) FROM books WHERE status = ? AND decade IS NOT NULL GROUP BY decade ORDER BY decade",
        (BOOK,),
    )
    return [Facet(f"{decade}s", count) for decade, count in rows]


def books(
    connection: sqlite3.Connection,
    *,
    author: str | None,
    language: str | None,
    decade: str | None,
    offset: int,
    limit: int,
) -> Page[BookRow]:
    offset, limit = _bounds(offset, limit)
    joins, where, arguments = "", ["b.status = ?"], list[str | int]([BOOK])
    if author is not None:
        joins = " JOIN authors a ON a.book = b.id AND a.sort_key = ?"
        arguments.insert(0, sort_key(author, name=True))
    if language is not None:
        where.append("b.language = ?")
        arguments.append(language)
    if decade is not None:
        where.append("b.decade = ?")
        arguments.append(_decade(decade))
    tail = f"FROM books b{joins} WHERE {' AND '.join(where)}"
    total = connection.execute(f"SELECT count(*) {tail}", arguments).fetchone()[0]
    rows = connection.execute(
        f"SELECT {_COLUMNS} {tail} ORDER BY b.sort_title, b.key LIMIT ? OFFSET ?", [*arguments, limit, offset]
    )
    return Page(rows=tuple(_row(row) for row in rows), total=total, offset=offset, limit=limit)


def book(connection: sqlite3.Connection, key: str) -> BookRow | None:
    row = connection.execute(f"SELECT {_COLUMNS} FROM books b WHERE b.key = ? AND b.status = ?", (key, BOOK))
    found = row.fetchone()
    return _row(found) if found is not None else None


def search(connection: sqlite3.Connection, text: str, *, offset: int, limit: int) -> Page[BookRow]:
    offset, limit = _bounds(offset, limit)
    query = fts_query(text)
    if query is None:
        return Page(rows=(), total=0, offset=offset, limit=limit)
    total = connection.execute("SELECT count(*) FROM texts WHERE texts MATCH ?", (query,)).fetchone()[0]
    rows = connection.execute(
        f"SELECT {_COLUMNS}, b.id FROM texts JOIN books b ON b.id = texts.rowid"
        f" WHERE texts MATCH ? ORDER BY bm25(texts, {', '.join('?' * len(_WEIGHTS))}), b.key LIMIT ? OFFSET ?",
        (query, *_WEIGHTS, limit, offset),
    ).fetchall()
    any_term = " OR ".join(query.split(" "))
    found = tuple(_row(row[:-1], snippet=_snippet(connection, row[-1], any_term)) for row in rows)
    return Page(rows=found, total=total, offset=offset, limit=limit)


def _snippet(connection: sqlite3.Connection, book: int, any_term: str) -> str | None:
    """The passage of ``book`` that best matches any of the words, its matches marked; None
    when they are only in its title, authors or series."""
    low, high = passage_range(book)
    row = connection.execute(
        "SELECT snippet(passages, 0, ?, ?, '…', ?) FROM passages WHERE passages MATCH ? AND rowid BETWEEN ? AND ?"
        " ORDER BY rank LIMIT 1",
        (MARK_START, MARK_END, _SNIPPET_TOKENS, any_term, low, high),
    ).fetchone()
    return str(row[0]) if row is not None else None


def problems(connection: sqlite3.Connection, *, offset: int, limit: int) -> Page[Problem]:
    offset, limit = _bounds(offset, limit)
    total = connection.execute("SELECT count(*) FROM books WHERE status = ?", (FAILED,)).fetchone()[0]
    rows = connection.execute(
        "SELECT key, cause FROM books WHERE status = ? ORDER BY key LIMIT ? OFFSET ?", (FAILED, limit, offset)
    )
    return Page(rows=tuple(Problem(key, cause or "") for key, cause in rows), total=total, offset=offset, limit=limit)


def _row(row: tuple[Any, ...], *, snippet: str | None = None) -> BookRow:
    key, kind, title, subtitle, names, language, date, pages, words = row
    return BookRow(
        key=key,
        kind=kind,
        title=title,
        subtitle=subtitle,
        authors=tuple(json.loads(names)),
        language=language,
        date=date,
        pages=tuple(json.loads(pages)),
        words=words,
        snippet=snippet,
    )


def _bounds(offset: int, limit: int) -> tuple[int, int]:
    """A page within reason whatever a URL asked: no negative offset, at most ``MAX_LIMIT`` rows."""
    return max(0, int(offset)), min(max(0, int(limit)), MAX_LIMIT)


def _decade(name: str) -> int:
    """1990 for "1990s" or "1990" (a decade ``decades`` named); -1, which no book has, for anything else."""
    digits = name.removesuffix("s")
    return int(digits) if digits.isdigit() and len(digits) <= 6 else -1


FacetQuery = Callable[[sqlite3.Connection], list[Facet]]
