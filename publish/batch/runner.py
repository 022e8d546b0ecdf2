"""The coordinator: survey the folder, plan, make what changed, record it, report, catalogue.

Only this process writes the manifest, the report and the catalogue; workers (local processes
or a cluster's) read pages and write book files. Nothing about a job is held in memory after
its result is recorded: counts, the plan, and the manifest on disk are the whole state, so a
mirror a hundred times the corpus needs no more than its plan's worth of memory.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from publish.batch import keys
from publish.batch.book import COVER, STAGING, BookSettings, Built
from publish.batch.facts import PageFacts
from publish.batch.manifest import Manifest
from publish.batch.plan import NOT_A_FILE, Job, Plan, needs_reading, plan
from publish.batch.tasks import BuildTask, Result, SurveyTask, Task
from publish.batch.tree import Entry, Known, content_hash, walk

MANIFEST = ".publish/manifest.sqlite"
REPORT = "report.json"


class Executor(Protocol):
    """Where tasks run: worker processes here (``pool.LocalPool``) or a cluster's (``cluster``)."""

    def prepare(self) -> None:
        """Work is coming (start what takes a while to start)."""
        ...

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], None]) -> None: ...

    def close(self) -> None: ...


class Observer(Protocol):
    """Who is told how the run goes (a progress bar, log lines, or nobody)."""

    def start(self, phase: str, total: int, work: int) -> None:
        """A phase of ``total`` tasks begins, ``work`` bytes of pages in all."""
        ...

    def advance(self, label: str, work: int, *, failed: bool = False) -> None:
        """A task of ``work`` bytes is done."""
        ...

    def finish(self) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchOptions:
    settings: BookSettings
    formats: tuple[str, ...]
    force: bool = False
    """Remake every book, whatever the manifest says."""
    text: bool = False
    """Also take ``.txt`` files as pages (the archive's plain-text copies)."""
    read_all: bool = False
    """Read every page before planning (a dry run, which makes no book to read them with)."""


_SLOWEST = 5
_FAILURES = 100  # listed in the summary; the report has every one


@dataclass(frozen=True, slots=True)
class Summary:
    counts: Mapping[str, int]
    """Books by what this run did (done, skipped: unchanged, failed), and jobs by kind (work,
    article; page: pages skipped), as the manifest has them after the run."""
    removed: int
    """Books no longer in the archive whose files were removed."""
    seconds: float
    slowest: list[tuple[str, float]]
    failures: list[tuple[str, str]]
    """The first failures by name, with their causes."""

    @property
    def changed(self) -> bool:
        """Whether the library changed: a book made or removed."""
        return bool(self.counts.get("done") or self.removed)

    @property
    def books(self) -> int:
        """Books of the library (the plan's jobs, less pages their own job found no book)."""
        return self.counts.get("work", 0) + self.counts.get("article", 0)

    def facts(self) -> dict[str, object]:
        return {
            "books": self.books,
            "works": self.counts.get("work", 0),
            "articles": self.counts.get("article", 0),
            "done": self.counts.get("done", 0),
            "unchanged": self.counts.get("skipped", 0),
            "failed": self.counts.get("failed", 0),
            "pages_skipped": self.counts.get("page", 0),
            "removed": self.removed,
            "seconds": round(self.seconds, 3),
            "slowest": [{"book": name, "seconds": round(seconds, 3)} for name, seconds in self.slowest],
        }


class Batch:
    """One run of ``publish batch`` from ``archive`` into ``out``."""

    def __init__(self, archive: Path, out: Path, options: BatchOptions, manifest: Manifest) -> None:
        self.archive = archive.resolve()
        self.out = out.resolve()
        self.options = options
        self.manifest = manifest
        settings = options.settings
        # a page's facts hang on the limits it was read with (a page refused as too large is read when they rise)
        self._toolkit = f"{keys.toolkit()}\0{settings.epub.limits!r}"
        look = (
            keys.folder(settings.epub.templates),
            keys.folder(settings.epub.styles),
            keys.theme(settings.epub.theme),
        )
        tools = (self._toolkit, *look)
        kinds = (*options.formats, *((COVER,) if settings.covers else ()))
        self._made_with = {kind: "\0".join((*tools, settings.fingerprint(kind))) for kind in kinds}
        self._digests: dict[str, str] = {}
        self._sizes: dict[str, int] = {}

    def survey(self, executor: Executor, observer: Observer) -> Plan:
        """Hash the pages, read the new and changed ones, and plan the books."""
        entries = list(walk(self.archive, text=self.options.text, exclude=self.out))
        pages = self._hash(entries)
        toolkit = self._toolkit
        facts: dict[str, PageFacts | None] = dict(self.manifest.facts(self._digests, toolkit))
        unread = [path for path in self._digests if path not in facts]
        if unread:
            executor.prepare()
        if self.options.read_all:
            todo = unread
        else:  # the rest are read by their own jobs, which make their books in the same breath
            must = needs_reading(self._digests)
            todo = [path for path in unread if path in must]
            facts.update((path, None) for path in unread if path not in must)
        if todo:
            observer.start("Reading pages", len(todo), sum(self._sizes[path] for path in todo))

            def surveyed(result: Result) -> None:
                assert isinstance(result.task, SurveyTask)
                path = result.task.path
                if result.ok:
                    facts[path] = result.value
                    self.manifest.save_facts(path, self._digests[path], toolkit, result.value)
                else:  # the worker died or hung on it: a problem for this run, surveyed again next time
                    facts[path] = PageFacts(problem=f"could not be read: {result.value}")
                observer.advance(path, self._sizes[path], failed=not result.ok)

            limits = self.options.settings.epub.limits
            executor.run((SurveyTask(str(self.archive), path, limits) for path in todo), surveyed)
            observer.finish()
            self.manifest.commit()
        facts.update(pages)
        return plan(facts, root_name=self.archive.name)

    def _hash(self, entries: list[Entry]) -> dict[str, PageFacts]:
        """Content hashes of the regular pages (``self._digests``); facts for the others."""
        known = self.manifest.known_files()
        changed: dict[str, Known] = {}
        others: dict[str, PageFacts] = {}
        for entry in entries:
            if not entry.regular:
                others[entry.path] = PageFacts(problem=NOT_A_FILE)
                continue
            hashed = content_hash(self.archive, entry, known.get(entry.path))
            if hashed is None:
                others[entry.path] = PageFacts(problem="could not be read")
                continue
            self._digests[entry.path], record = hashed
            self._sizes[entry.path] = entry.size
            if record is not known.get(entry.path):
                changed[entry.path] = record
        self.manifest.update_files(changed, set(known) - set(self._digests))
        return others

    def wanted(self, job: Job) -> dict[str, str]:
        """The key of each file kind this job should have (its formats, and its cover)."""
        digests = self._digests
        return {kind: keys.output_key(kind, job, digests, made_with) for kind, made_with in self._made_with.items()}

    def stale(self, job: Job, wanted: Mapping[str, str]) -> tuple[str, ...]:
        """The kinds whose files are missing, or were made from anything else than now."""
        if self.options.force:
            return tuple(wanted)
        made = self.manifest.made(job.id)
        out = str(self.out)
        return tuple(
            kind
            for kind, key in wanted.items()
            if kind not in made
            or made[kind][0] != key
            or not all(os.path.isfile(os.path.join(out, path)) for path in made[kind][1])
        )

    def build(self, the_plan: Plan, executor: Executor, observer: Observer) -> int:
        """Make what is stale, most work first; record each result as it comes. Returns the
        number of books removed because their pages are gone."""
        self.manifest.begin_run()
        for skipped in the_plan.skipped:
            self.manifest.set_status(skipped.path, "page", "skipped", reason=skipped.reason, inputs=(skipped.path,))
        removed = self._remove_gone(the_plan)
        todo: list[tuple[int, int, tuple[str, ...]]] = []  # (size, the job's place in the plan, stale kinds)
        for number, job in enumerate(the_plan.jobs):
            if job.problem is not None:
                self.manifest.set_status(job.id, job.kind.value, "failed", reason=job.problem, inputs=job.inputs)
                continue
            stale = self.stale(job, self.wanted(job))
            if not stale:
                self.manifest.set_status(job.id, job.kind.value, "skipped", reason="unchanged", inputs=job.inputs)
                continue
            todo.append((sum(self._sizes.get(path, 0) for path in job.inputs), number, stale))
        self.manifest.commit()
        if not todo:
            return removed
        todo.sort(key=lambda item: (-item[0], item[1]))  # the biggest first: no straggler at the end
        observer.start("Making books", len(todo), sum(size for size, _, _ in todo))
        archive, out, settings = str(self.archive), str(self.out), self.options.settings

        def built(result: Result) -> None:
            assert isinstance(result.task, BuildTask)
            job = result.task.job
            kind, status = job.kind.value, "failed"
            reason: str | None = str(result.value)
            if result.ok:
                made: Built = result.value
                if made.facts is not None:
                    self.manifest.save_facts(job.id, self._digests[job.id], self._toolkit, made.facts)
                if made.not_a_book is not None:  # read by its own job: no book after all
                    self._forget(job.id)
                    kind, status, reason = "page", "skipped", made.not_a_book
                else:
                    self.manifest.record_built(job, made, self.wanted(job), result.seconds)
                    status, reason = "done", None
            self.manifest.set_status(job.id, kind, status, reason=reason, inputs=job.inputs, seconds=result.seconds)
            self.manifest.commit_soon()
            observer.advance(job.stem, sum(self._sizes.get(path, 0) for path in job.inputs), failed=not result.ok)

        (self.out / STAGING).mkdir(parents=True, exist_ok=True)
        tasks = (BuildTask(archive, out, the_plan.jobs[number], stale, settings) for _, number, stale in todo)
        executor.run(tasks, built)
        self.manifest.commit()
        observer.finish()
        return removed

    def _forget(self, ident: str) -> None:
        """A book that is no more: its files go, and the manifest forgets it."""
        for path in self.manifest.forget(ident):
            _remove(self.out, path)

    def _remove_gone(self, the_plan: Plan) -> int:
        """Books whose pages were deleted (or are now part of a work, or no longer a text):
        their files go, so the output folder mirrors the archive as it is."""
        current = {job.id for job in the_plan.jobs}
        removed = 0
        for ident in self.manifest.book_ids():
            if ident not in current:
                self._forget(ident)
                removed += 1
        if not self.options.settings.covers:
            for job in the_plan.jobs:
                made = self.manifest.outputs(job.id).get(COVER)
                if made is not None:
                    for path in made.paths:
                        _remove(self.out, path)
                    self.manifest.forget_output(job.id, COVER)
        self.manifest.commit()
        return removed


def clear_staging(out: Path) -> None:
    """Files a killed run was writing: never finished, never renamed into place. The staging
    folder is the batch's own and this run holds the manifest's lock, so no other run writes
    there: whatever is in it at the start is a leftover, even one whose writer lives on (a
    worker of a killed run, not yet ended; its rename then fails, in a run nobody awaits)."""
    staging = out / STAGING
    if staging.is_dir():
        for leftover in staging.iterdir():
            if leftover.is_file() or leftover.is_symlink():
                leftover.unlink(missing_ok=True)


def _remove(out: Path, relative: str) -> None:
    """Remove one of the batch's own files, and the folders that held only it."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        return
    path = out / pure
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def run(
    archive: Path, out: Path, options: BatchOptions, executor: Executor, observer: Observer, manifest: Manifest
) -> Summary:
    started = time.monotonic()
    clear_staging(out)
    batch = Batch(archive, out, options, manifest)
    the_plan = batch.survey(executor, observer)
    removed = batch.build(the_plan, executor, observer)
    failures = list(itertools.islice(manifest.failures(), _FAILURES))
    return Summary(
        counts=manifest.counts(),
        removed=removed,
        seconds=time.monotonic() - started,
        slowest=manifest.slowest(_SLOWEST),
        failures=failures,
    )
