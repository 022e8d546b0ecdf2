"""The warm worker: one background process that has imported and warmed up what ``publish``
commands need, and forks a child for each command a ``publish`` process hands it.

Why fork: a child of a warm process starts with lxml, Jinja2, ebooklib, Pillow, WeasyPrint,
the readers' compiled patterns and the compiled templates already in memory, so a one-page
e-book costs its own work only. Each command still gets a fresh process: nothing one book
does (a changed ``os.environ``, a template cache entry, a crash) can reach the next, and the
command runs exactly as in its own process (the client's arguments, folder, environment,
umask and standard streams; see ``publish.warm``).

Safety: the socket lives in the user's private runtime folder (0700), the peer's uid must be
the worker's own, a key names the code and environment (another key is another worker), and
the worker ends after ``PUBLISH_WARM_IDLE`` seconds without a command, or at SIGTERM
(``publish warm stop``). It never forks while another thread runs.

    python -m publish.warm_server KEY
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import marshal
import os
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
from pathlib import Path

from publish import warm

_REQUEST_BYTES = 4 * 1024 * 1024
"""The largest request (arguments and environment) a worker reads."""

_WORKER_FDS: list[int] = []
"""The lock and the listening socket: a child closes them, so that it neither holds the lock
after the worker ends nor could answer another command."""

_SAMPLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Warm-up</title></head>
<body><p class="title">Anonymous 1900</p><h1>Warm-up</h1>
<p>Workers of all lands, <em>unite</em>!<a href="#n1" name="r1">[1]</a> The first
paragraph, with <strong>strong</strong> words and a
<a href="https://www.marxists.org/">link</a>.</p>
<blockquote><p>A quotation.</p></blockquote>
<ul><li>One</li><li>Two</li></ul>
<hr><p><a name="n1" href="#r1">1.</a> A note.</p>
</body></html>
"""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m publish.warm_server KEY\n")
        return 2
    key = argv[0]
    folder = warm.runtime_folder()
    if folder is None or key != warm.code_fingerprint():
        return 1  # another publish or another environment asked: it starts its own
    socket_path, lock_path = warm.paths(folder, key)
    lock = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # a worker of this key is already there
    _WORKER_FDS.append(lock)
    os.ftruncate(lock, 0)
    os.write(lock, str(os.getpid()).encode())
    warm_up()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(socket_path)  # a worker that was killed left it; the lock says none runs now
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        _WORKER_FDS.append(listener.fileno())
        listener.bind(socket_path)
        listener.listen(16)
        serve(listener, warm.idle_seconds())
    finally:
        with contextlib.suppress(OSError):
            os.unlink(socket_path)
        with contextlib.suppress(OSError):
            os.unlink(lock_path)
        listener.close()
    return 0


def warm_up() -> None:
    """Make one e-book and one pamphlet, so the imports, the compiled patterns and templates
    and WeasyPrint's fonts are in memory before the first real command forks."""
    from publish.cli import main as command

    with tempfile.TemporaryDirectory(prefix="publish-warm-") as scratch:
        page = Path(scratch) / "warm-up.htm"
        page.write_text(_SAMPLE, encoding="utf-8")
        for name in ("epub", "pdf"):
            with contextlib.suppress(Exception), contextlib.redirect_stderr(io.StringIO()):
                command([name, str(page), "-o", str(Path(scratch) / f"warm-up.{name}"), "--no-config"])
    tempfile.tempdir = None  # the child finds its own, from the command's environment
    gc.collect()
    gc.freeze()  # the warm objects stay out of every child's collections (and its copied pages)


def serve(listener: socket.socket, idle: float) -> None:
    stopping: list[int] = []

    def stop(number: int, _frame: object) -> None:
        stopping.append(number)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    last = time.monotonic()
    while not stopping:
        _reap()
        remaining = last + idle - time.monotonic()
        if remaining <= 0:
            return
        listener.settimeout(min(remaining, 5.0))
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        except InterruptedError:
            continue
        except OSError:
            if stopping:
                return
            raise
        with connection:
            last = time.monotonic()
            _answer(connection)
            last = time.monotonic()


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _answer(connection: socket.socket) -> None:
    """Fork a child for one command (or refuse it, and the client runs it itself)."""
    connection.settimeout(10.0)
    try:
        request, fds = _receive(connection)
    except (OSError, ValueError, EOFError, TypeError):
        return
    try:
        if not _same_user(connection) or request.get("protocol") != warm.PROTOCOL or len(fds) != 3:
            _send(connection, b"R", 0)
            return
        if threading.active_count() > 1:  # a fork would copy another thread's locks, held
            _send(connection, b"R", 0)
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(connection, request, fds)
            finally:
                os._exit(code)
    finally:
        for fd in fds:
            os.close(fd)


def _receive(connection: socket.socket) -> tuple[dict[str, object], list[int]]:
    space = socket.CMSG_SPACE(3 * struct.calcsize("i"))
    data, ancillary, _flags, _address = connection.recvmsg(64 * 1024, space)
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(payload) - len(payload) % 4
            fds.extend(struct.unpack(f"{usable // 4}i", payload[:usable]))
    if len(data) < 4:
        raise ValueError("no request")
    size = int.from_bytes(data[:4], "big")
    if size > _REQUEST_BYTES:
        raise ValueError("request too large")
    body = bytearray(data[4:])
    while len(body) < size:
        more = connection.recv(min(size - len(body), 1024 * 1024))
        if not more:
            raise EOFError
        body += more
    request = marshal.loads(bytes(body))
    if not isinstance(request, dict):
        raise ValueError("not a request")
    return request, fds


def _same_user(connection: socket.socket) -> bool:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _send(connection: socket.socket, kind: bytes, value: int) -> None:
    with contextlib.suppress(OSError):
        connection.sendall(kind + value.to_bytes(4, "big", signed=True))


def _child(connection: socket.socket, request: dict[str, object], fds: list[int]) -> int:
    """Become the command's own process, run it, and send back its exit code."""
    # The child stays in the worker's session: the terminal's signals reach it through the client.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as CPython sets it at start: a closed pipe is an OSError
    for fd in _WORKER_FDS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _send(connection, b"P", os.getpid())
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    environment = request["env"]
    assert isinstance(environment, dict)
    os.environ.clear()
    os.environ.update({str(name): str(value) for name, value in environment.items()})
    time.tzset()
    umask = request["umask"]
    assert isinstance(umask, int)
    os.umask(umask)
    tempfile.tempdir = None
    argv = request["argv"]
    assert isinstance(argv, list)
    sys.argv = ["publish", *(str(item) for item in argv)]
    sys.stdin = _stream(0, "r", ("utf-8", "strict"))
    streams = request.get("streams")
    outputs = streams if isinstance(streams, list) and len(streams) == 2 else [("utf-8", "strict")] * 2
    sys.stdout = _stream(1, "w", tuple(outputs[0]))
    sys.stderr = _stream(2, "w", tuple(outputs[1]), line_buffering=True)
    code = 1
    try:
        cwd = request["cwd"]
        assert isinstance(cwd, str)
        os.chdir(cwd)
        from publish.cli import main as command

        code = command([str(item) for item in argv])
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
        if isinstance(leaving.code, str):
            sys.stderr.write(leaving.code + "\n")
    except KeyboardInterrupt:
        code = 130
    except OSError as error:
        sys.stderr.write(f"publish: {error.filename or ''}: {error.strerror or error}\n")
        code = 2
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    _send(connection, b"X", code)
    return code


def _stream(fd: int, mode: str, encoding: tuple[object, ...], *, line_buffering: bool = False) -> io.TextIOWrapper:
    """A standard stream on the client's own descriptor, buffered as Python buffers it there."""
    name, errors = (str(part) for part in (*encoding, "utf-8", "strict")[:2])
    raw = io.FileIO(fd, mode, closefd=False)
    interactive = line_buffering or raw.isatty()
    if mode == "r":
        return io.TextIOWrapper(io.BufferedReader(raw), encoding=name, errors=errors)
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding=name, errors=errors, line_buffering=interactive)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
