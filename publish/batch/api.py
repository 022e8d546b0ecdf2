"""A batch from start to end: the manifest opened (and locked), the workers started, the run,
its report and catalogue written, everything closed again whatever happens."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from publish import __version__
from publish.batch.book import BookSettings
from publish.batch.manifest import Manifest, ManifestBusyError
from publish.batch.plan import Plan
from publish.batch.runner import MANIFEST, REPORT, BatchOptions, Executor, Observer, Summary, run
from publish.errors import PublishError


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchRequest:
    archive: Path
    out: Path
    settings: BookSettings
    formats: tuple[str, ...] = ("epub",)
    workers: int = 1
    timeout: float = 300.0
    recycle: int = 100
    force: bool = False
    text: bool = False
    executor: str = "local"
    """"local" (worker processes here) or "dask" (a Dask cluster's workers)."""
    scheduler: str | None = None
    """With "dask": the scheduler's address; None starts a cluster of ``workers`` here."""

    @property
    def options(self) -> BatchOptions:
        return BatchOptions(settings=self.settings, formats=self.formats, force=self.force, text=self.text)


def batch(request: BatchRequest, observer: Observer) -> Summary:
    """Run the batch: books made, report and catalogue written. Raises ``PublishError`` for
    what stops it as a whole (the output folder in use or unwritable, a cluster unreachable)."""
    with _manifest(request.out / MANIFEST) as manifest, _executor(request) as executor:
        summary = run(request.archive, request.out, request.options, executor, observer, manifest)
        from publish.batch.catalogue import write_catalogue
        from publish.batch.report import write_report

        facts = {
            **summary.facts(),
            "formats": list(request.formats),
            "executor": request.executor,
            "workers": request.workers,
            "version": __version__,
        }
        manifest.finish_run(facts)
        write_report(request.out / REPORT, manifest, facts)
        write_catalogue(request.out, manifest, request.settings, changed=summary.changed)
        return summary


def dry_run(request: BatchRequest, observer: Observer) -> tuple[Plan, dict[str, bool]]:
    """The plan, and for each book whether it would be made (True) or is unchanged. Pages
    are read (that is how the plan is made) but no book is made, and no output folder is
    made where there is none."""
    from publish.batch.runner import Batch, clear_staging

    where = request.out / MANIFEST if request.out.is_dir() else None
    with _manifest(where) as manifest, _executor(request) as executor:
        clear_staging(request.out)
        runner = Batch(request.archive, request.out, dataclasses.replace(request.options, read_all=True), manifest)
        the_plan = runner.survey(executor, observer)
        return the_plan, {job.id: bool(runner.stale(job, runner.wanted(job))) for job in the_plan.jobs}


@contextlib.contextmanager
def _manifest(path: Path | None) -> Iterator[Manifest]:
    try:
        manifest = Manifest(path)
    except ManifestBusyError as error:
        raise PublishError(str(path.parent.parent if path else ""), "another publish batch is writing here") from error
    except OSError as error:
        raise PublishError(str(path), f"cannot keep the manifest: {error.strerror or error}") from error
    try:
        yield manifest
    finally:
        manifest.close()


@contextlib.contextmanager
def _executor(request: BatchRequest) -> Iterator[Executor]:
    from publish.batch.pool import PoolSettings

    preload = ("weasyprint",) if "pdf" in request.formats else ()
    settings = PoolSettings(workers=request.workers, timeout=request.timeout, recycle=request.recycle, preload=preload)
    executor: Executor
    if request.executor == "dask":
        from publish.batch.cluster import DaskExecutor

        executor = DaskExecutor(request.scheduler, settings)
    else:
        from publish.batch.pool import LocalPool

        executor = LocalPool(settings)
    try:
        yield executor
    finally:
        executor.close()
