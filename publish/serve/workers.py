"""Batch's worker pool, made to stop when the server does: the book maker's and the catalogue's.

``batch.pool.LocalPool`` ends a worker only past its task's deadline (600 s here), which a
batch run can afford and a server stopping cannot: Ctrl-C would wait for the page or book
under way. ``EndablePool.end()``, called from any thread, kills every worker the pool has
started and not yet stopped; the pool then reports each task they held as killed, as it does
for a worker the kernel killed, and the thread waiting on it goes on at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from publish.batch.pool import LocalPool, PoolSettings

if TYPE_CHECKING:
    from publish.batch.pool import _Worker
    from publish.batch.tasks import Result, Task


class EndablePool(LocalPool):
    """A ``LocalPool`` whose work under way ``end()`` ends; see the module's docstring."""

    def __init__(self, settings: PoolSettings) -> None:
        super().__init__(settings)
        self.pids: list[int] = []
        """Every worker this pool started (the tests look for none alive after a close)."""
        self._guard = threading.Lock()
        self._live: set[int] = set()
        """Workers started and not yet stopped or killed by the pool, which reaps them: a pid
        leaves this set before it is reaped, so ``end`` never kills a pid reused by another."""
        self._ending = False

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], None]) -> None:
        try:
            super().run(tasks, on_result)
        finally:
            with self._guard:
                self._ending = False

    def end(self) -> None:
        """Kill every worker of this pool, busy or idle, and any it starts until the ``run`` or
        ``call`` under way returns (a task given out just as the pool is ended ends too)."""
        with self._guard:
            self._ending = True
            for pid in self._live:
                _sigkill(pid)

    def _worker(self) -> _Worker:
        worker = super()._worker()
        pid = worker.process.pid
        with self._guard:
            if pid is not None:
                self._live.add(pid)
                if pid not in self.pids:
                    self.pids.append(pid)
                if self._ending:  # ended before this worker was given its task
                    _sigkill(pid)
        return worker

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(ValueError), self._guard:  # ValueError: closed, so gone from the set already
            self._live.discard(worker.process.pid or 0)
        super()._kill(worker)


def _sigkill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
