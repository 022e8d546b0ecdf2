"""``publish batch ARCHIVE_DIR OUT_DIR``: the command line of a batch (part of the CLI).

Every single-book option that makes sense for many books applies to all of them (paper,
imposition, fit, PDF standard, theme, templates, styles, covers); a cover file or a title does not.
Exit codes: 0 nothing failed, 1 some book failed (each is reported with its cause), 2 bad
arguments.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from publish.batch.book import BookSettings
    from publish.batch.plan import Plan
    from publish.batch.runner import Summary
    from publish.cli_output import Output

DEFAULT_TIMEOUT = 300.0


def add_batch_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from publish.cli_options import add_epub_arguments, add_look_arguments, add_pdf_arguments

    batch = commands.add_parser(
        "batch",
        help="convert a whole folder of the archive: a book per work and per article, in parallel, incrementally",
        description="Convert a folder of archive pages into a library of books that mirrors its layout, with "
        "a report (report.json) and a catalogue (index.html, catalog.xml for e-reader apps). Books whose "
        "pages and options have not changed since the last run are not made again.",
    )
    batch.add_argument("archive", metavar="ARCHIVE_DIR", type=Path, help="a folder of archive pages (a mirror)")
    batch.add_argument("out", metavar="OUT_DIR", type=Path, help="where the books, report and catalogue go")
    batch.add_argument(
        "--formats", default="epub", help="what to make of each book: epub, pdf or epub,pdf (default: epub)"
    )
    cores = os.cpu_count() or 1
    batch.add_argument("-j", "--jobs", type=int, default=cores, help="books made at once (default: the cores)")
    batch.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"end a book that takes longer than this and report it failed (default: {DEFAULT_TIMEOUT:g})",
    )
    batch.add_argument("--dry-run", action="store_true", help="print the plan (books, their pages, pages skipped)")
    batch.add_argument("--force", action="store_true", help="make every book again, changed or not")
    batch.add_argument(
        "--text",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also take .txt files (plain-text copies) as pages",
    )
    batch.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="local: worker processes on this machine (default); dask: a Dask cluster's workers",
    )
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: the cluster's scheduler (tcp://HOST:8786); without it, a cluster of -j "
        "workers on this machine",
    )
    batch.add_argument(
        "--recycle", type=int, default=100, metavar="N", help="replace each worker after N books (default: 100)"
    )
    add_epub_arguments(batch, cover_file=False)
    add_pdf_arguments(batch)
    add_look_arguments(batch)
    batch.set_defaults(run=run_batch)


def run_batch(args: argparse.Namespace) -> int:
    from publish.batch.api import BatchRequest, batch

    signal.signal(signal.SIGTERM, _interrupted)  # ended like Ctrl-C: workers stopped, manifest closed

    formats = _formats(args.formats)
    archive, out = _folders(args.archive, args.out)
    for name, value in (("-j", args.jobs), ("--recycle", args.recycle)):
        if value < 1:
            raise PublishError(f"{name} {value}", "must be at least 1")
    if not args.timeout > 0:
        raise PublishError(f"--timeout {args.timeout:g}", "must be more than 0 seconds")
    if args.scheduler and args.executor != "dask":
        raise PublishError("--scheduler", "only applies with --executor dask")
    request = BatchRequest(
        archive=archive,
        out=out,
        settings=_settings(args),
        formats=formats,
        workers=args.jobs,
        timeout=args.timeout,
        recycle=args.recycle,
        force=args.force,
        text=args.text,
        executor=args.executor,
        scheduler=args.scheduler,
    )
    from publish.batch.progress import Quiet, display
    from publish.cli_output import output_of

    output = output_of(args)
    progress = Quiet() if output.quiet or output.json else display(sys.stderr)
    if args.dry_run:
        from publish.batch.api import dry_run

        for line in plan_lines(*dry_run(request, progress)):
            print(line)
        return 0
    summary = batch(request, progress)
    report_summary(output, summary, out)
    return 1 if summary.counts.get("failed") else 0


_SHOWN = 20  # failures listed by name; the report has them all


def plan_lines(the_plan: Plan, stale: dict[str, bool]) -> Iterator[str]:
    """The plan as ``--dry-run`` prints it: each book with its pages and what would become of
    it, each page skipped and why, and a count."""
    for job in the_plan.jobs:
        state = f"fails: {job.problem}" if job.problem else "would make" if stale[job.id] else "unchanged"
        yield f"book {job.stem} ({job.kind.value}, {state})"
        for path in job.inputs:
            yield f"  {path}"
    for skipped in the_plan.skipped:
        yield f"skip {skipped.path}: {skipped.reason}"
    works = sum(1 for job in the_plan.jobs if job.kind.value == "work")
    yield (
        f"plan: {_books(len(the_plan.jobs), works)}, {sum(stale.values())} to make; "
        f"{_count(len(the_plan.skipped), 'page')} skipped; nothing made (--dry-run)"
    )


def _books(books: int, works: int) -> str:
    return f"{_count(books, 'book')} ({_count(works, 'work')}, {_count(books - works, 'article')})"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary_lines(summary: Summary, out: Path) -> list[str]:
    """The run in a few lines: counts, the slowest books, each failure with its cause."""
    counts = summary.counts
    works, books = counts.get("work", 0), summary.books
    lines = [
        f"publish batch: {_books(books, works)} in {summary.seconds:.1f} s: "
        f"{counts.get('done', 0)} made, {counts.get('skipped', 0)} unchanged, {counts.get('failed', 0)} failed; "
        f"{_count(counts.get('page', 0), 'page')} skipped (not texts); {summary.removed} removed (pages gone)"
    ]
    if summary.slowest:
        lines.append("  slowest: " + ", ".join(f"{name} ({seconds:.1f} s)" for name, seconds in summary.slowest))
    for name, cause in summary.failures[:_SHOWN]:
        lines.append(f"  failed: {name}: {cause}")
    if len(summary.failures) > _SHOWN:
        lines.append(f"  … and {len(summary.failures) - _SHOWN} more failures")
    lines.append(f"  report: {out / 'report.json'}; catalogue: {out / 'index.html'}, {out / 'catalog.xml'}")
    return lines


def report_summary(output: Output, summary: Summary, out: Path) -> None:
    """The run's end as the user asked for it: the summary's lines; with ``-q`` the failures
    only; for a tool each failure and the counts as JSON objects."""
    if not output.quiet and not output.json:
        output.lines(summary_lines(summary, out))
        return
    for name, cause in summary.failures:
        output.failed(name, cause)
    counts = summary.counts
    output.event(
        "summary",
        {
            "books": summary.books,
            "works": counts.get("work", 0),
            "made": counts.get("done", 0),
            "unchanged": counts.get("skipped", 0),
            "failed": counts.get("failed", 0),
            "pages_skipped": counts.get("page", 0),
            "removed": summary.removed,
            "seconds": round(summary.seconds, 3),
            "report": str(out / "report.json"),
        },
    )


def _interrupted(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    from publish.batch.book import FORMATS

    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise PublishError(f"--formats {value}", f"choose from {', '.join(FORMATS)} (e.g. epub,pdf)")
    return formats


def _folders(archive: Path, out: Path) -> tuple[Path, Path]:
    from publish.cli_options import refuse_address

    refuse_address(str(archive))
    if not archive.is_dir():
        cause = "no such folder" if not archive.exists() else "is not a folder: give the archive's folder"
        raise PublishError(str(archive), cause)
    if out.exists() and not out.is_dir():
        raise PublishError(str(out), "is not a folder: give a folder for the books")
    if out.resolve() == archive.resolve():
        raise PublishError(str(out), "is the archive folder itself: give another folder for the books")
    return archive, out


def _settings(args: argparse.Namespace) -> BookSettings:
    from publish.batch.book import BookSettings
    from publish.cli_options import epub_options, pamphlet_options

    return BookSettings(epub=epub_options(args, None), pamphlet=pamphlet_options(args, None))
