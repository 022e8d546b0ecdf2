"""What the ``publish`` program does as a process, which a Python caller of ``cli.main`` is spared."""

from __future__ import annotations

import atexit
import gc
import os
import sys


def main() -> int:
    """The ``publish`` script and ``python -m publish``: a warm worker runs the command if one
    is there (``publish.warm``), else this process does, as a Python caller's ``cli.main``."""
    from publish import warm

    argv = sys.argv[1:]
    if warm.enabled(argv):
        code = warm.run(argv)
        if code is not None:
            return code
    from publish.cli import main as command

    as_program()
    return command(argv)


def as_program() -> None:
    """Skip the garbage collector's last pass over everything at exit.

    A process that has imported the readers and renderers holds a few hundred thousand objects,
    and the collection the interpreter runs while shutting down walks them all: 0.05-0.1 s of a
    one-off ``publish epub``, longer than reading the page. ``gc.freeze`` at exit (after the
    book is written, closed and renamed into place by ``files.write_atomic``) moves them to the
    permanent generation, which that collection leaves alone; the operating system takes the
    memory back at once. Only for the program: a Python caller's process goes on, and its
    garbage must still be collected.
    """
    atexit.register(gc.freeze)


CLOSED_PIPE = 141
"""The exit code of a command whose reader went away (``publish audit … | head -1``): 128 +
SIGPIPE, as the shell reports a program the signal ended."""


def closed_pipe() -> int:
    """End quietly when the standard output's reader has gone: no traceback, nothing more.

    Python ignores SIGPIPE, so a write to a closed pipe is a ``BrokenPipeError``, and the
    buffered lines still unwritten would raise it once more at exit. As Python's documentation
    advises, descriptors 1 and 2 are pointed at the null device, so that nothing is written
    again, and the command exits with 141.
    """
    null = os.open(os.devnull, os.O_WRONLY)
    for descriptor in (1, 2):
        try:
            os.dup2(null, descriptor)
        except OSError:
            continue
    os.close(null)
    return CLOSED_PIPE


def write_all(handle: int, data: bytes) -> None:
    """Write all of ``data`` to the descriptor ``handle``, or raise (``BrokenPipeError`` for a
    reader gone). Python's own buffered writer takes a pipe's partial write (64 KB, when the
    reader closes mid-write) for the whole and loses the rest without a word, so output that
    may be large goes through here."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def write_out(text: str) -> None:
    """``text`` on the standard output, after whatever is buffered there (``write_all``); a
    standard output with no descriptor (a caller's ``StringIO``) is written as it is."""
    try:
        handle = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both of the last two
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    write_all(handle, text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
