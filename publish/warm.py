"""The ``publish`` program's client side of the warm worker: hand a command to a process that
has already imported and warmed up everything, instead of paying for it again.

Most people run ``publish epub PAGE`` once, as its own process. A new CPython process that
imports what an e-book with a drawn cover needs (lxml, Jinja2, ebooklib, Pillow and publish's
readers) spends 0.2-0.3 s before it reads a byte, which is longer than making the book. The
warm worker (``publish.warm_server``) is one such process, started in the background by the
first command and left running for a while (``PUBLISH_WARM_IDLE`` seconds, 600 by default):
every later command forks it, so the child starts with everything imported, and does the
command with this process's arguments, folder, environment, umask and its very standard
input, output and error (passed over a Unix socket with ``SCM_RIGHTS``), so that the result
is the same as running it here, byte for byte.

This module is imported by every run of the program, so it imports only modules built into
the interpreter or already loaded at start-up (``os``, ``sys``): ``socket`` and ``signal``
would import ``enum`` and cost more than they save. When anything is not as expected (no
worker yet, a worker of other code or another environment, a folder that is not private,
``PUBLISH_WARM=0``), the command simply runs in this process, as it always did.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS = frozenset({"epub", "pdf", "inspect", "audit"})
"""The commands a worker runs: one book or one page, which a warm process makes at once.
``batch`` has its own pool of warm processes, ``init`` and ``completion`` cost nothing."""

IDLE_SECONDS = 600.0
"""How long a worker waits for its next command before it ends (``PUBLISH_WARM_IDLE``)."""

_ENVIRONMENT = ("PATH", "HOME", "LANG", "LANGUAGE", "TZ", "SOURCE_DATE_EPOCH", "TMPDIR")
_ENVIRONMENT_PREFIXES = ("PUBLISH_", "PYTHON", "LC_", "XDG_")
"""The variables a worker's imports may have read: a different value means another worker.
The child is given the command's whole environment anyway."""

PROTOCOL = 1


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("PUBLISH_WARM_IDLE", IDLE_SECONDS)))
    except ValueError:
        return IDLE_SECONDS


def runtime_folder() -> str | None:
    """The user's private folder for the workers' sockets, or None if it is not private.

    Anyone who can connect to a worker's socket runs commands as its user, so the folder must
    be this user's own and closed to others (the server also checks the peer's uid).
    """
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = os.path.join(base, "publish") if base else os.path.join("/tmp", f"publish-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        status = os.lstat(folder)
    except OSError:
        return None
    private = status.st_uid == os.getuid() and status.st_mode & 0o077 == 0
    return folder if private and (status.st_mode & 0o170000) == 0o040000 else None


def code_fingerprint() -> str:
    """The worker's key: this interpreter, publish's own code (every module's size and time)
    and the environment its imports read. Changed code means a new worker, never a stale one."""
    package = os.path.dirname(os.path.abspath(__file__))
    parts = [sys.executable, sys.version, package, str(PROTOCOL)]
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    status = entry.stat()
                    parts.append(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
    parts.sort()
    for name, value in sorted(os.environ.items()):
        if name in _ENVIRONMENT or name.startswith(_ENVIRONMENT_PREFIXES):
            parts.append(f"{name}={value}")
    text = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def paths(folder: str, key: str) -> tuple[str, str]:
    """The worker's socket and lock file (the lock file holds its process id)."""
    return os.path.join(folder, f"warm-{key}.sock"), os.path.join(folder, f"warm-{key}.lock")


def enabled(argv: Sequence[str]) -> bool:
    if os.environ.get("PUBLISH_WARM", "1") in ("0", "", "no", "off"):
        return False
    return bool(argv) and argv[0] in COMMANDS


def run(argv: Sequence[str]) -> int | None:
    """The command's exit code as a worker ran it, or None: run it here (and a worker has been
    started for next time, if there is none)."""
    folder = runtime_folder()
    if folder is None:
        return None
    key = code_fingerprint()
    socket_path, lock_path = paths(folder, key)
    import _socket

    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.connect(socket_path)
    except OSError:
        connection.close()
        if not _alive(lock_path):
            _start(key)
        return None
    try:
        return _hand_over(connection, argv)
    finally:
        connection.close()


def _hand_over(connection: object, argv: Sequence[str]) -> int | None:
    import _socket

    assert isinstance(connection, _socket.socket)
    umask = os.umask(0o022)
    os.umask(umask)
    streams = [
        (stream.encoding, stream.errors) if stream else ("utf-8", "strict") for stream in (sys.stdout, sys.stderr)
    ]
    request = marshal.dumps(
        {
            "protocol": PROTOCOL,
            "argv": list(argv),
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": umask,
            "streams": streams,
        }
    )
    fds = (0, 1, 2)
    try:
        for fd in fds:
            os.fstat(fd)
    except OSError:
        return None  # a closed standard stream: nothing to hand over
    rights = b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)
    header = len(request).to_bytes(4, "big")
    try:
        connection.sendmsg([header + request], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, rights)])
    except OSError:
        return None
    return _wait(connection)


class _Answers:
    """The worker's answers as they come: refused (run here), the child's pid (to pass the
    terminal's signals on to it), and the command's exit code."""

    def __init__(self) -> None:
        self.child = 0
        self.caught: list[int] = []
        self.code: int | None = None
        self.refused = False

    def pass_on(self, number: int, _frame: object) -> None:
        self.caught.append(number)
        if self.child:
            _kill(self.child, number)

    def take(self, kind: bytes, value: int) -> None:
        if kind == b"R":
            self.refused = True
        elif kind == b"P":
            self.child = value
            for number in self.caught:  # a signal that came before the pid was known
                _kill(value, number)
        elif kind == b"X":
            self.code = value


def _kill(pid: int, number: int) -> None:
    try:  # noqa: SIM105 - contextlib is not loaded at start-up, and this module must not load it
        os.kill(pid, number)
    except OSError:
        pass


def _wait(connection: object) -> int | None:
    import _signal  # type: ignore[import-not-found]
    import _socket

    assert isinstance(connection, _socket.socket)
    answers = _Answers()
    for number in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):
        _signal.signal(number, answers.pass_on)
    buffer = b""
    while answers.code is None and not answers.refused:
        try:
            data = connection.recv(64)
        except InterruptedError:
            continue
        except OSError:
            data = b""
        if not data:
            break
        buffer += data
        while len(buffer) >= 5:
            answers.take(buffer[:1], int.from_bytes(buffer[1:5], "big", signed=True))
            buffer = buffer[5:]
    if answers.refused or answers.code is not None:
        return answers.code
    if answers.caught:
        return 128 + answers.caught[-1]
    if answers.child == 0:
        return None  # the worker closed without starting the command: run it here
    sys.stderr.write("publish: internal error: the warm worker's process ended without an exit code\n")
    return 1


def _alive(lock_path: str) -> bool:
    """A worker is starting (or running) if its lock file names a live process."""
    try:
        with open(lock_path, "rb") as lock:
            pid = int(lock.read(32) or b"0")
        if pid <= 0:
            return False
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def _start(key: str) -> None:
    """Start a worker in the background for the next command, detached from this terminal."""
    import subprocess

    try:  # noqa: SIM105 - see _kill
        subprocess.Popen(
            [sys.executable, "-m", "publish.warm_server", key],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        pass
