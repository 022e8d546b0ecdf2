"""``publish warm status`` and ``publish warm stop``: see and end this user's warm workers.

A worker ends by itself after ``PUBLISH_WARM_IDLE`` seconds without a command; these are for
the user who wants it gone now (after upgrading Python's libraries under it, say: publish's own
code is in the worker's key, a library's is not).
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

from publish import warm


@dataclass(frozen=True, slots=True)
class Worker:
    key: str
    pid: int
    current: bool
    """A worker of this publish, in this environment (the one the next command would use)."""


def workers() -> list[Worker]:
    """This user's running workers, from their lock files (a lock naming a dead process is
    left from a killed worker, and skipped)."""
    folder = warm.runtime_folder()
    if folder is None:
        return []
    current = warm.code_fingerprint()
    found = []
    for lock in sorted(Path(folder).glob("warm-*.lock")):
        key = lock.stem.removeprefix("warm-")
        try:
            pid = int(lock.read_text(encoding="ascii").strip() or "0")
        except (OSError, ValueError):
            continue
        if pid > 0 and _is_worker(pid):
            found.append(Worker(key, pid, key == current))
    return found


def _is_worker(pid: int) -> bool:
    """The process is alive and is a warm worker (a recycled pid is someone else's process)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"publish.warm_server" in command and os.stat(f"/proc/{pid}").st_uid == os.getuid()


def status_lines() -> list[str]:
    found = workers()
    if os.environ.get("PUBLISH_WARM", "1") in ("0", "", "no", "off"):
        lines = ["warm workers are off (PUBLISH_WARM=0): every command runs in its own process"]
    else:
        lines = [f"a worker ends after {warm.idle_seconds():g} s without a command (PUBLISH_WARM_IDLE)"]
    if not found:
        return [*lines, "no warm worker is running; the next publish epub or pdf starts one"]
    for worker in found:
        which = "this publish's" if worker.current else "another publish's or environment's"
        lines.append(f"worker {worker.pid}: {which} (key {worker.key})")
    return lines


def stop() -> list[str]:
    lines = []
    for worker in workers():
        try:
            os.kill(worker.pid, signal.SIGTERM)
        except OSError:
            continue
        lines.append(f"stopped worker {worker.pid}")
    return lines or ["no warm worker is running"]
