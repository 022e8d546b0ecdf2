"""What a batch asks its workers to do, and what comes back: plain data that pickles.

Workers run ``run_task`` and nothing else; every way a task can go wrong short of the worker
dying becomes a one-line cause here. The converter is imported where a task runs, not here:
the coordinator, which only sends tasks, need not load it (workers are started from a
forkserver that has, see ``WORKER_MODULES``). The cluster library is never imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish.batch.book import BookSettings, Built
from publish.batch.facts import PageFacts
from publish.batch.plan import Job
from publish.errors import PublishError
from publish.limits import DEFAULT, Limits

WORKER_MODULES = ("publish.batch.build", "publish.batch.survey")
"""What a worker imports once, before its first task."""


@dataclass(frozen=True, slots=True)
class SurveyTask:
    """Find the facts of one page."""

    root: str
    path: str
    limits: Limits = DEFAULT

    def run(self) -> PageFacts:
        from publish.batch.survey import survey
        from publish.files import read_input
        from publish.workfiles import looks_like_index

        file = Path(self.root) / self.path
        try:
            data = read_input(file, limits=self.limits)
        except PublishError as error:
            return PageFacts(problem=error.cause)
        return survey(data, str(file), index_name=looks_like_index(file), limits=self.limits)


@dataclass(frozen=True, slots=True)
class BuildTask:
    """Make some formats of one book."""

    root: str
    out: str
    job: Job
    formats: tuple[str, ...]
    settings: BookSettings

    def run(self) -> Built:
        from publish.batch.build import build

        return build(Path(self.root), Path(self.out), self.job, self.formats, self.settings)


Task = SurveyTask | BuildTask


@dataclass(frozen=True, slots=True)
class Result:
    task: Task
    ok: bool
    value: Any
    """The task's return value if ``ok``; else the one-line cause of its failure."""
    seconds: float


def run_task(task: Task) -> tuple[bool, Any]:
    """The task's value, or why it failed: a user's error as its cause, anything else named."""
    try:
        return True, task.run()
    except PublishError as error:
        root = task.root.rstrip("/") + "/"
        where = error.path.removeprefix(root)
        main = task.path if isinstance(task, SurveyTask) else task.job.inputs[0]
        return False, error.cause if where == main else f"{where}: {error.cause}"
    except RecursionError:
        return False, "internal error: the page nests too deeply to convert (RecursionError)"
    except MemoryError:
        return False, "internal error: out of memory"
    except Exception as error:  # noqa: BLE001 - a batch reports every failure and goes on
        return False, f"internal error: {type(error).__name__}: {error}"
