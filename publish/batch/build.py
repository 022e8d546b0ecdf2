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
from pathlib import Path

from publish.batch.book import COVER, EPUB, STAGING, SUFFIXES, BookSettings, Built, Entry, Made
from publish.batch.facts import PageFacts
from publish.batch.plan import Job, Kind, verdict
from publish.batch.survey import facts_of
from publish.files import read_input, write_atomic
from publish.loading import load
from publish.model import Document
from publish.normalise import read
from publish.pipeline import Loaded, make_epub, make_pamphlet, typeset
from publish.render.cover import HEIGHT, MEDIA_TYPE, WIDTH, CoverFile, CoverImages, render_cover_images
from publish.render.epub import cover_text


def build(root: Path, out: Path, job: Job, formats: tuple[str, ...], settings: BookSettings) -> Built:
    """Make ``formats`` of ``job``'s book from the pages under ``root`` into ``out``."""
    _test_hooks(root, job)
    main = root / job.inputs[0]
    facts = None
    if job.pending:  # read here first: the page may prove to be no book
        loaded, facts = _read_page(main)
        if (why := verdict(facts)) is not None:
            return Built(made=(), diagnostics=loaded.diagnostics, entry=None, facts=facts, not_a_book=why)
    else:
        loaded = load(main, whole_work=job.kind is Kind.WORK)
    document = loaded.document
    images = _cover(document) if settings.covers and (COVER in formats or EPUB in formats) else None
    staging = out / STAGING
    made: list[Made] = []
    for kind in formats:
        paths = tuple(f"{job.stem}{suffix}" for suffix in SUFFIXES[kind])
        if kind == COVER:
            if images is not None:
                write_atomic(out / paths[0], images.cover, staging=staging)
                write_atomic(out / paths[1], images.thumbnail, staging=staging)
            made.append(Made(format=kind, paths=paths if images else (), detail="", diagnostics=()))
            continue
        if kind == EPUB:
            cover = CoverFile(data=images.cover, media_type=MEDIA_TYPE, width=WIDTH, height=HEIGHT) if images else None
            options = dataclasses.replace(settings.epub, base_dir=main.parent, cover=cover, generated_cover=False)
            book = make_epub(document, options)
        else:
            pamphlet = dataclasses.replace(
                settings.pamphlet, pdf=dataclasses.replace(settings.pamphlet.pdf, base_dir=main.parent)
            )
            book = make_pamphlet(document, pamphlet, str(out / paths[0]))
        write_atomic(out / paths[0], book.data, staging=staging)
        detail = "; ".join(part for part in (book.summary, *book.notes) if part)
        made.append(Made(format=kind, paths=paths, detail=detail, diagnostics=book.diagnostics))
    return Built(made=tuple(made), diagnostics=loaded.diagnostics, entry=Entry.of(document), facts=facts)


def _read_page(path: Path) -> tuple[Loaded, PageFacts]:
    """A page read once for both ends: what the plan would have known of it, and the book."""
    data = read_input(path)
    result = read(data, str(path))
    facts = facts_of(result, data, str(path), index_name=False)
    return typeset(result.document, result.format, result.diagnostics), facts


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
        match = _HOOK.search((root / name).read_bytes()[:4096])
        if match is None:
            continue
        if match.group(1) == b"die":
            os.kill(os.getpid(), signal.SIGKILL)
        if match.group(1) == b"crash":
            import ctypes

            ctypes.string_at(0)  # reads address 0: SIGSEGV
        time.sleep(24 * 3600)
