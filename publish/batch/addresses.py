"""Where the library's files are, and the books both catalogues list (the HTML ``catalogue`` and
the OPDS feeds, ``opds``): one set of addresses, so a page and a feed never disagree on a path.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path, PurePosixPath

from publish.batch.manifest import LibraryBook
from publish.urls import quote

ROOT = "catalog.xml"
FOLDER = "opds"
AUTHORS = "opds/authors.xml"
LANGUAGES = "opds/languages.xml"
ANONYMOUS = "No author named"


@dataclass(frozen=True, slots=True)
class Item:
    """A book with the sizes of those of its files that are on disk: stat'ed once, then listed
    by every feed and page it belongs to. A file the manifest names but the disk lacks is left
    out rather than linked, so no catalogue ever links to nothing."""

    book: LibraryBook
    sizes: Mapping[str, int]

    @classmethod
    def of(cls, out: Path, book: LibraryBook) -> Item:
        sizes: dict[str, int] = {}
        for paths in book.files.values():
            for path in paths:
                pure = PurePosixPath(path)
                if pure.is_absolute() or ".." in pure.parts:
                    continue  # never look outside the output folder
                with contextlib.suppress(OSError):
                    sizes[path] = os.stat(out / pure).st_size
        return cls(book, sizes)

    def file(self, kind: str, index: int = 0) -> str | None:
        """A file of the book ("epub", "pdf"; "cover" 0 the cover, 1 its thumbnail), if on disk."""
        paths = self.book.files.get(kind, ())
        return paths[index] if len(paths) > index and paths[index] in self.sizes else None

    @property
    def language(self) -> str:
        return str(self.book.entry.get("language") or "")

    @property
    def title(self) -> str:
        return str(self.book.entry.get("title") or PurePosixPath(self.book.stem).name)

    @property
    def authors(self) -> list[str]:
        return [str(name) for name in self.book.entry.get("authors") or ()]


def href(target: str, here: str) -> str:
    """``target`` (a file's path in the output folder) as seen from the folder ``here`` (""
    for the output folder itself). Both are clean relative paths, so this is plain counting,
    without ``posixpath.relpath``'s trips to the working directory for every link."""
    folders = here.split("/") if here else []
    parts = target.split("/")
    common = 0
    while common < min(len(folders), len(parts) - 1) and folders[common] == parts[common]:
        common += 1
    return quote("/".join([".."] * (len(folders) - common) + parts[common:]))


def author_slug(key: str) -> str:
    """A file name for an author's sort key: "harman chris" -> "harman-chris". A key that is not
    plain ASCII, or is long, gets a hash (after "_", which a plain slug never has) so that two
    keys never share a file."""
    if not key:
        return "_anonymous"
    plain = re.sub(r"[^a-z0-9]+", "-", key).strip("-")
    if plain == key.replace(" ", "-") and len(plain) <= 60:
        return plain
    return f"{plain[:40]}_{sha1(key.encode()).hexdigest()[:10]}"


def language_slug(tag: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "", tag) or "und"


def author_feed(key: str) -> str:
    return f"{FOLDER}/authors/{author_slug(key)}.xml"


def language_feed(tag: str) -> str:
    return f"{FOLDER}/languages/{language_slug(tag)}.xml"


def author_name(item: Item) -> str:
    """How a shelf of books is named: its first book's first author (the sort key the shelf
    is grouped by comes from that name)."""
    return item.authors[0] if item.book.author_key and item.authors else ANONYMOUS
