"""The temporary file a book is written to before it is renamed into place, named so that a
later run can tell whose it is and clear it away.

A run killed between writing the temporary file and renaming it (SIGKILL, the OOM killer, a
power cut) leaves a full-size hidden file that nothing else would ever remove. Each temporary
is called ``.NAME.publish-HOST-PID-RAND.part``: the next run that writes into that folder
removes those whose process is gone (on this host: a process id means nothing on another
machine sharing the folder) and those more than a day old (any host), and never one a live
run on this host is still writing.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from publish.book_names import NAME_BYTES, cut

STALE_SECONDS = 24 * 60 * 60
"""A temporary this old is left over whoever made it: no book takes a day to write."""

_MARK = ".publish-"
_SUFFIX = ".part"
_OWNER = re.compile(r"\.publish-(?P<host>[A-Za-z0-9_.-]+)-(?P<pid>[0-9]+)-[0-9a-f]+\.part$")


def host() -> str:
    """This machine's name as it goes into a temporary's name (letters, digits, ``-_.``)."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", os.uname().nodename)[:64].strip("-")
    return name or "host"


def temporary_name(name: str) -> str:
    """A new temporary's name for the file ``name``: hidden, recognisable, within 255 bytes."""
    tail = f"{_MARK}{host()}-{os.getpid()}-{os.urandom(4).hex()}{_SUFFIX}"
    return f".{cut(name, NAME_BYTES - 1 - len(tail))}{tail}"


def owner(name: str) -> tuple[str, int] | None:
    """The host and process that made the temporary called ``name``; None if it is not one."""
    if not name.startswith("."):
        return None
    found = _OWNER.search(name)
    return (found["host"], int(found["pid"])) if found else None


def sweep(folder: Path, *, now: float | None = None) -> int:
    """Remove the temporaries in ``folder`` that no live run is writing: how many went.

    A folder that cannot be listed, or a file that is gone meanwhile, is left as it is: this
    tidies up, it never stops a run.
    """
    moment = time.time() if now is None else now
    here = host()
    removed = 0
    try:
        entries = os.scandir(folder)
    except OSError:
        return 0
    with entries:
        for entry in entries:
            made_by = owner(entry.name)
            if made_by is None:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                age = moment - entry.stat(follow_symlinks=False).st_mtime
                if age > STALE_SECONDS or (made_by[0] == here and not alive(made_by[1])):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running on this host (another user's counts)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # not ours to signal, but there
    return True
