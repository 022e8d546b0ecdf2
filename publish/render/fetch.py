"""The only way WeasyPrint may load anything: local files under folders we allow.

Rendering must never reach the network nor read outside the input's own folder (plus the
installed styles and fonts); every other URL is refused and recorded for a diagnostic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from weasyprint.urls import URLFetcher

from publish.urls import split, unquote


class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self, allowed: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(path.resolve() for path in allowed)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = split(url)
        if parts is None:
            pass  # a malformed address: refused like any other it may not load
        elif parts.scheme == "data" or (parts.scheme == "file" and self._allowed(Path(unquote(parts.path)))):
            return super().fetch(url, headers)
        self.refused.append(url)
        raise ValueError(f"refused to load {url}: only files beside the input may be used")

    def _allowed(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved == root or root in resolved.parents for root in self.roots)
