"""The project's only contact with the disk for inputs and outputs.

Reading turns every way a path can be wrong into a one-line ``PublishError``; writing goes to
a temporary file beside the target and is renamed into place, so a failed run never leaves a
half-written book behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from publish.bounded_read import read_limited
from publish.errors import PublishError
from publish.limits import DEFAULT, Limits
from publish.output_target import replaceable
from publish.output_temporaries import sweep, temporary_name


def read_input(path: Path, *, limits: Limits = DEFAULT, follow: bool = True) -> bytes:
    """A page's bytes: only from a regular file, and only up to ``limits.input_bytes``
    (``bounded_read``); ``follow=False`` for a file found inside a folder, already resolved."""
    return read_limited(path, limits.input_bytes, what="page", follow=follow)


def write_atomic(path: Path, data: bytes, *, staging: Path | None = None) -> None:
    """Write ``data`` to ``path`` all at once or not at all.

    The temporary file goes beside ``path``, or into ``staging`` (a folder on the same
    filesystem) for a batch, which sweeps that folder at its start: whatever a killed run
    was writing is then in one place, never beside the books. Beside the book, the
    temporaries a killed run left in that folder go first (``output_temporaries``). A new file
    is made with the user's umask, as any program's would be; a file replaced keeps its mode
    (one a user made private stays private, as an editor keeps it). A link to a regular file is
    written through (the file it names is replaced, the link stays); a device, FIFO, socket
    or folder at ``path`` is refused, never replaced (``output_target``).
    """
    shown = str(path)
    path = replaceable(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if staging is None:
            sweep(folder)
        handle, temporary = _temporary(staging or folder, path.name)
    except OSError as error:
        raise PublishError(shown, f"cannot be written: {error.strerror or error}") from error
    try:
        _keep_mode(handle, path)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        try:
            os.replace(temporary, path)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            os.unlink(temporary)  # the staging folder is on another filesystem: write beside the file
            write_atomic(path, data)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise PublishError(shown, f"cannot be written: {error.strerror or error}") from error
        raise


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new, unique file in ``folder``, opened for writing, with the mode the umask gives."""
    while True:
        temporary = os.path.join(folder, temporary_name(name))
        try:
            return os.open(temporary, _FLAGS, 0o666), temporary
        except FileExistsError:
            continue


def _keep_mode(handle: int, path: Path) -> None:
    """The permissions of the regular file ``path`` (if there is one) on the temporary that
    will replace it."""
    try:
        old = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(old.st_mode):
        os.fchmod(handle, stat.S_IMODE(old.st_mode) & 0o777)  # never a set-id bit


def open_temporary(path: Path) -> tuple[int, str]:
    """A temporary beside ``path`` for a writer that streams (``batch.report``): the same
    name, mode and sweep as ``write_atomic``'s; the caller renames it over ``path``."""
    sweep(path.parent)
    handle, temporary = _temporary(path.parent, path.name)
    try:
        _keep_mode(handle, path)
    except OSError:
        os.close(handle)
        os.unlink(temporary)
        raise
    return handle, temporary


def inputs_changed(inputs: Sequence[str | Path]) -> datetime | None:
    """When the given inputs last changed on disk (a folder by its index page): the book's
    date when its page says nothing of it (``render.epub._default_modified``)."""
    times = []
    for given in inputs:
        try:
            times.append(index_of(Path(given)).stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(int(max(times)), tz=UTC) if times else None


_INDEX_NAMES = ("index.htm", "index.html")


def index_of(path: Path) -> Path:
    """The page ``path`` names: itself, or the index page of the work folder it is."""
    if not path.is_dir():
        return path
    return next((path / name for name in _INDEX_NAMES if (path / name).is_file()), path / _INDEX_NAMES[0])
