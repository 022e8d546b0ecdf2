"""Every input file is opened here: only if it is a regular file, and read only up to a cap.

A folder publish did not write may hold a FIFO named like a picture (reading it blocks for
ever), a device (``/dev/zero`` never ends) or a 2 GB "page". A path is therefore opened without
blocking (``O_NONBLOCK``, so a FIFO with no writer opens at once) and judged by ``fstat`` on
the open descriptor, not by a ``stat`` of the name beforehand, which a rename could change
between the look and the read. A regular file larger than its cap is refused before a byte is
read, and at most cap + 1 bytes are read in case it grows while being read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from publish.errors import PublishError
from publish.limits import MIB

_KINDS = {
    "page": ("a page", "--max-input-size", "max_input_size"),
    "picture": ("a picture", "--max-picture-size", "max_picture_size"),
    "cover": ("a cover", "", ""),
    "selection": ("a selection or project file", "", ""),
}
"""What a file is read as: its name in a refusal, and where its limit is raised (a cover's
and a selection's limits have no option: no real cover or list of pages comes near them)."""

_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1024 * 1024


def open_regular(path: str | os.PathLike[str], *, follow: bool = True) -> int:
    """A descriptor open for reading on ``path``, which is a regular file; else PublishError.

    ``follow=False`` refuses a symbolic link as the last part of the path (``O_NOFOLLOW``): for
    a file publish found itself inside a folder it confines reading to, already resolved."""
    shown = os.fspath(path)
    flags = _FLAGS | (0 if follow else os.O_NOFOLLOW)
    try:
        handle = os.open(shown, flags)
    except OSError as error:
        raise PublishError(shown, _open_failure(error, follow)) from error
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise PublishError(shown, _not_regular(mode))
    except BaseException:
        os.close(handle)
        raise
    return handle


def read_limited(path: str | os.PathLike[str], cap: int, *, what: str = "page", follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, refused (PublishError) if over ``cap`` bytes.

    ``what`` is the kind of file ("page", "picture", "cover", "selection"): a refusal names
    the limit it broke and how to raise it."""
    shown = os.fspath(path)
    handle = open_regular(shown, follow=follow)
    try:
        size = os.fstat(handle).st_size
        if size > cap:
            raise PublishError(shown, over_limit(size, cap, what))
        chunks: list[bytes] = []
        total = 0
        while total <= cap:  # a file that grows while read stops at cap + 1 bytes
            chunk = os.read(handle, min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            raise PublishError(shown, over_limit(total, cap, what, growing=True))
        return b"".join(chunks)
    except OSError as error:
        raise PublishError(shown, f"cannot be read: {error.strerror or error}") from error
    finally:
        os.close(handle)


def over_limit(size: int, cap: int, what: str, *, growing: bool = False) -> str:
    """The cause of a refusal for size: "2.0 GB, over the 8 MB limit for a page (raise it …)"."""
    noun, option, key = _KINDS.get(what, (f"a {what}", "", ""))  # "", "": a limit no option raises
    told = f"over {size_text(size)}" if growing else size_text(size)
    raise_it = f" (raise it with {option} or {key} in publish.toml)" if option else ""
    return f"{told}, over the {limit_text(cap)} limit for {noun}{raise_it}"


def size_text(size: int) -> str:
    """A file's size as a person says it, to one decimal (binary multiples, named MB and GB)."""
    for unit, scale in (("GB", 1024 * MIB), ("MB", MIB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def limit_text(cap: int) -> str:
    """A limit as it was set: "32 MB", "1.5 MB", "500 KB"."""
    for unit, scale in (("GB", 1024 * MIB), ("MB", MIB), ("KB", 1024)):
        if cap >= scale:
            return f"{round(cap / scale, 1):g} {unit}"
    return f"{cap} bytes"


def is_regular(path: Path) -> bool:
    """``path`` names a regular file (a link to one counts), without opening it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory; give a file (an archive page or a plain-text copy)"
    kind = next((name for test, name in _SPECIAL if test(mode)), "a special file")
    return f"{kind}, not a regular file"


def _open_failure(error: OSError, follow: bool) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ELOOP and not follow:
        return "is a symbolic link, which is not followed here"
    if error.errno == errno.EISDIR:
        return "is a directory; give a file (an archive page or a plain-text copy)"
    return f"cannot be read: {error.strerror or error}"
