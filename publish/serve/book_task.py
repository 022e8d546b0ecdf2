"""One book made on request, as a worker process makes it: the CLI's own path, into the cache.

This is what ``publish epub`` and ``publish pdf`` do (``loading`` then ``pipeline``), with the
options ``books`` built and checked before the task was sent; what the task adds is only where
the book goes (the cache, written atomically) and that a user's error comes back as a value:
the pool's ``run_task`` names a batch job's page, which a request has not got. The task
pickles (plain data), and the converter is imported when it runs, in the worker.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError

if TYPE_CHECKING:
    from publish.limits import Limits
    from publish.pipeline import Loaded
    from publish.render.options import EpubOptions, PamphletOptions

EPUB, PDF = "epub", "pdf"


@dataclass(frozen=True, slots=True)
class Made:
    """What came of a task that ran to its end: the book written, or the one-line cause."""

    ok: bool
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BookTask:
    """Make one book (one key) or an anthology (several) into ``out``, with ``about`` beside it."""

    root: str
    """The archive folder, resolved: every page is read inside it."""
    keys: tuple[str, ...]
    title: str | None
    authors: tuple[str, ...]
    epub: EpubOptions | None
    """Set for an EPUB; ``pamphlet`` for a PDF."""
    pamphlet: PamphletOptions | None
    out: str
    about: str
    """The JSON beside the book: its message and download name, written last (a hit needs both)."""
    staging: str
    filename: str

    def run(self) -> Made:
        try:
            message = self._make()
        except PublishError as error:
            return Made(ok=False, message=self._one_line(error))
        return Made(ok=True, message=message)

    def _make(self) -> str:
        from publish.files import inputs_changed, write_atomic
        from publish.pipeline import make_epub, make_pamphlet

        root = Path(self.root)
        pages = [root / key for key in self.keys]
        loaded = self._load(pages)
        base_dir = pages[0].parent  # pictures come from the (first) page's own folder, as the CLI takes them
        if self.epub is not None:
            options = dataclasses.replace(self.epub, base_dir=base_dir, changed=inputs_changed(pages))
            book = make_epub(loaded.document, options)
            message = f"wrote an EPUB of {_size(len(book.data))}"
        else:
            assert self.pamphlet is not None
            pdf = dataclasses.replace(self.pamphlet.pdf, base_dir=base_dir)
            book = make_pamphlet(loaded.document, dataclasses.replace(self.pamphlet, pdf=pdf), self.filename)
            message = f"wrote {book.summary}"
        staging = Path(self.staging)
        try:
            staging.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PublishError(str(staging), f"cannot be made: {error.strerror or error}") from error
        write_atomic(Path(self.out), book.data, staging=staging)
        about = {"message": message, "filename": self.filename, "advice": book.advice}
        write_atomic(Path(self.about), json.dumps(about).encode("utf-8"), staging=staging)
        return message

    def _load(self, pages: list[Path]) -> Loaded:
        from publish.loading import load, load_anthology, require_text
        from publish.overrides import overrides

        limits = self._limits()
        told = overrides(title=self.title, authors=self.authors or None, date_given=None, language=None)
        if len(pages) == 1:
            loaded = load(pages[0], whole_work=True, overrides=told, limits=limits)
        else:
            loaded = load_anthology(pages, title=self.title, author=None, overrides=told, limits=limits)
        return require_text(loaded, str(pages[0]))

    def _limits(self) -> Limits:
        options = self.epub if self.epub is not None else self.pamphlet.pdf if self.pamphlet is not None else None
        assert options is not None
        return options.limits

    def _one_line(self, error: PublishError) -> str:
        """The cause, and the page when it is not the book's own: names relative to the archive."""
        where = error.path.removeprefix(self.root.rstrip("/") + "/")
        text = error.cause if where in (self.keys[0], self.filename) else f"{where}: {error.cause}"
        return " ".join(text.split())


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / (1024 * 1024):.1f} MB"
