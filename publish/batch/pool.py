"""A pool of worker processes that survives its jobs: a crash, a hang or a leak fails one job.

``concurrent.futures`` and ``multiprocessing.Pool`` are not enough here: a worker killed by the
kernel (out of memory) or by a segfault in a C library breaks the first's whole pool and
hangs the second's task forever, and neither can end one job that runs too long. Converting
tens of thousands of archive pages meets all three. So each worker is a process of its own,
fed one task at a time over a pipe, and the coordinator watches every pipe, every process and
every deadline at once: a worker that dies fails only the task it held, a task past its
deadline is ended with its worker, and either way a fresh worker takes the place.

Workers are forked from a forkserver that has imported the converter (and WeasyPrint) once,
so a new worker starts warm in milliseconds; each one is retired after ``recycle`` tasks, or
when its memory grows past ``memory_limit``, to bound what a long run holds. Workers die with
the coordinator: killed, it leaves no process behind to finish writing a file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import select
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from publish.batch.tasks import WORKER_MODULES, Result, Task, run_task

_STOP_WAIT = 5.0
_WATCH_SECONDS = 1.0
_COORDINATOR = "PUBLISH_BATCH_COORDINATOR"
BACKGROUND_NICE = 10
"""``PoolSettings.nice`` for work done behind a server's pages (its catalogue, its builds)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolSettings:
    workers: int
    timeout: float
    """Seconds a task may run before it is ended and failed."""
    recycle: int = 100
    """Tasks a worker does before a fresh one takes its place."""
    memory_limit: int = 2 << 30
    """Bytes of peak memory after which a worker is replaced once its task is done."""
    preload: tuple[str, ...] = ()
    """Modules the workers import once, before any task (``weasyprint`` for pamphlets)."""
    nice: int = 0
    """How much lower than the coordinator's the workers' CPU priority is: a server's builds
    run in the background (``publish serve`` uses ``BACKGROUND_NICE``), so that its pages answer first."""


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: Connection
    done: int = 0
    task: Task | None = None
    ident: int = 0
    deadline: float = 0.0


class LocalPool:
    """Run tasks on worker processes of this machine; see the module's docstring."""

    def __init__(self, settings: PoolSettings) -> None:
        self.settings = settings
        os.environ.setdefault(_COORDINATOR, str(os.getpid()))  # for workers where the pipe cannot tell
        self._context = _context(settings.preload)
        self._idle: list[_Worker] = []

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], None]) -> None:
        """Run every task, giving each result to ``on_result`` as it comes (in the order they
        finish), at most ``workers`` at a time; ``tasks`` is read only as workers free up."""
        pending: Iterator[tuple[int, Task]] = enumerate(tasks)
        busy: dict[Connection, _Worker] = {}
        exhausted = False
        try:
            while True:
                while not exhausted and len(busy) < self.settings.workers:
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    worker = self._worker()
                    self._send(worker, *item)
                    busy[worker.connection] = worker
                if not busy:
                    return
                self._wait(busy, on_result)
        except BaseException:  # interrupted: what the workers were making will never be recorded
            for worker in busy.values():
                self._kill(worker)
            raise

    def prepare(self) -> None:
        """Work is coming: start the forkserver now, so that it imports the converter while the
        coordinator is still planning, not after."""
        if isinstance(self._context, ForkServerContext):
            from multiprocessing import forkserver

            forkserver.ensure_running()

    def call(self, task: Task) -> Result:
        """One task, run as ``run`` runs each (used on a cluster's workers, one task at a time)."""
        results: list[Result] = []
        self.run([task], results.append)
        return results[0]

    def close(self) -> None:
        for worker in self._idle:
            self._stop(worker)
        self._idle.clear()

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _worker(self) -> _Worker:
        if self._idle:
            return self._idle.pop()
        ours, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(theirs, self.settings.nice), daemon=True, name="publish-worker"
        )
        process.start()
        theirs.close()
        return _Worker(process=process, connection=ours)

    def _send(self, worker: _Worker, ident: int, task: Task) -> None:
        worker.task, worker.ident = task, ident
        worker.deadline = time.monotonic() + self.settings.timeout
        # A worker that died before its task reached it: ``_wait`` sees the pipe closed and says so.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            worker.connection.send(task)

    def _wait(self, busy: dict[Connection, _Worker], on_result: Callable[[Result], None]) -> None:
        nearest = min(worker.deadline for worker in busy.values())
        ready = wait(list(busy), timeout=max(0.0, nearest - time.monotonic()))
        for connection in ready:
            worker = busy.pop(connection)  # type: ignore[call-overload]
            on_result(self._receive(worker))
        now = time.monotonic()
        for connection, worker in list(busy.items()):
            if worker.deadline <= now:
                del busy[connection]
                self._kill(worker)
                on_result(_failed(worker, f"timed out after {self.settings.timeout:g} s"))

    def _receive(self, worker: _Worker) -> Result:
        try:
            message: tuple[bool, Any, float, int] = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join(_STOP_WAIT)
            cause = _death(worker.process.exitcode)
            self._kill(worker)
            return _failed(worker, cause)
        ok, value, seconds, peak = message
        worker.done += 1
        assert worker.task is not None
        result = Result(task=worker.task, ok=ok, value=value, seconds=seconds)
        worker.task = None
        if worker.done >= self.settings.recycle or peak > self.settings.memory_limit:
            self._stop(worker)
        else:
            self._idle.append(worker)
        return result

    def _stop(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        worker.process.join(_STOP_WAIT)
        self._kill(worker)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(_STOP_WAIT)
        worker.connection.close()
        worker.process.close()


def _failed(worker: _Worker, cause: str) -> Result:
    assert worker.task is not None
    return Result(task=worker.task, ok=False, value=cause, seconds=0.0)


def _death(code: int | None) -> str:
    """What a worker's exit code says of how it died, in a user's words."""
    if code is None or code >= 0:
        return f"the worker stopped unexpectedly (exit code {code})"
    name = signal.Signals(-code).name
    if -code == signal.SIGKILL:
        return f"the worker was killed ({name}: out of memory, or killed from outside)"
    return f"the worker crashed ({name}, a fault in a C library)"


def _context(preload: tuple[str, ...]) -> ForkServerContext | Any:
    """A forkserver that imports the converter once (where the platform has one); workers are
    forked from it rather than from the coordinator, which may hold threads and a database."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["publish.batch.tasks", *WORKER_MODULES, *preload])
    return context


def _serve(connection: Connection, nice: int = 0) -> None:
    """A worker's life: take a task, run it, send back what came of it; until told to stop."""
    _die_with_coordinator(connection)
    if nice > 0:
        with contextlib.suppress(OSError):
            os.nice(nice)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    while True:
        try:
            task: Task | None = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        started = time.perf_counter()
        ok, value = run_task(task)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        try:
            connection.send((ok, value, time.perf_counter() - started, peak))
        except (BrokenPipeError, OSError):
            return


def _die_with_coordinator(connection: Connection) -> None:
    """End this worker the moment the coordinator's end of its pipe closes (the coordinator
    killed): nothing is left running to write a book no one will record. A forkserver's
    children outlive their coordinator otherwise, and PR_SET_PDEATHSIG would watch the
    forkserver, not the coordinator. Linux tells of the hang-up without reading the pipe;
    elsewhere the coordinator's process is looked for now and then."""
    if hasattr(select, "POLLRDHUP"):
        poller = select.poll()
        poller.register(connection.fileno(), select.POLLRDHUP)

        def watch() -> None:
            while True:
                for _, events in poller.poll():
                    if events & (select.POLLRDHUP | select.POLLHUP | select.POLLERR):
                        os._exit(1)

    else:
        coordinator = os.getppid() if multiprocessing.get_start_method() == "fork" else _coordinator_pid()

        def watch() -> None:
            while True:
                time.sleep(_WATCH_SECONDS)
                try:
                    os.kill(coordinator, 0)
                except ProcessLookupError:
                    os._exit(1)

    threading.Thread(target=watch, name="publish-watch", daemon=True).start()


def _coordinator_pid() -> int:
    return int(os.environ.get(_COORDINATOR, os.getppid()))
