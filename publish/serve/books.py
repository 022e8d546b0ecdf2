"""Books made on request for the web library: checked at once, made on worker processes, cached.

A reader's "Build" and an e-reader's OPDS download both come here. The request is checked as
the command line checks its flags (``cli_options``, so a bad paper size is the same one line),
then keyed as batch keys its books (the content of every page the book is made of, the
options' fingerprint, the theme's files and the toolkit's own code): a book already made with
those makings is served from the cache at once, with no worker; a changed page makes a new
one. Otherwise the book is made by the pool batch uses (``batch.pool``, made to end when the
server stops: ``workers``): a worker that crashes,
is killed or runs past its deadline fails that build alone, with a one-line cause, and the
server, which only waits on a queue, stays responsive. At most ``jobs`` books are made at once
and at most ``max_queued`` wait or run; past that a request is refused, never queued without end.

The cache is ``CACHE/books/KEY.epub`` (or ``.pdf``) and ``KEY.json`` (what making it said and
its download name), each written atomically, the JSON last: a book is a hit only when both are
there, so a build killed half way leaves nothing that looks made.

The cache is bounded (``cache_limit``, 2 GiB unless told; ``publish serve --book-cache``): once
at start and after each build, the least recently used books are deleted until the rest fit.
A book's last use is its file's mtime, touched whenever it is found in the cache or its build's
status is asked: the file system is the index, so nothing is kept in step with it and a cache
copied, emptied by hand or shared by two servers is still read right. A book that a build
waiting or running will write, or that a build finished or found within ``RECENT`` seconds
names (its download page may be open), is never deleted; past that, a build whose book was
deleted is simply queued again the next time its status is asked, and a request for it is a miss.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import json
import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal, cast

from publish.batch.pool import BACKGROUND_NICE, PoolSettings
from publish.errors import PublishError
from publish.limits import DEFAULT, MIB
from publish.render.translations import N_
from publish.serve.book_task import EPUB, PDF, BookTask, Made
from publish.serve.paths import inside
from publish.serve.refusals import RefusedError
from publish.serve.workers import EndablePool

if TYPE_CHECKING:
    from publish.batch.tasks import Result, Task
    from publish.limits import Limits
    from publish.render.options import EpubOptions, PamphletOptions

State = Literal["queued", "running", "done", "failed"]
DEFAULT_TIMEOUT = 600.0
"""Seconds a build may run before its worker is ended (as ``publish batch --timeout``)."""
MAX_KEYS = 200
"""Texts in one anthology: far more than a pamphlet holds, and a bound on one request's work."""
_KEPT = 1000
"""Finished builds whose status is remembered (the oldest forgotten first)."""
_STOP_WAIT = 10.0
_MAX_WORDS = 1000
"""Characters in a title or an author line."""
DEFAULT_CACHE_LIMIT = 2 * 1024 * MIB
"""Bytes of built books kept in ``CACHE/books`` unless told otherwise (2 GiB)."""
RECENT = 900.0
"""Seconds after a build finishes, or its status was last asked, in which its book is never
pruned: a visitor on its download page has that long to press the button."""
_BOOK_SUFFIXES = (".epub", ".pdf", ".json")


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """A book to make: one key is that book; several are an anthology, in that order.

    A key is a batch job's id: the book's main page (a work's index) relative to the archive."""

    keys: tuple[str, ...]
    format: str = EPUB
    """ "epub" or "pdf"."""
    paper: str = "a5"
    """As ``publish pdf --paper``: a5, a4, a6, letter, half-letter or WIDTHxHEIGHT (PDF only)."""
    impose: str | None = None
    """None (pages in reading order) or "booklet" (PDF only)."""
    signature: int | None = None
    """Booklet: fold in signatures of this many pages (a multiple of 4)."""
    theme: str | None = None
    """A built-in theme's name (``publish themes``); None for classic. A folder is not taken."""
    cover: bool = True
    """EPUB: make a cover (a PDF's look is its theme's)."""
    title: str | None = None
    """Over the page's; required for several keys."""
    author: str | None = None
    """Over the page's: several separated by ";" as ``--author`` takes them."""


@dataclass(frozen=True, slots=True)
class Status:
    state: State
    message: str
    """One line: what was made ("wrote 12 A5 pages imposed on 3 A4 sheets"), or why it failed."""
    file: Path | None = None
    """The book in the cache, once done."""
    filename: str | None = None
    """A good name to download it as (``book_names``: the work's, the page's or the title's)."""


@dataclass(slots=True)
class _Build:
    key: str
    task: BookTask
    """How its book is made: kept once it is, to make it again if the cache lets it go."""
    state: State
    message: str
    file: Path | None = None
    filename: str | None = None
    seen: float = 0.0
    """When it last finished or was looked at (``time.monotonic``): see ``RECENT``."""

    def status(self) -> Status:
        return Status(self.state, self.message, self.file, self.filename)


@dataclass(frozen=True, slots=True)
class _Planned:
    """A request checked and keyed: where its book goes and how it is made."""

    key: str
    file: Path
    about: Path
    filename: str
    task: BookTask


class BookMaker:
    """Make books on request; see the module's docstring. ``close()`` when done (or use ``with``)."""

    def __init__(
        self,
        archive: Path,
        cache: Path,
        *,
        jobs: int = 2,
        max_queued: int = 8,
        timeout: float = DEFAULT_TIMEOUT,
        cache_limit: int | None = None,
        recent: float = RECENT,
    ) -> None:
        """``cache_limit``: bytes of books kept (None: ``DEFAULT_CACHE_LIMIT``); ``recent``:
        seconds a finished build's book is kept whatever the limit (``RECENT``)."""
        if jobs < 1 or max_queued < 1 or timeout <= 0:
            raise PublishError("publish serve", "jobs, queued builds and the timeout must each be at least 1")
        self.archive = archive.resolve()
        self.books = cache / "books"
        self.max_queued = max_queued
        self.cache_limit = DEFAULT_CACHE_LIMIT if cache_limit is None else cache_limit
        if cache_limit is not None and cache_limit < 1:
            raise PublishError("publish serve", "the book cache's limit must be at least 1 byte")
        self.recent = recent
        self._pruning = threading.Lock()
        self._builds: collections.OrderedDict[str, _Build] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._closing = False
        self._runs = 0
        settings = PoolSettings(
            workers=1, timeout=timeout, preload=("publish.serve.book_task", "weasyprint"), nice=BACKGROUND_NICE
        )
        self._pools = [EndablePool(settings) for _ in range(jobs)]
        self.prune()
        self._threads = [
            threading.Thread(target=self._serve, args=(pool,), name=f"publish-books-{number}", daemon=True)
            for number, pool in enumerate(self._pools, start=1)
        ]
        for thread in self._threads:
            thread.start()

    @property
    def runs(self) -> int:
        """Builds sent to a worker so far (a cache hit is not one)."""
        return self._runs

    def submit(self, request: Request) -> str:
        """A build id for ``request``: done at once from the cache, or queued; a bad value in
        the request, or a full queue, is a ``PublishError``. Reads the book's pages to key
        them, so call it off the event loop (Starlette: ``run_in_threadpool``)."""
        planned = self._plan(request)
        with self._lock:
            if self._closing:
                raise PublishError("publish serve", "is stopping; no book is made now")
            for ident, build in self._builds.items():  # the same book asked for again while it is made
                if build.key == planned.key and build.state in ("queued", "running"):
                    return ident
            ident = secrets.token_hex(8)
            if planned.about.is_file() and _touch(planned.file):
                message = _about(planned.about).get("message", "made before")
                build = _Build(planned.key, planned.task, "done", message, planned.file, planned.filename)
                build.seen = time.monotonic()
                self._remember(ident, build)
                return ident
            self._check_room()
            self._remember(ident, _Build(planned.key, planned.task, "queued", "waiting for a worker"))
            self._queue.put(ident)
            return ident

    def status(self, build_id: str) -> Status:
        """The build's state; a done build's book counts as used (see ``RECENT``), and one the
        cache has let go of is queued to be made again."""
        with self._lock:
            build = self._build(build_id)
            self._look(build_id, build)
            return build.status()

    def wait(self, build_id: str, timeout: float | None = None) -> Status:
        """The build's status once it is done or failed, or as it is when ``timeout`` runs out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            self._look(build_id, self._build(build_id))
            while (build := self._build(build_id)).state in ("queued", "running"):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._changed.wait(left)
            return build.status()

    def prune(self) -> int:
        """Delete the least recently used books until the cache is within ``cache_limit``, never
        one a build in progress or a recent one names; the bytes it deleted. Called at start and
        after each build; the folder is read outside the lock, the choice and the deletions
        made under it, so a book found in the cache meanwhile is not taken from under it."""
        with self._pruning:
            found = _cached(self.books)
            total = sum(book.size for book in found)
            if total <= self.cache_limit:
                return 0
            freed = 0
            with self._lock:
                used = self._in_use()
                for book in sorted(found, key=lambda book: book.used):
                    if total - freed <= self.cache_limit:
                        break
                    if book.stem not in used:
                        book.delete()
                        freed += book.size
            return freed

    def close(self) -> None:
        """Stop: builds waiting fail, builds running are ended with their workers, and no
        worker process is left behind."""
        with self._lock:
            if self._closing:
                return
            self._closing = True
            for build in self._builds.values():
                if build.state == "queued":
                    self._finish(build, "failed", "the server stopped before this book was made")
        for _ in self._threads:
            self._queue.put(None)
        for pool in self._pools:
            pool.end()
        for thread in self._threads:
            thread.join(_STOP_WAIT)

    def __enter__(self) -> BookMaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _plan(self, request: Request) -> _Planned:
        """The request checked (every value, then every key) and keyed; nothing made yet."""
        from publish.overrides import overrides

        epub, pamphlet = _options(request)
        overrides(title=request.title, authors=_authors(request.author) or None, date_given=None, language=None)
        limits = epub.limits if epub is not None else pamphlet.pdf.limits if pamphlet is not None else DEFAULT
        pages = [self._page(key) for key in _keys(request)]
        inputs = _inputs(pages, limits)
        key = _key(
            request, epub, pamphlet, [(path.relative_to(self.archive).as_posix(), path) for path in inputs], limits
        )
        suffix = f".{request.format}"
        filename = _filename(request, pages[0], len(inputs))
        file, about = self.books / f"{key}{suffix}", self.books / f"{key}.json"
        task = BookTask(
            root=str(self.archive),
            keys=tuple(path.relative_to(self.archive).as_posix() for path in pages),
            title=request.title,
            authors=_authors(request.author),
            epub=epub,
            pamphlet=pamphlet,
            out=str(file),
            about=str(about),
            staging=str(self.books / ".tmp"),
            filename=filename,
        )
        return _Planned(key=key, file=file, about=about, filename=filename, task=task)

    def _page(self, key: str) -> Path:
        path = inside(self.archive, key)
        if path is None:
            raise PublishError(key[:200], "is no page of this archive")
        return path

    def _build(self, build_id: str) -> _Build:
        build = self._builds.get(build_id)
        if build is None:
            raise PublishError(build_id[:64], "no such build (it may have been forgotten: make the book again)")
        return build

    def _check_room(self) -> None:
        waiting = sum(build.state in ("queued", "running") for build in self._builds.values())
        if waiting >= self.max_queued:
            message = N_("Too many books are waiting to be made (%(count)s): try again in a minute.")
            raise RefusedError("publish serve", message, count=str(waiting))

    def _look(self, ident: str, build: _Build) -> None:
        """A done build looked at: its book is used now; if the cache let it go, it is queued
        to be made again (or, with no room or the server stopping, failed with the cause)."""
        if build.state != "done":
            return
        build.seen = time.monotonic()
        if build.file is not None and _touch(build.file):
            return
        gone = "its book was deleted from the cache to make room"
        if self._closing:
            self._finish(build, "failed", f"{gone}; the server is stopping")
            return
        try:
            self._check_room()
        except PublishError as error:
            self._finish(build, "failed", f"{gone}; {error.cause}")
            return
        build.state, build.message, build.file = "queued", f"{gone}: making it again", None
        self._queue.put(ident)
        self._changed.notify_all()

    def _in_use(self) -> set[str]:
        """The books (their keys) a build waiting or running will write, or a recent build names."""
        since = time.monotonic() - self.recent
        return {
            build.key
            for build in self._builds.values()
            if build.state in ("queued", "running") or (build.state == "done" and build.seen >= since)
        }

    def _remember(self, ident: str, build: _Build) -> None:
        self._builds[ident] = build
        finished = [i for i, b in self._builds.items() if b.state in ("done", "failed")]
        for old in finished[: max(0, len(finished) - _KEPT)]:
            del self._builds[old]
        self._changed.notify_all()

    def _finish(self, build: _Build, state: State, message: str, file: Path | None = None) -> None:
        build.state, build.message, build.file = state, message, file
        if state == "done":
            build.filename, build.seen = build.task.filename, time.monotonic()
            if file is not None:
                _touch(file)
        self._changed.notify_all()

    def _serve(self, pool: EndablePool) -> None:
        """A slot's life: take the next build, make it on this slot's worker, record what came."""
        try:
            while (ident := self._queue.get()) is not None:
                with self._lock:
                    build = self._builds.get(ident)
                    if build is None or build.state != "queued":
                        continue
                    task = build.task
                    if Path(task.about).is_file() and _touch(Path(task.out)):  # made meanwhile by another build
                        self._finish(
                            build, "done", _about(Path(task.about)).get("message", "made before"), Path(task.out)
                        )
                        continue
                    build.state, build.message = "running", "making the book"
                    self._runs += 1
                    self._changed.notify_all()
                result = pool.call(cast("Task", task))
                with contextlib.suppress(OSError):  # before the build is done: a waiter sees the cache pruned
                    self.prune()  # (the new book is safe: its build is still running)
                with self._lock:
                    self._record(build, result)
        finally:
            pool.close()

    def _record(self, build: _Build, result: Result) -> None:
        if self._closing and not result.ok:
            self._finish(build, "failed", "the server stopped while this book was being made")
        elif not result.ok:  # the worker died or ran out of time, or an internal error
            self._finish(build, "failed", " ".join(str(result.value).split()))
        else:
            made = cast(Made, result.value)
            file = Path(cast(BookTask, result.task).out)
            self._finish(build, "done" if made.ok else "failed", made.message, file if made.ok else None)


@dataclass(frozen=True, slots=True)
class _Cached:
    """One book in the cache: its key (the files' stem), its files, their bytes, its last use."""

    stem: str
    files: tuple[Path, ...]
    size: int
    used: int
    """Nanoseconds (``_touch``'s stamps are a nanosecond apart at least: a float would tie them)."""

    def delete(self) -> None:
        """The JSON first: without it the book is no longer a hit, even if the rest stays."""
        for path in sorted(self.files, key=lambda path: path.suffix != ".json"):
            with contextlib.suppress(OSError):
                path.unlink()


def _cached(folder: Path) -> list[_Cached]:
    """The books in ``folder`` (a book without its JSON, or a JSON without its book, counts
    too, and goes first), each used last when its newest file was written or touched."""
    files: dict[str, list[tuple[Path, os.stat_result]]] = collections.defaultdict(list)
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not made yet (or unreadable: then there is nothing it could delete either)
        return []
    for entry in entries:
        name = Path(entry.name)
        if name.suffix not in _BOOK_SUFFIXES or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            files[name.stem].append((Path(entry.path), entry.stat(follow_symlinks=False)))
    return [
        _Cached(
            stem,
            tuple(path for path, _ in found),
            sum(stat.st_size for _, stat in found),
            max(stat.st_mtime_ns for _, stat in found) if len(found) > 1 else 0,
        )
        for stem, found in files.items()
    ]


_stamps = threading.Lock()
_last_stamp = 0


def _touch(path: Path) -> bool:
    """Mark a cached book used now (its mtime); False if it is not there. The time is given,
    to the nanosecond and later than any given before: ``utime`` without one takes the
    kernel's coarse clock, a tick of several milliseconds, and two books used within a tick
    would tie, so the least recently used could be either."""
    global _last_stamp
    with _stamps:
        _last_stamp = stamp = max(time.time_ns(), _last_stamp + 1)
    try:
        os.utime(path, ns=(stamp, stamp))
    except FileNotFoundError:
        return False
    return True


def _keys(request: Request) -> tuple[str, ...]:
    if not request.keys:
        raise PublishError("keys", "name at least one text to make a book of")
    if len(request.keys) > MAX_KEYS:
        raise PublishError("keys", f"{len(request.keys)} texts: a book holds at most {MAX_KEYS}")
    if len(request.keys) > 1 and not (request.title or "").strip():
        raise PublishError("title", "several texts make an anthology: give it a title")
    return request.keys


def _options(request: Request) -> tuple[EpubOptions | None, PamphletOptions | None]:
    """The EPUB's or the PDF's options, built and checked by the command line's own functions."""
    from publish.cli_options import epub_options, pamphlet_options
    from publish.themes import BUILTIN

    if request.format not in (EPUB, PDF):
        raise PublishError(f"format {request.format[:40]}", "choose epub or pdf")
    if request.theme is not None and request.theme not in BUILTIN:
        raise PublishError(f"theme {request.theme[:80]}", f"no such theme; the themes are {', '.join(BUILTIN)}")
    if request.impose not in (None, "booklet"):
        raise PublishError(f"impose {str(request.impose)[:40]}", "choose none or booklet")
    for name, value in (("title", request.title), ("author", request.author)):
        if value is not None and len(value) > _MAX_WORDS:
            raise PublishError(name, f"is too long ({_MAX_WORDS:,} characters at most)")
    args = argparse.Namespace(
        inputs=[], templates=None, styles=None, theme=request.theme, cover=None, no_cover=not request.cover,
        embed_font=False, paper=request.paper, bleed=None, fit=False, pdf_variant=None,
        impose=request.impose or "none", signature=request.signature, creep=None, crop_marks=False,
    )  # fmt: skip
    if request.format == EPUB:
        return epub_options(args, None), None
    return None, pamphlet_options(args, None)


def _authors(given: str | None) -> tuple[str, ...]:
    return (given,) if given and given.strip() else ()


def _inputs(pages: list[Path], limits: Limits) -> list[Path]:
    """Every file the book is made of: a work's index, chapters and notes pages (as the work
    loader finds them), or the one page; an anthology's pages, each read as a page."""
    if len(pages) > 1:
        return pages
    from publish.files import read_input
    from publish.loading import DiskFolder
    from publish.normalise.work import chapter_links
    from publish.workfiles import looks_like_index, work_files

    page = pages[0]
    if not looks_like_index(page):
        return pages
    links = chapter_links(read_input(page, limits=limits), str(page))
    files = work_files(page, links, DiskFolder(page.parent, limits=limits))
    return pages if files is None else [path.resolve() for path in files.inputs]


def _key(
    request: Request,
    epub: EpubOptions | None,
    pamphlet: PamphletOptions | None,
    inputs: list[tuple[str, Path]],
    limits: Limits,
) -> str:
    """The book's cache key, as batch keys its files (``batch.keys``): the toolkit, the theme's
    files, the options of its format (``BookSettings.fingerprint``), what the request says
    over the pages, and the content of every page it is made of."""
    from publish.batch.book import BookSettings
    from publish.batch.keys import digest, theme, toolkit
    from publish.files import read_input
    from publish.render.options import EpubOptions, PamphletOptions, PdfOptions

    settings = BookSettings(epub=epub or EpubOptions(), pamphlet=pamphlet or PamphletOptions(pdf=PdfOptions()))
    look = epub.theme if epub is not None else pamphlet.pdf.theme if pamphlet is not None else None
    said = json.dumps([request.keys, request.title, request.author])
    parts = [
        toolkit().encode(),
        theme(look).encode(),
        request.format.encode(),
        settings.fingerprint(request.format).encode(),
        said.encode(),
    ]
    for name, path in inputs:
        parts.append(name.encode() + b"\0" + hashlib.blake2b(read_input(path, limits=limits), digest_size=16).digest())
    return digest(parts)


def _filename(request: Request, page: Path, inputs: int) -> str:
    """The CLI's name for the book: the work's own (not "index"), the page's, or the title's."""
    from publish.book_names import file_name, work_stem

    if len(request.keys) > 1:
        words = "".join(char if char.isalnum() else " " for char in (request.title or "").lower()).split()
        stem = "-".join(words) or "anthology"
    elif inputs > 1:
        stem = PurePosixPath(work_stem(PurePosixPath(page.as_posix())) or page.stem).name
    else:
        stem = page.stem
    return file_name(stem, f".{request.format}")


def _about(path: Path) -> dict[str, str]:
    """What a cached book's making said (an empty dict if its file is unreadable)."""
    try:
        about = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return about if isinstance(about, dict) else {}
