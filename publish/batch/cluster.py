"""Placeholder for the Dask executor (next step)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from publish.batch.pool import PoolSettings
from publish.batch.tasks import Result, Task


class DaskExecutor:
    def __init__(self, scheduler: str | None, settings: PoolSettings) -> None:
        raise NotImplementedError

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], None]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass
