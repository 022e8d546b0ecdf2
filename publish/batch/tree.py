"""The archive folder as a batch sees it: its pages, and what each one holds.

Pages are ``.htm`` and ``.html`` files (and ``.txt`` copies when asked), found by walking the
folder in a fixed order, never following a link out of it, never opening what is not a
regular file (a FIFO would block the run). A page's content hash is what the manifest keys
on; hashing a large mirror on every run would cost more than the run, so a page whose size,
modification time, change time and inode are those recorded is taken to hold what it held,
as git's index does; a page modified too recently to be sure of ("racy") is hashed again.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from publish.bounded_read import open_regular
from publish.errors import PublishError

HTML_SUFFIXES = (".htm", ".html")
TEXT_SUFFIX = ".txt"
_RACY_NS = 2_000_000_000
"""A file changed this close to the moment it was hashed may change again unseen by its stat."""


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    """Relative to the archive folder, with ``/`` between parts."""
    regular: bool
    size: int = 0
    mtime_ns: int = 0
    ctime_ns: int = 0
    inode: int = 0

    @property
    def signature(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


@dataclass(frozen=True, slots=True)
class Known:
    """What the manifest remembers of a page: its stat signature when hashed, and the hash."""

    signature: tuple[int, int, int, int]
    hashed_ns: int
    digest: str


def walk(root: Path, *, text: bool = False, exclude: Path | None = None) -> Iterator[Entry]:
    """Every page under ``root``, sorted by path; hidden folders and ``exclude`` (the output
    folder, when it lies inside the archive) are not entered."""
    suffixes = (*HTML_SUFFIXES, TEXT_SUFFIX) if text else HTML_SUFFIXES
    top = str(root.resolve())
    skip = str(exclude.resolve()) if exclude is not None else None
    yield from _walk(top, top, "", suffixes, skip)


def _walk(top: str, folder: str, prefix: str, suffixes: tuple[str, ...], skip: str | None) -> Iterator[Entry]:
    """Strings and ``os.scandir``'s own stat, not ``pathlib``: a mirror has a hundred thousand
    pages, and a run with nothing to do is mostly this walk."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.path != skip:
                yield from _walk(top, entry.path, f"{prefix}{entry.name}/", suffixes, skip)
        elif entry.name.lower().endswith(suffixes):
            found = _entry(top, entry, f"{prefix}{entry.name}")
            if found is not None:
                yield found


def _entry(top: str, entry: os.DirEntry[str], relative: str) -> Entry | None:
    """The page, or None for a link that leaves the archive folder or leads nowhere."""
    try:
        info = entry.stat()
        if entry.is_symlink() and not os.path.realpath(entry.path).startswith(top + os.sep):
            return None
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return Entry(path=relative, regular=False)
    return Entry(
        path=relative,
        regular=True,
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        ctime_ns=info.st_ctime_ns,
        inode=info.st_ino,
    )


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_hash(root: Path, entry: Entry, known: Known | None) -> tuple[str, Known] | None:
    """The page's hash, from ``known`` when its stat is unchanged and was not racy, else from
    its bytes; None if it cannot be read (it vanished, or is unreadable)."""
    if known is not None and known.signature == entry.signature and entry.mtime_ns < known.hashed_ns - _RACY_NS:
        return known.digest, known
    hashed_ns = time.time_ns()
    try:
        value = _file_digest(root / entry.path)
    except (OSError, PublishError):
        return None
    return value, Known(signature=entry.signature, hashed_ns=hashed_ns, digest=value)


def _file_digest(path: Path) -> str:
    """``digest`` of the file's bytes, read in pieces: a page over the size limit is still
    hashed in bounded memory (reading it is then refused, with its size, by the survey), and a
    page swapped for a FIFO since the walk is refused, not waited on (``open_regular``)."""
    hasher = hashlib.blake2b(digest_size=16)
    handle = open_regular(path)  # a link inside the archive is a page (the walk left out those that leave it)
    try:
        while chunk := os.read(handle, 1 << 20):
            hasher.update(chunk)
    finally:
        os.close(handle)
    return hasher.hexdigest()
