"""``publish serve``'s OPDS 1.2 catalogue: the library as e-reader apps browse it.

The same vocabulary as the catalogue ``publish batch`` writes to disk (``publish.batch.opds``:
namespaces, media types, ids), made per request from the live catalogue instead: a root
navigation feed (by author, by language, everything, and search through OpenSearch), a
navigation feed per facet, and paged acquisition feeds whose entries link each book's EPUB
and PDF. A book is made on its first download and served from the cache after (``books``).
Hrefs are absolute paths on this server; readers resolve them against the feed's address.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from lxml import etree

from publish.batch.opds import ACQUISITION, ATOM, DC, NAVIGATION, OPEN_ACCESS, OPENSEARCH, feed_id, timestamp

NSMAP = {None: ATOM, "dc": DC, "opensearch": OPENSEARCH}
PAGE_SIZE = 50
TITLE = "publish library"
_NOT_XML = str.maketrans({code: None for code in [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]})


def _text(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag if tag.startswith("{") else f"{{{ATOM}}}{tag}", attributes)
    element.text = text.translate(_NOT_XML) or None
    return element


def _link(parent: etree._Element, rel: str, href: str, kind: str, title: str | None = None) -> None:
    attributes = {"rel": rel, "href": href, "type": kind}
    if title:
        attributes["title"] = title
    etree.SubElement(parent, f"{{{ATOM}}}link", attributes)


def _feed(path: str, title: str, kind: str, *, up: str | None = None) -> etree._Element:
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=NSMAP)
    _text(feed, "id", feed_id(f"serve:{path}"))
    _text(feed, "title", title)
    _text(feed, "updated", timestamp(time.time()))
    author = _text(feed, "author", "")
    _text(author, "name", TITLE)
    _link(feed, "self", path, kind)
    _link(feed, "start", "/opds", NAVIGATION)
    if up:
        _link(feed, "up", up, NAVIGATION)
    _link(feed, "search", "/opds/search.xml", "application/opensearchdescription+xml", "Search")
    return feed


def _bytes(feed: etree._Element) -> bytes:
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def root() -> bytes:
    feed = _feed("/opds", TITLE, NAVIGATION)
    for title, target, kind, words in (
        ("By author", "/opds/authors", NAVIGATION, "Every author, A to Z."),
        ("By language", "/opds/languages", NAVIGATION, "Texts grouped by language."),
        ("Every text", "/opds/books", ACQUISITION, "The whole library, by author then title."),
    ):
        entry = _text(feed, "entry", "")
        _text(entry, "title", title)
        _text(entry, "id", feed_id(f"serve:{target}"))
        _text(entry, "updated", timestamp(time.time()))
        _link(entry, "subsection", target, kind)
        _text(entry, "content", words, type="text")
    return _bytes(feed)


def facets(path: str, title: str, names: Sequence[tuple[str, int, str]]) -> bytes:
    """A navigation feed: an entry per (name, count, href of its acquisition feed)."""
    feed = _feed(path, title, NAVIGATION, up="/opds")
    for name, count, target in names:
        entry = _text(feed, "entry", "")
        _text(entry, "title", name)
        _text(entry, "id", feed_id(f"serve:{target}"))
        _text(entry, "updated", timestamp(time.time()))
        _link(entry, "subsection", target, ACQUISITION)
        _text(entry, "content", f"{count} text{'' if count == 1 else 's'}", type="text")
    return _bytes(feed)


def books(path: str, title: str, rows: Sequence[object], *, total: int, page: int, query: str = "") -> bytes:
    """An acquisition feed: page ``page`` of ``total`` books, each with its EPUB and PDF links."""
    separator = "&" if "?" in path else "?"
    here = f"{path}{separator}page={page}" if page > 1 else path
    feed = _feed(here, title, ACQUISITION, up="/opds")
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > 1:
        _link(feed, "previous", f"{path}{separator}page={page - 1}" if page > 2 else path, ACQUISITION)
        _link(feed, "first", path, ACQUISITION)
    if page < pages:
        _link(feed, "next", f"{path}{separator}page={page + 1}", ACQUISITION)
        _link(feed, "last", f"{path}{separator}page={pages}", ACQUISITION)
    _text(feed, f"{{{OPENSEARCH}}}totalResults", str(total))
    _text(feed, f"{{{OPENSEARCH}}}itemsPerPage", str(PAGE_SIZE))
    if query:
        etree.SubElement(feed, f"{{{OPENSEARCH}}}Query", {"role": "request", "searchTerms": query})
    for row in rows:
        key: str = row.key  # type: ignore[attr-defined]
        entry = _text(feed, "entry", "")
        _text(entry, "title", row.title)  # type: ignore[attr-defined]
        _text(entry, "id", feed_id(f"serve:book:{key}"))
        _text(entry, "updated", timestamp(time.time()))
        for name in row.authors:  # type: ignore[attr-defined]
            author = _text(entry, "author", "")
            _text(author, "name", name)
        if row.language:  # type: ignore[attr-defined]
            _text(entry, f"{{{DC}}}language", row.language)  # type: ignore[attr-defined]
        date = row.date or ""  # type: ignore[attr-defined]
        if len(date) >= 4 and date[:4].isdigit():
            _text(entry, f"{{{DC}}}issued", date[:10] if len(date) >= 10 else date[:4])
        if row.subtitle:  # type: ignore[attr-defined]
            _text(entry, "summary", row.subtitle, type="text")  # type: ignore[attr-defined]
        _link(entry, OPEN_ACCESS, f"/opds/get/{key}?format=epub", "application/epub+zip", "EPUB")
        _link(entry, OPEN_ACCESS, f"/opds/get/{key}?format=pdf", "application/pdf", "PDF")
        _link(entry, "alternate", f"/text/{key}", "text/html", "Read in the browser")
    return _bytes(feed)


def opensearch() -> bytes:
    root_element = etree.Element(
        "{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription", nsmap={None: OPENSEARCH}
    )
    for tag, text in (("ShortName", "publish"), ("Description", "Search titles, authors and texts")):
        etree.SubElement(root_element, f"{{{OPENSEARCH}}}{tag}").text = text
    etree.SubElement(
        root_element,
        f"{{{OPENSEARCH}}}Url",
        {"type": ACQUISITION, "template": "/opds/search?q={searchTerms}"},
    )
    return bytes(etree.tostring(root_element, xml_declaration=True, encoding="UTF-8", pretty_print=True))
