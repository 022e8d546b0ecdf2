"""The EPUB package: ebooklib makes the package documents, ``ocf`` zips them.

Kept apart from the book's pages (``epub``): this is the one place that knows how ebooklib
writes, and the one that puts the book's language on ``<package>`` as well as in the metadata.
"""

from __future__ import annotations

from datetime import datetime

from ebooklib import epub
from lxml import etree

from publish.render import ocf


class _Files:
    """Stands in for the zip ebooklib writes into, keeping each file as it is written."""

    def __init__(self) -> None:
        self.files: list[tuple[str, bytes]] = []

    def writestr(self, name: str, data: str | bytes, compress_type: int | None = None) -> None:
        self.files.append((name, data.encode("utf-8") if isinstance(data, str) else data))

    def close(self) -> None:
        pass


class _Writer(epub.EpubWriter):  # type: ignore[misc]  # ebooklib has no type hints
    """ebooklib makes the package documents (OPF, NCX, nav); ``ocf`` writes the zip.

    ``write`` takes ebooklib 0.20's steps into ``_Files`` instead of a ``zipfile``: zipping
    once, not zipping and reading back, and with what a reproducible build needs (see ``ocf``).
    """

    def write(self) -> None:
        self.out = _Files()
        self.out.writestr("mimetype", "application/epub+zip")
        self._write_container()
        self._write_opf()
        self._write_items()


def write_package(book: epub.EpubBook, modified: datetime, language: str) -> bytes:
    writer = _Writer("", book, {"mtime": modified, "epub3_pages": False, "spine_direction": False})
    writer.process()
    writer.write()
    # The package's language goes on <package> too, where reading systems and Ace look for it.
    files = [
        (name, _with_package_language(data, language) if name.endswith(".opf") else data)
        for name, data in writer.out.files
    ]
    return ocf.package(files, modified)


def _with_package_language(opf: bytes, language: str) -> bytes:
    root = etree.fromstring(opf)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
