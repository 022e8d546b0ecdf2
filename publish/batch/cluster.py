"""``--executor dask``: the same tasks on a Dask distributed cluster's workers.

The coordinator plans, keys and records exactly as it does with local workers; only where a
task runs changes. Tasks are submitted a window at a time (twice the cluster's threads), so a
hundred thousand books never sit in the scheduler at once, and results are taken as they
finish. Each cluster worker runs its tasks in a process of its own (``remote``), so a page
that crashes or hangs the converter fails alone; a cluster worker lost for another reason
(a machine gone) fails the task it held.

Inputs are read, and books written, by the workers at the paths the coordinator gives: the
archive and output folders must be at the same path on every machine (a shared filesystem).
Without ``--scheduler`` a cluster of ``-j`` workers is started on this machine (on
127.0.0.1 only).
"""

from __future__ import annotations

import importlib
import itertools
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from publish.batch.pool import PoolSettings
from publish.batch.remote import run_remote
from publish.batch.tasks import Result, Task
from publish.errors import PublishError

CONFIG = {
    "distributed.scheduler.allowed-failures": 0,  # a task that lost its worker fails, not retried on the next
    "distributed.scheduler.worker-saturation": 1.0,  # only running tasks sit on a worker
    "distributed.worker.daemon": False,  # a worker may start the process its tasks run in
}


class DaskExecutor:
    def __init__(self, scheduler: str | None, settings: PoolSettings) -> None:
        try:
            dask: Any = importlib.import_module("dask")
            distributed: Any = importlib.import_module("distributed")  # untyped: held as Any
        except ImportError as error:
            raise PublishError("--executor dask", "needs Dask: pip install 'publish[cluster]'") from error
        dask.config.set(CONFIG)
        self.settings = settings
        self._cluster: Any = None
        self._client: Any = None
        try:
            if scheduler is None:
                self._cluster = distributed.LocalCluster(
                    n_workers=settings.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(scheduler)  # waits as Dask's comm.timeouts.connect says
        except (OSError, TimeoutError) as error:
            self.close()
            raise PublishError(scheduler or "the local cluster", f"cannot reach the Dask scheduler: {error}") from error
        self._run = uuid.uuid4().hex[:8]
        self._numbers = itertools.count()

    def prepare(self) -> None:
        """The cluster's workers are already running."""

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], None]) -> None:
        distributed: Any = importlib.import_module("distributed")
        window = 2 * max(1, sum(self._client.nthreads().values()))
        pending = iter(tasks)
        futures = distributed.as_completed()
        held: dict[str, Task] = {}
        for task in itertools.islice(pending, window):
            futures.add(self._submit(task, held))
        for future in futures:
            task = held.pop(future.key)
            on_result(self._result(task, future))
            future.release()
            following = next(pending, None)
            if following is not None:
                futures.add(self._submit(following, held))

    def _submit(self, task: Task, held: dict[str, Task]) -> Any:
        key = f"publish-{self._run}-{next(self._numbers)}"
        held[key] = task
        return self._client.submit(run_remote, task, self.settings, key=key, pure=False)

    @staticmethod
    def _result(task: Task, future: Any) -> Result:
        from distributed import KilledWorker

        try:
            ok, value, seconds = future.result()
        except KilledWorker:
            return Result(task=task, ok=False, value="the cluster's worker was lost while making it", seconds=0.0)
        except Exception as error:  # noqa: BLE001 - any cluster failure fails this task alone
            cause = f"the cluster failed it: {type(error).__name__}: {error}"
            return Result(task=task, ok=False, value=cause, seconds=0.0)
        return Result(task=task, ok=ok, value=value, seconds=seconds)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
