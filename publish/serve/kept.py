"""Pages answered from memory: the listings, searches and OPDS feeds of ``publish serve``.

Under load nearly every request is one of a few listing or search pages, the same for every
visitor but for two things: their form token and the size of their basket. Such a page is
rendered once per address while the catalogue is unchanged, kept as bytes with two slots, and
answered by ``answer`` straight from the ASGI scope, before any routing or request object:
that path costs a dictionary look-up, an HMAC and one write, where the full path through the
framework, the query and the template cost over two milliseconds for an OPDS feed.

The headers every page of the site carries (``HEADERS``) and the session cookie
(``cookie_header``) are made here, once, for both paths, so a kept page is answered exactly as
its first rendering was.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import cookie_parser

COOKIE = "publish_session"
COOKIE_DAYS = 30
TOKEN_SLOT = "\ue000token\ue000"
BASKET_SLOT = "\ue000basket\ue000"
"""Where a kept page takes the visitor's own form token and basket count (private-use
characters, which no page of the catalogue holds: the readers drop them from no text, but a
kept page is split on the two whole slots only)."""
KEPT_PAGES = 256
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)
_SLOTS = re.compile(f"({re.escape(TOKEN_SLOT)}|{re.escape(BASKET_SLOT)})")

Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Address = tuple[str, bytes, str]
"""A page's path and raw query string, as the ASGI scope holds them, and the site's language."""


def language_headers(language: str) -> dict[str, str]:
    """A page in the site's language (``site_language``): a cache keeps one per language, and
    one per visitor (their token and basket are on it)."""
    return {"content-language": language.replace("_", "-"), "vary": "Accept-Language, Cookie"}


def cookie_header(sid: str) -> bytes:
    """The ``Set-Cookie`` value that gives a browser its session: script cannot read it, and
    no other site's page sends it."""
    return f"{COOKIE}={sid}; HttpOnly; Max-Age={COOKIE_DAYS * 86400}; Path=/; SameSite=strict".encode()


def session_cookie(header: str | None) -> str | None:
    """The session id a ``Cookie`` header carries, if any."""
    if not header or COOKIE not in header:
        return None
    return cookie_parser(header).get(COOKIE)  # as Starlette's ``request.cookies`` reads it


@dataclass(frozen=True, slots=True)
class KeptPage:
    generation: int
    """The catalogue's generation it was rendered from: any other is a stale page."""
    headers: tuple[tuple[bytes, bytes], ...]
    """Its content type and, for a page in the site's language, that language; then the
    site's own ``HEADERS``: all but the length and the cookie, made once."""
    pieces: tuple[bytes | str, ...]
    """The page's bytes, with ``TOKEN_SLOT`` or ``BASKET_SLOT`` (``str``) between them."""

    @classmethod
    def of(cls, generation: int, content_type: str, text: str | bytes, language: str) -> KeptPage:
        """``text`` with its slots; bytes (a feed, whose words are English) have none."""
        own = {"content-type": content_type}
        if isinstance(text, bytes):
            pieces: tuple[bytes | str, ...] = (text,)
        else:
            pieces = tuple(piece if number % 2 else piece.encode() for number, piece in enumerate(_SLOTS.split(text)))
            own |= language_headers(language)
        return cls(generation, (*((name.encode(), value.encode()) for name, value in own.items()), *HEADERS), pieces)

    def body(self, token: str, basket: int) -> bytes:
        if len(self.pieces) == 1:
            return self.pieces[0] if isinstance(self.pieces[0], bytes) else b""
        values = {TOKEN_SLOT: token.encode(), BASKET_SLOT: str(basket).encode()}
        return b"".join(piece if isinstance(piece, bytes) else values[piece] for piece in self.pieces)


class KeptPages:
    """At most ``size`` pages, the least recently asked dropped first; safe across threads
    (pages are made on threads of their own)."""

    def __init__(self, size: int = KEPT_PAGES) -> None:
        self._size = size
        self._pages: OrderedDict[Address, KeptPage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, address: Address, generation: int) -> KeptPage | None:
        with self._lock:
            page = self._pages.get(address)
            if page is None or page.generation != generation:
                return None
            self._pages.move_to_end(address)
            return page

    def put(self, address: Address, page: KeptPage) -> None:
        with self._lock:
            self._pages[address] = page
            self._pages.move_to_end(address)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)


async def answer(page: KeptPage, send: Send, *, sid: str, token: str, basket: int, new_session: bool) -> None:
    """Send ``page`` as a whole response, with the site's headers and, for a new visitor, the
    session cookie."""
    body = page.body(token, basket)
    headers = [*page.headers, (b"content-length", str(len(body)).encode())]
    if new_session:
        headers.append((b"set-cookie", cookie_header(sid)))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
