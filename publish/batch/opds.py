"""The library's OPDS 1.2 catalogue (Atom feeds for e-reader apps); the addresses its files
share with the HTML catalogue are in ``addresses``.

Layout, under the output folder; every href is relative to the file it is in, so the folder
can be served from anywhere, or read from a disk:

    catalog.xml             every book, by author then title: an acquisition feed (its page 1)
    opds/all.2.xml …        its further pages
    opds/authors.xml        navigation: an entry per author, to opds/authors/<slug>.xml
    opds/languages.xml      navigation: an entry per language, to opds/languages/<tag>.xml

Every feed is paged, ``PAGE_SIZE`` entries a page (page n of ``x.xml`` is ``x.n.xml``), with
RFC 5005's first/previous/next/last links, which is how KOReader pages on: a reader never
fetches a 100,000-book document. The pages are written as the library streams past in the
manifest's order (author, then title), so only the page being filled of each open feed is
in memory. Every id is a name-based UUID, so the same library always gives the same bytes.
"""

from __future__ import annotations

import math
import posixpath
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from lxml import etree

from publish.batch.addresses import (
    AUTHORS,
    FOLDER,
    LANGUAGES,
    ROOT,
    Item,
    author_feed,
    author_name,
    href,
    language_feed,
)

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/"
THREAD = "http://purl.org/syndication/thread/1.0"
_NSMAP = {None: ATOM, "dc": DC, "opds": OPDS, "opensearch": OPENSEARCH, "thr": THREAD}

NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
IMAGE = "http://opds-spec.org/image"
THUMBNAIL = "http://opds-spec.org/image/thumbnail"
FACET = "http://opds-spec.org/facet"
MEDIA_TYPES = {"epub": "application/epub+zip", "pdf": "application/pdf"}

PAGE_SIZE = 100
LIBRARY = "Marxists Internet Archive"
LIBRARY_URI = "https://www.marxists.org/"
_IDS = uuid.UUID("5b0f3c1e-8f8e-4c43-9d0f-6a4f7d2c9e11")  # the namespace of every feed id
_ISSUED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold (lxml refuses it): a stray control character in a page is dropped."""


def timestamp(seconds: float) -> str:
    """RFC 3339, in UTC, to the second."""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def feed_id(path: str) -> str:
    return uuid.uuid5(_IDS, path).urn


# --- feeds ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    rel: str
    target: str
    """Relative to the output folder."""
    type: str
    title: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """One logical feed: where its pages go, what it is called, how many entries it will have
    (known before the first is written, so that every page can link to the last)."""

    path: str
    title: str
    kind: str
    total: int
    links: tuple[Link, ...] = ()
    """Feed-level links besides self, start and paging: up, the navigation feeds, facets."""
    stamp: str | None = None
    """A comment before the first page's root: what the catalogue was made with."""

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PAGE_SIZE))

    def page(self, number: int) -> str:
        if number == 1:
            return self.path
        stem = f"{FOLDER}/all" if self.path == ROOT else self.path.removesuffix(".xml")
        return f"{stem}.{number}.xml"


@dataclass(slots=True)
class Branch:
    """An entry of a navigation feed: a feed of books (one author's, one language's), with
    its newest book's time, found as the books stream past."""

    title: str
    target: str
    count: int
    newest: float


Write = Callable[[str, bytes], None]
"""Writes a file of the catalogue (its path relative to the output folder), all at once."""
T = TypeVar("T")
EntryMaker = Callable[[etree._Element, T, str], float]
"""Appends the entry for an item to a feed (the feed's folder given); returns its update time."""


class Pager(Generic[T]):
    """Writes a feed a page at a time as its entries arrive."""

    def __init__(self, write: Write, feed: Feed, entry: EntryMaker[T]) -> None:
        self.write, self.feed, self.entry = write, feed, entry
        self.number = 1
        self.items: list[T] = []

    def add(self, item: T) -> None:
        self.items.append(item)
        if len(self.items) >= PAGE_SIZE and self.number < self.feed.pages:
            self._flush()

    def close(self) -> None:
        """Write the last page (an empty feed is still a feed, with no entries)."""
        self._flush()

    def _flush(self) -> None:
        path = self.feed.page(self.number)
        here = posixpath.dirname(path)
        root = etree.Element(f"{{{ATOM}}}feed", nsmap=_NSMAP)
        _text(root, "id", feed_id(path))
        _text(root, "title", self.feed.title)
        updated = _text(root, "updated", "")
        _author(root, LIBRARY, LIBRARY_URI)
        for link in self._links():
            _link(root, link, here)
        _text(root, f"{{{OPENSEARCH}}}totalResults", str(self.feed.total))
        _text(root, f"{{{OPENSEARCH}}}itemsPerPage", str(PAGE_SIZE))
        _text(root, f"{{{OPENSEARCH}}}startIndex", str((self.number - 1) * PAGE_SIZE + 1))
        newest = max((self.entry(root, item, here) for item in self.items), default=0.0)
        updated.text = timestamp(newest)
        if self.feed.stamp and self.number == 1:
            root.addprevious(etree.Comment(f" {self.feed.stamp} "))
        data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)
        self.write(path, data)
        self.number += 1
        self.items = []

    def _links(self) -> list[Link]:
        feed, number = self.feed, self.number
        links = [Link("self", feed.page(number), feed.kind), Link("start", ROOT, ACQUISITION)]
        if feed.pages > 1:
            links.append(Link("first", feed.page(1), feed.kind))
            if number > 1:
                links.append(Link("previous", feed.page(number - 1), feed.kind))
            if number < feed.pages:
                links.append(Link("next", feed.page(number + 1), feed.kind))
            links.append(Link("last", feed.page(feed.pages), feed.kind))
        return [*links, *feed.links]


def _text(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag if tag.startswith("{") else f"{{{ATOM}}}{tag}", attributes)
    element.text = _NOT_XML.sub("", text) or None  # a container has none, so that it is indented
    return element


def _author(parent: etree._Element, name: str, uri: str | None = None) -> None:
    author = _text(parent, "author", "")
    _text(author, "name", name)
    if uri:
        _text(author, "uri", uri)


def _link(parent: etree._Element, link: Link, here: str) -> None:
    attributes = {"rel": link.rel, "href": href(link.target, here), "type": link.type}
    if link.title:
        attributes["title"] = link.title
    element = etree.SubElement(parent, f"{{{ATOM}}}link", attributes)
    for name, value in link.extra:
        element.set(name, value)


def book_entry(feed: etree._Element, item: Item, here: str) -> float:
    """A book: what it is (title, authors, language, date, subtitle and source), its cover and
    thumbnail, and its files, the EPUB first (some readers take the first they can open)."""
    entry = _text(feed, "entry", "")
    book, data = item.book, item.book.entry
    _text(entry, "title", item.title)
    identifier = str(data.get("identifier") or "")
    _text(entry, "id", identifier if ":" in identifier else uuid.uuid5(_IDS, book.id).urn)
    _text(entry, "updated", timestamp(book.made))
    for name in item.authors:
        _author(entry, name)
    if item.language:
        _text(entry, f"{{{DC}}}language", item.language)
    date = str(data.get("date") or "")
    if _ISSUED.match(date):
        _text(entry, f"{{{DC}}}issued", date)
    summary = "\n".join(str(data[field]) for field in ("subtitle", "source") if data.get(field))
    if summary:
        _text(entry, "summary", summary, type="text")
    for rel, index in ((IMAGE, 0), (THUMBNAIL, 1)):
        if (image := item.file("cover", index)) is not None:
            _link(entry, Link(rel, image, "image/png"), here)
    for kind, media_type in MEDIA_TYPES.items():
        if (path := item.file(kind)) is not None:
            _link(entry, Link(OPEN_ACCESS, path, media_type, kind.upper(), (("length", str(item.sizes[path])),)), here)
    return book.made


def branch_entry(feed: etree._Element, branch: Branch, here: str) -> float:
    entry = _text(feed, "entry", "")
    _text(entry, "title", branch.title)
    _text(entry, "id", feed_id(branch.target))
    _text(entry, "updated", timestamp(branch.newest))
    count = ((f"{{{THREAD}}}count", str(branch.count)),)
    _link(entry, Link("subsection", branch.target, ACQUISITION, extra=count), here)
    _text(entry, "content", f"{branch.count} book{'' if branch.count == 1 else 's'}", type="text")
    return branch.newest


class Feeds:
    """Every feed of the library, filled as the books stream past, author by author."""

    def __init__(
        self,
        write: Write,
        authors: list[tuple[str, int]],
        languages: list[tuple[str, int]],
        language_name: Callable[[str], str],
        *,
        stamp: str | None = None,
    ) -> None:
        self.write = write
        self.counts = dict(authors)
        self.language_name = language_name
        total = sum(self.counts.values())
        everything = Feed(ROOT, f"{LIBRARY}: all books", ACQUISITION, total, self._root_links(languages), stamp)
        self.everything = Pager(write, everything, book_entry)
        self.languages = {tag: self._language(tag, count) for tag, count in languages}
        self.by_language = {tag: Branch(language_name(tag), language_feed(tag), count, 0.0) for tag, count in languages}
        self.author: Pager[Item] | None = None
        self.key = ""
        self.branches: list[Branch] = []

    def _language(self, tag: str, count: int) -> Pager[Item]:
        title = f"Books in {self.language_name(tag)}"
        return Pager(self.write, Feed(language_feed(tag), title, ACQUISITION, count, _UP_LANGUAGES), book_entry)

    def _root_links(self, languages: list[tuple[str, int]]) -> tuple[Link, ...]:
        """From the list of all books to the ways into it: by author, by language, and (when
        there is more than one) each language as a facet, which KOReader offers as a filter."""
        links = [Link("subsection", AUTHORS, NAVIGATION, "By author"),
                 Link("subsection", LANGUAGES, NAVIGATION, "By language")]  # fmt: skip
        if len(languages) > 1:
            for tag, count in languages:
                extra = ((f"{{{OPDS}}}facetGroup", "Language"), (f"{{{THREAD}}}count", str(count)))
                links.append(Link(FACET, language_feed(tag), ACQUISITION, self.language_name(tag), extra))
        return tuple(links)

    def add(self, item: Item) -> None:
        if self.author is None or item.book.author_key != self.key:
            self._open_author(item)
        assert self.author is not None
        self.everything.add(item)
        self.author.add(item)
        language = self.by_language.get(item.language)
        for branch in (self.branches[-1], *((language,) if language else ())):
            branch.newest = max(branch.newest, item.book.made)
        if item.language in self.languages:
            self.languages[item.language].add(item)

    def _open_author(self, item: Item) -> None:
        if self.author is not None:
            self.author.close()
        self.key = item.book.author_key
        name = author_name(item)
        feed = Feed(author_feed(self.key), name, ACQUISITION, self.counts.get(self.key, 0), _UP_AUTHORS)
        self.author = Pager(self.write, feed, book_entry)
        self.branches.append(Branch(name, feed.path, feed.total, 0.0))

    def close(self) -> None:
        """The last pages, then the navigation feeds (which need every author's newest book)."""
        if self.author is not None:
            self.author.close()
        self.everything.close()
        for pager in self.languages.values():
            pager.close()
        self._navigation(AUTHORS, "authors", self.branches)
        self._navigation(LANGUAGES, "languages", list(self.by_language.values()))

    def _navigation(self, path: str, title: str, branches: list[Branch]) -> None:
        feed = Feed(path, f"{LIBRARY}: {title}", NAVIGATION, len(branches), _UP_ROOT)
        pager = Pager(self.write, feed, branch_entry)
        for branch in branches:
            pager.add(branch)
        pager.close()


_UP_ROOT = (Link("up", ROOT, ACQUISITION),)
_UP_AUTHORS = (Link("up", AUTHORS, NAVIGATION),)
_UP_LANGUAGES = (Link("up", LANGUAGES, NAVIGATION),)
