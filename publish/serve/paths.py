"""The one gate between a URL and the disk: every file the server sends is found through here.

A URL's path is the visitor's, not ours: ``..``, an absolute path, a backslash (a separator
on Windows), a NUL, a percent-encoded ``..`` or ``/`` (once or twice encoded, for a layer
that decodes again), a symbolic link out of the folder, a FIFO or a device would each reach
a file the archive does not offer. Rather than clean such a path, ``inside`` refuses it: a
page's own links never need any of these. The path is decoded until it no longer changes,
so what is checked is what a decoder anywhere down the line would see; a file whose name
holds a literal ``%2e`` is therefore not served (the archive has none). Hidden files (a
segment that starts with ``.``: ``.git``, the cache's ``.publish``) are not served either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from publish.urls import unquote

MAX_PATH_CHARS = 4096
"""Longer than any path the archive has; past it the request is refused unread."""
_MAX_DECODES = 4
"""Rounds of percent-decoding before a path that still changes is refused (``%25252e``...)."""


def inside(root: Path, relative: str) -> Path | None:
    """The regular file ``relative`` (a URL's path, decoded or not) names inside ``root``,
    resolved, or None for anything else: see the module's docstring for what is refused."""
    decoded = _decoded(relative)
    if decoded is None or not _plain(decoded):
        return None
    try:
        base = root.resolve(strict=True)
        path = (base / decoded).resolve(strict=True)
        mode = os.stat(path).st_mode
    except (OSError, RuntimeError, ValueError):  # missing, a loop of links, a name too long
        return None
    if base not in path.parents or not stat.S_ISREG(mode):
        return None
    return path


def _decoded(text: str) -> str | None:
    """``text`` percent-decoded until it stops changing; None if it never does."""
    if len(text) > MAX_PATH_CHARS:
        return None
    for _ in range(_MAX_DECODES):
        decoded = unquote(text) if "%" in text else text
        if decoded == text:
            return text
        text = decoded
    return None


def _plain(path: str) -> bool:
    """Relative, forward slashes only, no control character, and every segment a plain name."""
    if not path or path.startswith("/") or "\\" in path or any(ord(char) < 0x20 or char == "\x7f" for char in path):
        return False
    if len(path) >= 2 and path[1] == ":":  # a Windows drive ("C:...") is an absolute path there
        return False
    return all(segment and not segment.startswith(".") for segment in path.split("/"))
