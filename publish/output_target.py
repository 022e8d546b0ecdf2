"""Where a book's bytes may go, decided before they are written: never in place of something
that is not a book file.

A book is written to a temporary file and renamed over its path (``files.write_atomic``), and a
rename replaces whatever the path names: as root, ``-o /dev/null`` would put an EPUB where the
system's null device was, ``-o fifo`` a file where a pipe was, ``-o page.htm`` the book over the
page it was made from. So a path is taken as follows:

- a new path, or a regular file: written atomically (the old file stays whole until the new one
  is complete);
- a symbolic link to a regular file: the file it names is replaced atomically and the link
  stays, as an editor saving through a link does;
- a character device (``/dev/null``, a terminal), or this process's own standard output by any
  name (``/dev/stdout``, ``/dev/fd/1``, even when it is a pipe): written through, never replaced;
- a folder, FIFO, socket, block device, or a link to nothing or to one of those: refused, one line;
- the page (or another input) the book is made from, by whatever name or link: refused, one line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from publish.book_names import NAME_BYTES, size
from publish.errors import PublishError
from publish.program import write_all


@dataclass(frozen=True, slots=True)
class Target:
    """A checked place to write: ``path`` is the file replaced, or the device written through
    (``through``); ``stdout`` when that device is this process's standard output."""

    path: Path
    through: bool = False
    stdout: bool = False


def output_target(path: Path, *, inputs: Iterable[str | Path] = ()) -> Target:
    """Where the book named ``path`` goes, or the one line that says why it cannot go there."""
    shown = str(path)
    check_names(path)
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):
            raise PublishError(shown, f"is a symbolic link to nothing ({os.readlink(path)})") from None
        _check_folder(path)
        return Target(path)
    except OSError as error:
        raise PublishError(shown, f"cannot be written: {error.strerror or error}") from error
    if _is_standard_output(path, status):
        return Target(path, through=True, stdout=True)
    if stat.S_ISCHR(status.st_mode):
        return Target(path, through=True)
    if not stat.S_ISREG(status.st_mode):
        raise PublishError(shown, f"is {_kind(status.st_mode)}; give a file to write the book to")
    if _same_file(status, inputs):
        raise PublishError(shown, "is the page the book is made from; give another file to write the book to")
    return Target(Path(os.path.realpath(path)) if os.path.islink(path) else path)


def replaceable(path: Path) -> Path:
    """The path ``files.write_atomic`` renames its temporary over: ``path``, or the regular
    file a link at ``path`` names. Anything else there (a device, FIFO, socket, folder) is
    refused rather than replaced by a file."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as error:
        raise PublishError(str(path), f"cannot be written: {error.strerror or error}") from error
    if stat.S_ISREG(status.st_mode):
        return path
    if stat.S_ISLNK(status.st_mode):
        real = Path(os.path.realpath(path))
        try:
            followed = os.stat(real)
        except OSError:
            raise PublishError(str(path), f"is a symbolic link to nothing ({os.readlink(path)})") from None
        if stat.S_ISREG(followed.st_mode):
            return real
        status = followed
    raise PublishError(str(path), f"is {_kind(status.st_mode)}; give a file to write the book to")


def write_through(target: Target, data: bytes) -> None:
    """Write ``data`` to a device or the standard output ``target`` names, in place."""
    try:
        if target.stdout:
            write_all(1, data)
            return
        handle = os.open(target.path, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        try:
            write_all(handle, data)
        finally:
            os.close(handle)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise PublishError(str(target.path), f"cannot be written: {error.strerror or error}") from error


def check_names(path: Path) -> None:
    """A name longer than any file system takes, refused before the book is made."""
    for part in path.parts:
        if size(part) > NAME_BYTES:
            raise PublishError(str(path), f"the file name is too long ({size(part)} bytes; at most {NAME_BYTES})")


def _check_folder(path: Path) -> None:
    """The nearest existing folder above a new path: a file there would be "File exists"."""
    above = path.parent
    while True:
        if os.path.isdir(above):
            return
        if os.path.lexists(above):
            raise PublishError(str(path), f"cannot be written: {above} is a file, not a folder")
        if above == above.parent:
            return
        above = above.parent


def _is_standard_output(path: Path, status: os.stat_result) -> bool:
    """``/dev/stdout`` and its like: a link or device that is this process's descriptor 1."""
    if os.path.realpath(path) == os.path.abspath(path):
        return False  # named as itself, not through a link: the file, not the stream
    try:
        ours = os.fstat(1)
    except OSError:
        return False
    return (ours.st_dev, ours.st_ino) == (status.st_dev, status.st_ino)


def _same_file(status: os.stat_result, inputs: Iterable[str | Path]) -> bool:
    for given in inputs:
        try:
            other = os.stat(given)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
            return True
    return False


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISCHR, "a character device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")
