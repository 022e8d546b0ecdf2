"""What a batch needs to know of each page before it plans: a pure function of its bytes.

The plan decides which pages make a work, which make a book of their own and which are not
books at all (an archive's error page, a wrapper around scans, an author's list of writings).
Each of those decisions rests on what the readers themselves make of the page, not on rules of
the batch's own, so the plan and ``publish epub`` never disagree about a page. The facts are
small and depend only on the page's bytes and name, so the manifest keeps them by content
hash and a page is surveyed once, not on every run.
"""

from __future__ import annotations

import dataclasses
from pathlib import PurePosixPath

from lxml.etree import _Element

from publish.batch.facts import PageFacts
from publish.errors import PublishError
from publish.limits import DEFAULT, Limits
from publish.normalise import ReadResult, read
from publish.normalise.decode import decode
from publish.normalise.html import notes_page
from publish.normalise.html.parse import parse_html, text_of
from publish.normalise.work import chapter_links

_LISTING_SHARE = 0.2
"""A page with at least this share of its words in links to other documents is an index (in
the corpus, index pages have 0.2 to 0.8, articles at most 0.09) ..."""
_LISTING_LINKS = 2
"""... if it links at least this many documents."""
_NOT_DOCUMENTS = ("#", "mailto:", "javascript:")
_EMPTY_CODES = ("N012", "N010")


def survey(data: bytes, origin: str, *, index_name: bool, limits: Limits = DEFAULT) -> PageFacts:
    """The facts of one page; ``index_name``: its name is a work index's (the loader's rule)."""
    try:
        result = read(data, origin, limits=limits)
    except PublishError as error:
        return PageFacts(problem=error.cause)
    return facts_of(result, data, origin, index_name=index_name)


def facts_of(result: ReadResult, data: bytes, origin: str, *, index_name: bool) -> PageFacts:
    """The facts of a page already read (by a job that reads its page and then makes its book)."""
    metadata = result.document.metadata
    empty = next((d.message for d in result.diagnostics if d.code in _EMPTY_CODES), None)
    dates = (metadata.date, metadata.written, metadata.delivered, metadata.first_published)
    facts = PageFacts(empty=empty, title=metadata.title, authors=metadata.authors, dates=tuple(d for d in dates if d))
    if result.format != "html":
        return facts
    root = parse_html(decode(data, origin).text)
    evidence = notes_page.notes_evidence(PurePosixPath(origin).name.split("__")[-1], root)
    return dataclasses.replace(
        facts,
        listing=_listing(root),
        links=tuple(link.href for link in chapter_links(root, origin)) if index_name else (),
        citations=tuple((page, tuple(ids)) for page, ids in notes_page.citations(root).items()),
        notes_named=evidence.named,
        own_calls=evidence.own_calls,
    )


def _listing(root: _Element) -> int:
    """How many documents the page links to, if so much of its text is those links that it is
    an index (a work's contents, an author's or a section's list), not a text.

    Measured on the page as published, links the reader does not keep (to PDFs, to pages it
    cannot place without the archive's address) included: an article's few navigation links
    are a few words beside thousands; an index is half links.
    """
    body = root.find("body")
    words = len(text_of(body if body is not None else root).split())
    linked, targets = 0, set()
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(_NOT_DOCUMENTS):
            linked += len(text_of(anchor).split())
            targets.add(href.split("#")[0])
    if len(targets) < _LISTING_LINKS or linked < _LISTING_SHARE * words:
        return 0
    return len(targets)
