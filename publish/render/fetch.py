"""The only way WeasyPrint may load anything: local files under folders we allow.

Rendering must never reach the network nor read outside the input's own folder (plus the
installed styles and fonts); every other URL is refused and recorded for a diagnostic. A file
is read here, never by WeasyPrint's own opener: only a regular file (a FIFO named like a
picture would block the layout for ever), and only up to a cap (the picture limit beside the
input; the styles' and fonts' folders, which the user or the installation chose, get room for
a CJK face).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from publish.bounded_read import read_limited
from publish.errors import PublishError
from publish.limits import DEFAULT, MIB, Limits
from publish.urls import split, unquote

INSTALLED_BYTES = 64 * MIB
"""A stylesheet or font from the styles' or fonts' folders (the CJK face is 16 MB)."""


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self, allowed: tuple[Path, ...], *, pictures: Path | None = None, limits: Limits = DEFAULT) -> None:
        """``allowed``: the folders files may come from; ``pictures``: the one of them that
        is the input's (its files are capped at ``limits.picture_bytes``)."""
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(path.resolve() for path in allowed)
        self.pictures = pictures.resolve() if pictures is not None else None
        self.limits = limits
        self.refused: list[str] = []
        self.unread: list[str] = []
        """Why an allowed file was not read ("PATH: a FIFO, not a regular file"), for a diagnostic."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = split(url)
        if parts is None:
            self.refused.append(url)  # a malformed address: refused like any other it may not load
            raise ValueError(f"refused to load {url}: a malformed address")
        if parts.scheme == "data":
            return super().fetch(url, headers)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not self._allowed(path):
            self.refused.append(url)
            raise ValueError(f"refused to load {url}: only files beside the input may be used")
        try:
            data = read_limited(path, self._cap(path), what="picture", follow=False)
        except PublishError as error:
            self.unread.append(str(error))
            raise ValueError(str(error)) from error
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": kind})

    def _cap(self, path: Path) -> int:
        inside = self.pictures is not None and (path == self.pictures or self.pictures in path.parents)
        return self.limits.picture_bytes if inside else max(INSTALLED_BYTES, self.limits.picture_bytes)

    def _allowed(self, path: Path) -> bool:
        return any(path == root or root in path.parents for root in self.roots)
