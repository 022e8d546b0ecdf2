"""``publish.batch`` for scripts: a whole folder into a library, with a typed result.

The options a script sets are one frozen value (``BatchOptions``), mapped onto the request
``publish batch`` itself makes (``batch.api.BatchRequest``); the run is watched by nobody (no
progress bar, nothing printed), and its outcome comes back as a ``Report``: plain numbers,
tuples and paths, none of the coordinator's own (mutable) records.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from publish.api_checks import check_epub, check_pamphlet
from publish.cli_options import refuse_address
from publish.errors import PublishError
from publish.render.options import EpubOptions, PamphletOptions, PdfOptions


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    """What a script may set of a batch (``publish batch``'s options, as values)."""

    formats: tuple[str, ...] = ("epub",)
    """What to make of each book: "epub", "pdf" or both."""
    jobs: int | None = None
    """Books made at once; None: one per core."""
    timeout: float = 300.0
    """A book that takes longer (seconds) is ended and reported failed."""
    recycle: int = 100
    """Each worker process is replaced after this many books."""
    force: bool = False
    """Make every book again, changed or not (else only what changed since the last run)."""
    text: bool = False
    """Also take ``.txt`` files (the archive's plain-text copies) as pages."""
    executor: str = "local"
    """"local" (worker processes here) or "dask" (a Dask cluster's workers)."""
    scheduler: str | None = None
    """With "dask": the scheduler's address; None starts a cluster of ``jobs`` workers here."""
    epub: EpubOptions = field(default_factory=EpubOptions)
    """Every EPUB's look (templates, styles, covers, an embedded face)."""
    pamphlet: PamphletOptions = field(default_factory=lambda: PamphletOptions(pdf=PdfOptions()))
    """Every PDF's paper, look, fitting and imposition."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """What a batch did: the counts ``publish batch`` prints, each failure, where the files are."""

    books: int
    """Books of the library: the works and articles found."""
    made: int
    """Books made in this run."""
    unchanged: int
    """Books left as they were: nothing they are made from changed."""
    failed: int
    pages_skipped: int
    """Pages that are no text to make a book of (contents pages, redirects, scans)."""
    removed: int
    """Books whose pages are gone from the archive, and whose files were removed."""
    seconds: float
    failures: tuple[tuple[str, str], ...]
    """(book, cause) of the first hundred failures; ``report`` lists every one."""
    slowest: tuple[tuple[str, float], ...]
    """(book, seconds) of the slowest books made."""
    report: Path
    """``report.json``: every book, its files, its diagnostics and its failure."""
    catalogue: tuple[Path, ...]
    """The library's catalogue: ``index.html`` for a browser, ``catalog.xml`` (OPDS) for e-readers."""

    @property
    def ok(self) -> bool:
        """Whether every book was made (or was already there)."""
        return self.failed == 0


def batch(
    archive_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], options: BatchOptions | None = None
) -> Report:
    """Convert a folder of archive pages into a library of books mirroring its layout, with a
    report and a catalogue; books whose pages and options have not changed are not made again.

    A book that fails is counted and named in the ``Report`` (the run goes on); what stops the
    run as a whole (a folder missing, the output folder in use) is a ``PublishError``."""
    from publish.batch.api import BatchRequest
    from publish.batch.api import batch as run
    from publish.batch.book import BookSettings
    from publish.batch.progress import Quiet
    from publish.batch.runner import REPORT

    given = options or BatchOptions()
    archive, out = _folders(archive_dir, out_dir)
    check_epub(given.epub)
    check_pamphlet(given.pamphlet)
    request = BatchRequest(
        archive=archive,
        out=out,
        settings=BookSettings(epub=given.epub, pamphlet=given.pamphlet),
        formats=_formats(given.formats),
        workers=_positive("jobs", given.jobs if given.jobs is not None else os.cpu_count() or 1),
        timeout=given.timeout if given.timeout > 0 else _refuse("timeout", given.timeout, "must be more than 0"),
        recycle=_positive("recycle", given.recycle),
        force=given.force,
        text=given.text,
        executor=_executor(given),
        scheduler=given.scheduler,
    )
    summary = run(request, Quiet())
    counts = summary.counts
    return Report(
        books=summary.books,
        made=counts.get("done", 0),
        unchanged=counts.get("skipped", 0),
        failed=counts.get("failed", 0),
        pages_skipped=counts.get("page", 0),
        removed=summary.removed,
        seconds=summary.seconds,
        failures=tuple(summary.failures),
        slowest=tuple(summary.slowest),
        report=out / REPORT,
        catalogue=(out / "index.html", out / "catalog.xml"),
    )


def _folders(archive_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    archive, out = Path(archive_dir), Path(out_dir)
    refuse_address(os.fspath(archive_dir))
    if not archive.is_dir():
        raise PublishError(str(archive), "no such folder" if not archive.exists() else "is not a folder")
    if out.exists() and not out.is_dir():
        raise PublishError(str(out), "is not a folder: give a folder for the books")
    if out.resolve() == archive.resolve():
        raise PublishError(str(out), "is the archive folder itself: give another folder for the books")
    return archive, out


def _formats(given: tuple[str, ...]) -> tuple[str, ...]:
    from publish.batch.book import FORMATS

    formats = tuple(dict.fromkeys(name.strip().lower() for name in given))
    if not formats or any(name not in FORMATS for name in formats):
        raise PublishError(f"formats={given!r}", f"choose from {', '.join(FORMATS)} (e.g. ('epub', 'pdf'))")
    return formats


def _executor(given: BatchOptions) -> str:
    if given.executor not in ("local", "dask"):
        raise PublishError(f"executor={given.executor!r}", 'choose "local" or "dask"')
    if given.scheduler and given.executor != "dask":
        raise PublishError("scheduler", 'only applies with executor="dask"')
    return given.executor


def _positive(name: str, value: int) -> int:
    return value if value >= 1 else _refuse(name, value, "must be at least 1")


def _refuse(name: str, value: object, cause: str) -> NoReturn:
    raise PublishError(f"{name}={value}", cause)
