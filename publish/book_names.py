"""What a book is called on disk: one rule for ``publish epub``/``pdf`` and ``publish batch``.

A work is named for itself, not for its index page: its folder ("…/1883/lazy" -> "lazy"), or
its index's name where the work shares a folder ("…/xx/eec-index.html" -> "eec"), or, in a
flattened copy of the archive, the folder the flattened name stands for
("archive__lafargue__1883__lazy__index.htm" -> "archive__lafargue__1883__lazy"). So a book made
from ``zombiecap/index.htm`` is ``zombiecap.epub`` whichever command made it.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import PurePosixPath

_INDEX = re.compile(r"[-_]?index$", re.IGNORECASE)


def work_stem(index: PurePosixPath) -> str | None:
    """The work's name as a path without suffix (its folder, or beside its index); None when the
    index is ``index.htm`` at the top of a relative path, whose folder has no name to give."""
    name = index.name.split("__")[-1]
    prefix = index.name[: -len(name)]
    stem = _INDEX.sub("", PurePosixPath(name).stem)
    if stem:
        return (index.parent / f"{prefix}{stem}").as_posix()
    if prefix:
        return (index.parent / prefix.rstrip("_")).as_posix()
    return index.parent.as_posix() if index.parent.name else None


NAME_BYTES = 255
"""The longest file name (in bytes) ext4, XFS, Btrfs, APFS and NTFS all take."""
_FALLBACK = "book"


def size(text: str) -> int:
    """How many bytes ``text`` takes as a file name (a character the file system cannot take
    counted at its widest)."""
    try:
        return len(os.fsencode(text))
    except UnicodeError:
        return len(text.encode("utf-8", "surrogatepass"))


def cut(text: str, budget: int) -> str:
    """``text``'s longest beginning that takes at most ``budget`` bytes on disk, cut between
    characters (never inside one's UTF-8 bytes), so the name stays readable."""
    if size(text) <= budget:
        return text
    used = 0
    for index, character in enumerate(text):
        used += size(character)
        if used > budget:
            return text[:index]
    return text


def file_name(stem: str, suffix: str, *, budget: int = NAME_BYTES) -> str:
    """The file a book is written to: ``stem`` + ``suffix``, never hidden and never too long.

    A name derived from a folder (``/``), a dotfile or a long title would otherwise be a hidden
    ``.epub`` or fail with "File name too long" after the book was made.
    """
    clean = stem.replace("/", "-").replace("\0", "").lstrip(". \t\n") or _FALLBACK
    return shortened(clean, suffix, budget=budget) + suffix


def shortened(stem: str, suffix: str, *, budget: int = NAME_BYTES) -> str:
    """``stem``, or, when it would not fit ``budget`` bytes with ``suffix``, its beginning and a
    short digest of the whole: two long titles that begin alike still make two files."""
    if size(stem + suffix) <= budget:
        return stem
    digest = "-" + hashlib.sha1(stem.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return cut(stem, budget - size(suffix + digest)).rstrip(" .-") + digest


def fitted_stem(stem: str, longest_suffix: str, *, budget: int = NAME_BYTES) -> str:
    """A batch book's stem (a path, "a/b/name") whose last part fits ``budget`` bytes with the
    longest suffix its files take; the folders are the archive's own, and fit already."""
    folder, slash, name = stem.rpartition("/")
    return f"{folder}{slash}{shortened(name, longest_suffix, budget=budget)}"
