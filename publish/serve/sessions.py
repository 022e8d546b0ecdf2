"""A visitor's session for ``publish serve``: their basket and the token their forms carry.

The basket lives on the server, in SQLite beside the catalogue, under a random session id the
browser keeps in a cookie (``HttpOnly``, ``SameSite=Strict``): no signing key to manage, nothing
a visitor can forge but an id, which is 256 random bits. Every form carries the session's own
token (compared in constant time), so another site cannot post into a visitor's basket even
where a browser ignores ``SameSite``.

Bounded everywhere: a basket holds at most ``MAX_ITEMS`` texts, a title or author line
``MAX_LINE`` characters, and the store at most ``MAX_SESSIONS`` sessions (the least recently
seen go first), each forgotten ``IDLE_DAYS`` after its last visit.
"""

from __future__ import annotations

import hmac
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from publish.errors import PublishError

MAX_ITEMS = 60
MAX_LINE = 300
MAX_SESSIONS = 10_000
IDLE_DAYS = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, token TEXT NOT NULL, basket TEXT NOT NULL, seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_seen ON sessions (seen);
"""


@dataclass(frozen=True, slots=True)
class Basket:
    keys: tuple[str, ...] = ()
    """The texts, in the book's order: each a book's key in the catalogue."""
    title: str = ""
    author: str = ""

    def add(self, key: str) -> Basket:
        if key in self.keys:
            return self
        if len(self.keys) >= MAX_ITEMS:
            raise PublishError("basket", f"holds at most {MAX_ITEMS} texts: make this book, then start another")
        return replace(self, keys=(*self.keys, key))

    def remove(self, key: str) -> Basket:
        return replace(self, keys=tuple(k for k in self.keys if k != key))

    def move(self, key: str, step: int) -> Basket:
        """``key`` one place earlier (``step`` -1) or later (+1); at an end it stays."""
        if key not in self.keys:
            return self
        keys = list(self.keys)
        here = keys.index(key)
        there = max(0, min(len(keys) - 1, here + step))
        keys.insert(there, keys.pop(here))
        return replace(self, keys=tuple(keys))

    def named(self, title: str, author: str) -> Basket:
        return replace(self, title=_line(title, "title"), author=_line(author, "author"))

    def to_json(self) -> str:
        return json.dumps({"keys": list(self.keys), "title": self.title, "author": self.author})

    @classmethod
    def from_json(cls, text: str) -> Basket:
        data = json.loads(text)
        return cls(keys=tuple(str(key) for key in data["keys"]), title=str(data["title"]), author=str(data["author"]))


def _line(text: str, what: str) -> str:
    line = " ".join(text.split())
    if len(line) > MAX_LINE:
        raise PublishError(what, f"is {len(line)} characters long; at most {MAX_LINE}")
    return line


class Sessions:
    """The store: one connection, used under a lock (a request touches it for microseconds)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def open(self, sid: str | None) -> tuple[str, str]:
        """The session ``sid`` names, or a new one: its id and its form token."""
        now = time.time()
        with self._lock:
            if sid:
                row = self._db.execute("SELECT token FROM sessions WHERE id = ?", (sid,)).fetchone()
                if row is not None:
                    self._db.execute("UPDATE sessions SET seen = ? WHERE id = ?", (now, sid))
                    return sid, str(row[0])
            sid, token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            self._db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?)", (sid, token, Basket().to_json(), now))
            self._forget(now)
            return sid, token

    def _forget(self, now: float) -> None:
        self._db.execute("DELETE FROM sessions WHERE seen < ?", (now - IDLE_DAYS * 86400,))
        self._db.execute(
            "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY seen DESC LIMIT -1 OFFSET ?)",
            (MAX_SESSIONS,),
        )

    def basket(self, sid: str) -> Basket:
        with self._lock:
            row = self._db.execute("SELECT basket FROM sessions WHERE id = ?", (sid,)).fetchone()
        return Basket.from_json(row[0]) if row is not None else Basket()

    def save(self, sid: str, basket: Basket) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE sessions SET basket = ?, seen = ? WHERE id = ?", (basket.to_json(), time.time(), sid)
            )

    def check(self, sid: str, token: str) -> bool:
        """The form's token is this session's (constant time: the comparison leaks nothing)."""
        with self._lock:
            row = self._db.execute("SELECT token FROM sessions WHERE id = ?", (sid,)).fetchone()
        return row is not None and hmac.compare_digest(str(row[0]).encode(), token.encode())

    def close(self) -> None:
        with self._lock:
            self._db.close()
