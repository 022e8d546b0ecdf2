"""Every URL publish reads goes through here, so a malformed one is a value, never an exception.

``urllib.parse`` raises ``ValueError`` for addresses a page may well hold (``http://[::1`` is
"Invalid IPv6 URL", ``http://x:port/`` a port that is no number), and one such ``href`` in a
chapter used to end the whole run. Here ``split`` and ``join`` answer ``None`` for them instead,
and callers treat the link as words without a target (diagnostic N050, ``model_repair``).
Importing ``urllib.parse`` anywhere else is refused by ruff (TID251), so this cannot come back.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit
from urllib.parse import quote as _quote
from urllib.parse import unquote as _unquote

__all__ = ["SplitResult", "is_wellformed", "join", "quote", "split", "unquote"]


def split(url: str) -> SplitResult | None:
    """``url``'s parts, or None when no parser could agree on them (a broken host or port)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - the port is checked only when asked for: ask, so a bad one shows here
    except ValueError:
        return None
    return parts


def is_wellformed(url: str) -> bool:
    return split(url) is not None


def join(base: str, target: str) -> str | None:
    """``target`` made absolute against ``base``, or None when either is malformed."""
    if split(base) is None or split(target) is None:
        return None
    try:
        return urljoin(base, target)
    except ValueError:
        return None


def unquote(text: str) -> str:
    """Percent-escapes decoded; bytes that are no UTF-8 become U+FFFD (it never raises)."""
    return _unquote(text)


def quote(text: str, safe: str = "/") -> str:
    """Characters outside ``safe`` and the unreserved set percent-escaped, as UTF-8."""
    return _quote(text, safe=safe)
