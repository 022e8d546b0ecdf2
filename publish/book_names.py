"""What a book is called on disk: one rule for ``publish epub``/``pdf`` and ``publish batch``.

A work is named for itself, not for its index page: its folder ("…/1883/lazy" -> "lazy"), or
its index's name where the work shares a folder ("…/xx/eec-index.html" -> "eec"), or, in a
flattened copy of the archive, the folder the flattened name stands for
("archive__lafargue__1883__lazy__index.htm" -> "archive__lafargue__1883__lazy"). So a book made
from ``zombiecap/index.htm`` is ``zombiecap.epub`` whichever command made it.
"""

from __future__ import annotations

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
