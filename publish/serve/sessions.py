"""A visitor's session for ``publish serve``: their basket and the token their forms carry.

The basket lives on the server, in SQLite beside the catalogue, under a random session id the
browser keeps in a cookie (``HttpOnly``, ``SameSite=Strict``): 256 random bits, nothing a visitor
could guess. Every form carries the session's own token, an HMAC of its id under the store's
secret (compared in constant time), so another site cannot post into a visitor's basket even
where a browser ignores ``SameSite``.

Bounded everywhere: a basket holds at most ``MAX_ITEMS`` texts, a title or author line
``MAX_LINE`` characters, and the store at most ``MAX_SESSIONS`` sessions (the least recently
seen go first), each forgotten ``IDLE_DAYS`` after its last visit.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

from publish.render.translations import N_
from publish.serve.refusals import RefusedError

MAX_ITEMS = 60
MAX_LINE = 300
MAX_SESSIONS = 10_000
KEPT_BASKETS = 4096
IDLE_DAYS = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, basket TEXT NOT NULL, seen REAL NOT NULL);
CREATE INDEX IF NOT EXISTS sessions_seen ON sessions (seen);
"""
_ID = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``secrets.token_urlsafe(32)`` makes: any other cookie value is not an id of ours."""


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
            message = N_("The basket holds at most %(count)s texts: make this book, then start another.")
            raise RefusedError("basket", message, count=str(MAX_ITEMS))
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


_TOO_LONG = {
    "title": N_("The title is %(length)s characters long; at most %(limit)s."),
    "author": N_("The author line is %(length)s characters long; at most %(limit)s."),
}


def _line(text: str, what: str) -> str:
    line = " ".join(text.split())
    if len(line) > MAX_LINE:
        raise RefusedError(what, _TOO_LONG[what], length=str(len(line)), limit=str(MAX_LINE))
    return line


class Sessions:
    """The store. Reading a page writes nothing: a new visitor's id is made up on the spot and
    its token is an HMAC of the id under the store's own secret (kept in the database), so a
    form's token is checked without a lookup, and a session is written only when its basket is
    saved. One connection, under a lock (a request holds it for microseconds). The baskets last
    asked or saved are also kept in memory (``KEPT_BASKETS``), so a page view with a cookie reads
    no database: this process is the store's only writer."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        if "token" in columns:  # the first layout kept a token per session: baskets of a day, dropped
            self._db.execute("DROP TABLE sessions")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        row = self._db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('secret', ?)", (secrets.token_hex(32),))
            row = self._db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
        self._secret = bytes.fromhex(str(row[0]))
        self._saves = 0
        self._kept: OrderedDict[str, Basket] = OrderedDict()

    def open(self, sid: str | None) -> tuple[str, str]:
        """The session ``sid`` names (any id this server could have made), or a new one: its
        id and its form token."""
        if sid is None or not _ID.fullmatch(sid):
            sid = secrets.token_urlsafe(32)
        return sid, self._token(sid)

    def _token(self, sid: str) -> str:
        return hmac.new(self._secret, sid.encode(), "sha256").hexdigest()

    def basket(self, sid: str) -> Basket:
        with self._lock:
            kept = self._kept.get(sid)
            if kept is not None:
                self._kept.move_to_end(sid)
                return kept
            row = self._db.execute("SELECT basket FROM sessions WHERE id = ?", (sid,)).fetchone()
            basket = Basket.from_json(row[0]) if row is not None else Basket()
            self._keep(sid, basket)
            return basket

    def _keep(self, sid: str, basket: Basket) -> None:
        self._kept[sid] = basket
        self._kept.move_to_end(sid)
        while len(self._kept) > KEPT_BASKETS:
            self._kept.popitem(last=False)

    def save(self, sid: str, basket: Basket) -> None:
        now = time.time()
        with self._lock:
            values = (sid, basket.to_json(), now)
            self._db.execute("INSERT OR REPLACE INTO sessions (id, basket, seen) VALUES (?, ?, ?)", values)
            self._keep(sid, basket)
            self._saves += 1
            if self._saves % 100 == 1:
                self._forget(now)

    def _forget(self, now: float) -> None:
        self._kept.clear()  # some of them may be forgotten now
        self._db.execute("DELETE FROM sessions WHERE seen < ?", (now - IDLE_DAYS * 86400,))
        self._db.execute(
            "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY seen DESC LIMIT -1 OFFSET ?)",
            (MAX_SESSIONS,),
        )

    def check(self, sid: str, token: str) -> bool:
        """The form's token is this session's (constant time: the comparison leaks nothing)."""
        return hmac.compare_digest(self._token(sid).encode(), token.encode())

    def close(self) -> None:
        with self._lock:
            self._db.close()
