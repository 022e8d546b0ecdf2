"""One book read for the catalogue, in a worker process: its metadata and its whole text.

The book is read exactly as ``publish batch`` reads it before making it (``batch.build``):
a work through ``loading.load`` with its chapters, a page no work claims through the reader,
after which it may prove to be no book (an error page, an index). So the catalogue and the
books batch makes never disagree on what a book is or what it is called. The converter is
imported here, inside the worker, never by the web server's process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publish.batch.plan import Job, Kind
from publish.limits import DEFAULT, Limits


@dataclass(frozen=True, slots=True)
class ReadBook:
    """What the catalogue keeps of a book; ``not_a_book``: why its page is no book after all."""

    title: str = ""
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    series: str | None = None
    """The series or collection the model gives it (``metadata.collection``): indexed, not shown."""
    language: str | None = None
    date: str | None = None
    text: str = ""
    words: int = 0
    not_a_book: str | None = None


@dataclass(frozen=True, slots=True)
class ReadTask:
    """Read one job's book; runs on batch's worker pool (``run_task`` calls ``run``, and names
    a failure by ``job.inputs[0]`` as it does for a build)."""

    root: str
    job: Job
    limits: Limits = DEFAULT

    def run(self) -> ReadBook:
        return read_book(Path(self.root), self.job, self.limits)


def read_book(root: Path, job: Job, limits: Limits = DEFAULT) -> ReadBook:
    from publish.batch.book import Entry
    from publish.batch.plan import verdict
    from publish.batch.survey import facts_of
    from publish.files import read_input
    from publish.loading import load
    from publish.normalise import read
    from publish.pipeline import typeset
    from publish.words import block_text

    main = root / job.inputs[0]
    if job.pending:  # as batch's build: read first, for the page may prove to be no book
        data = read_input(main, limits=limits)
        result = read(data, str(main), limits=limits)
        why = verdict(facts_of(result, data, str(main), index_name=False))
        if why is not None:
            return ReadBook(not_a_book=why)
        document = typeset(result.document, result.format, result.diagnostics, limits=limits).document
    else:
        document = load(main, whole_work=job.kind is Kind.WORK, limits=limits).document
    entry = Entry.of(document)
    text = block_text(document.body)
    return ReadBook(
        title=entry.title,
        subtitle=entry.subtitle or None,
        authors=tuple(entry.authors),
        series=document.metadata.collection or None,
        language=entry.language or None,
        date=entry.date or None,
        text=text,
        words=len(text.split()),
    )
