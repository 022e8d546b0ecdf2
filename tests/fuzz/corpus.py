"""The real archive pages the fuzz suite mutates: single pages, and whole multi-page works."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SMALL = 15_000
"""Pages up to this size are most of the cases: tens of milliseconds each to read and make an EPUB."""

WORK_PREFIXES = (
    "archive__lafargue__1883__lazy__",
    "archive__marx__works__1875__gotha__",
    "archive__mariateg__works__7-interpretive-essays__",
)
"""The corpus's three complete works (7, 7 and 11 files), each an index page and its chapters."""


@dataclass(frozen=True, slots=True)
class Work:
    name: str
    files: tuple[tuple[str, bytes], ...]
    """The work's files by their names in the work's folder (``index.htm`` among them)."""

    def __repr__(self) -> str:  # a failing case names the work, not its 700 KB
        return f"Work({self.name!r})"

    def write(self, folder: Path, files: dict[str, bytes | None] | None = None) -> Path:
        """The work in ``folder`` (``files`` in place of its own; None: that file is absent); its index."""
        for name, data in (files if files is not None else dict(self.files)).items():
            if data is not None:
                (folder / name).write_bytes(data)
        return folder / "index.htm"


def small_pages(root: Path, largest: int | None = SMALL) -> dict[str, bytes]:
    """The corpus's pages (``mia`` and the plain-text ``seed``) up to ``largest`` bytes, by name."""
    found = sorted([*(root / "mia").glob("*.htm*"), *(root / "seed").glob("*.txt")])
    return {path.name: path.read_bytes() for path in found if largest is None or path.stat().st_size <= largest}


def works(root: Path) -> tuple[Work, ...]:
    result = []
    for prefix in WORK_PREFIXES:
        files = sorted((root / "mia").glob(prefix + "*"))
        if files:
            result.append(
                Work(prefix.strip("_"), tuple((path.name[len(prefix) :], path.read_bytes()) for path in files))
            )
    return tuple(result)
