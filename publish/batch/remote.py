"""A batch task as a cluster's worker runs it: in a pool of one process of its own.

A Dask worker runs tasks in a thread of its own process, and a page that crashes or hangs
the converter would take that worker down with it (Dask has no per-task timeout, and a
thread cannot be ended). So each cluster worker keeps one ``LocalPool`` of a single process
and runs every task through it, exactly as ``publish batch`` does on one machine: a crash or
a timeout fails the task, the cluster worker lives on, and the pool's process is warm across
tasks and recycled in the same way. This module does not import Dask: it is what the
cluster's workers unpickle, and it must cost them nothing.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

from publish.batch.pool import LocalPool, PoolSettings
from publish.batch.tasks import Task

_POOL: LocalPool | None = None
_LOCK = threading.Lock()


def run_remote(task: Task, settings: PoolSettings) -> tuple[bool, Any, float]:
    """Run ``task`` in this worker's own pool: (ok, value or cause, seconds)."""
    global _POOL  # one pool per cluster worker process, made on its first task
    single = dataclasses.replace(settings, workers=1)
    with _LOCK:
        if _POOL is None or _POOL.settings != single:
            if _POOL is not None:
                _POOL.close()
            _POOL = LocalPool(single)
        result = _POOL.call(task)
    return result.ok, result.value, result.seconds
