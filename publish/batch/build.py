"""One batch job, as a worker runs it: read the book's pages, make its files, write them.

This is the same path ``publish epub`` and ``publish pdf`` take (``loading`` then ``pipeline``);
what batch adds is only where the files go (the output folder, mirroring the archive's
layout), that each is written atomically through the batch's staging folder, and a cover and
thumbnail for the catalogue. A job never touches the manifest: it returns what it made, and
the coordinator alone records it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import signal
import time
from datetime import datetime
from pathlib import Path

from publish.batch.book import COVER, EPUB, STAGING, SUFFIXES, BookSettings, Built, Entry, Made
from publish.batch.plan import Job, Kind, verdict
from publish.batch.survey import facts_of
from publish.files import inputs_changed, read_input, write_atomic
from publish.loading import load
from publish.model import Document
from publish.normalise import read
from publish.pipeline import make_epub, make_pamphlet, typeset
from publish.render.cover import HEIGHT, MEDIA_TYPE, WIDTH, CoverFile, CoverImages, render_cover_images
from publish.render.epub import cover_text


def build(root: Path, out: Path, job: Job, formats: tuple[str, ...], settings: BookSettings) -> Built:
    """Make ``formats`` of ``job``'s book from the pages under ``root`` into ``out``."""
    _test_hooks(root, job)
    main = root / job.inputs[0]
    facts = None
    if job.pending:  # read here first: the page may prove to be no book
        data = read_input(main, limits=settings.epub.limits)
        result = read(data, str(main), limits=settings.epub.limits)
        facts = facts_of(result, data, str(main), index_name=False)
        if (why := verdict(facts)) is not None:
            return Built(made=(), diagnostics=result.diagnostics, entry=None, facts=facts, not_a_book=why)
        loaded = typeset(result.document, result.format, result.diagnostics, limits=settings.epub.limits)
    else:
        loaded = load(main, whole_work=job.kind is Kind.WORK, limits=settings.epub.limits)
    document = loaded.document
    images = _cover(document) if settings.covers and (COVER in formats or EPUB in formats) else None
    changed = inputs_changed([root / page for page in job.inputs])
    book = _Book(out=out, stem=job.stem, folder=main.parent, document=document, images=images, changed=changed)
    made = tuple(book.make(kind, settings) for kind in formats)
    return Built(made=made, diagnostics=loaded.diagnostics, entry=Entry.of(document), facts=facts)


@dataclasses.dataclass(frozen=True, slots=True)
class _Book:
    """One book's making: where its files go, what it is made of."""

    out: Path
    stem: str
    folder: Path
    """The folder of its main page, the only one pictures are taken from."""
    document: Document
    images: CoverImages | None
    changed: datetime | None
    """When its pages last changed on disk: the e-book's date where the page gives none."""

    def make(self, kind: str, settings: BookSettings) -> Made:
        paths = tuple(f"{self.stem}{suffix}" for suffix in SUFFIXES[kind])
        if kind == COVER:
            if self.images is None:
                return Made(format=kind, paths=(), detail="", diagnostics=())
            self._write(paths[0], self.images.cover)
            self._write(paths[1], self.images.thumbnail)
            return Made(format=kind, paths=paths, detail="", diagnostics=())
        if kind == EPUB:
            cover = None
            if self.images is not None:
                cover = CoverFile(data=self.images.cover, media_type=MEDIA_TYPE, width=WIDTH, height=HEIGHT)
            options = dataclasses.replace(
                settings.epub, base_dir=self.folder, cover=cover, generated_cover=False, changed=self.changed
            )
            book = make_epub(self.document, options)
        else:
            pdf = dataclasses.replace(settings.pamphlet.pdf, base_dir=self.folder)
            pamphlet = dataclasses.replace(settings.pamphlet, pdf=pdf)
            book = make_pamphlet(self.document, pamphlet, str(self.out / paths[0]))
        self._write(paths[0], book.data)
        detail = "; ".join(part for part in (book.summary, *book.notes) if part)
        return Made(format=kind, paths=paths, detail=detail, diagnostics=book.diagnostics)

    def _write(self, path: str, data: bytes) -> None:
        write_atomic(self.out / path, data, staging=self.out / STAGING)


def _cover(document: Document) -> CoverImages | None:
    text = cover_text(document)
    return render_cover_images(text) if text is not None else None


_HOOK = re.compile(rb"<!--\s*publish-test-hook:\s*(die|crash|hang)\s*-->")


def _test_hooks(root: Path, job: Job) -> None:
    """For the tests of the batch's crash handling, and only when ``PUBLISH_TEST_HOOKS`` is set:
    a page marked ``<!-- publish-test-hook: die -->`` kills its worker (as the kernel's
    out-of-memory killer would), ``crash`` makes it segfault (as a C library might), ``hang``
    makes it run forever; ``PUBLISH_TEST_HOOKS=sleep=0.2`` slows every job down."""
    hooks = os.environ.get("PUBLISH_TEST_HOOKS")
    if not hooks:
        return
    for hook in hooks.split(","):
        if hook.startswith("sleep="):
            time.sleep(float(hook.removeprefix("sleep=")))
    for name in job.inputs:
        match = _HOOK.search(read_input(root / name)[:4096])
        if match is None:
            continue
        if match.group(1) == b"die":
            os.kill(os.getpid(), signal.SIGKILL)
        if match.group(1) == b"crash":
            import ctypes

            ctypes.string_at(0)  # reads address 0: SIGSEGV
        time.sleep(24 * 3600)
