"""The library's catalogue, written into the output folder at the end of every run: ``index.html``
for people (a self-contained page, its CSS inlined, nothing fetched from anywhere) and
``catalog.xml`` with the feeds under ``opds/`` for e-reader apps (see ``opds``).

The whole catalogue is made in one pass over the manifest's library, which streams the books
by author then title: each author's shelf is finished before the next begins, so the feeds
are paged as they fill and, for a big library, each author's HTML page is written and let go.
Up to ``SPLIT_ABOVE`` books, ``index.html`` holds every book, under its author; above that it
would weigh tens of megabytes, so it lists the authors, each linking to a page of their own
(``catalogue/authors/<slug>.html``). Templates (``templates/catalogue/``) and the stylesheet
(``styles/catalogue.css``) can be overridden file by file, like the books' own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from publish.batch import addresses, opds
from publish.batch.addresses import Item, href
from publish.batch.book import STAGING, BookSettings
from publish.batch.manifest import Manifest
from publish.files import write_atomic

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

SPLIT_ABOVE = 2000
"""More books than this, and ``index.html`` lists authors, each with a page of their own."""
INDEX = "index.html"
PAGES = "catalogue"
_STAMP = "publish catalogue "  # and its key, in a comment atop catalog.xml
_THUMBNAIL = (200, 300)  # render.cover's size over its THUMBNAIL_SCALE (not imported: it loads Pillow)


def write_catalogue(out: Path, manifest: Manifest, settings: BookSettings, *, changed: bool) -> None:
    """Write the catalogue of the library the manifest holds after this run. A run that made and
    removed nothing leaves in place a catalogue made with the same templates and stylesheet:
    the same library would give the same bytes, and a run of an unchanged mirror must stay
    quick."""
    key = catalogue_key(settings)
    if not changed and (out / INDEX).is_file() and _made_with(out / addresses.ROOT, key):
        return
    authors = manifest.library_groups("author")
    languages = manifest.library_groups("language")
    sink = Sink(out)
    feeds = opds.Feeds(sink.write, authors, languages, language_name, stamp=f"{_STAMP}{key}")
    split = sum(count for _, count in authors) > SPLIT_ABOVE
    pages = Pages(sink, settings, split=split, languages=languages)
    for book in manifest.library():
        item = Item.of(out, book)
        feeds.add(item)
        pages.add(item)
    feeds.close()
    pages.close()
    sink.prune((addresses.FOLDER, PAGES))


def catalogue_key(settings: BookSettings) -> str:
    """What the catalogue is made with besides the library: the toolkit's version, the
    templates and the stylesheet (the user's where they have them), the split. Kept in
    catalog.xml, so that a catalogue whose look changed is written again on a run that made
    no book (a book's own key need not cover how the catalogue looks)."""
    from publish import __version__
    from publish.resources import search_path, stylesheet

    look = settings.epub.styles, settings.epub.theme
    digest = hashlib.sha256(f"{__version__}\0{SPLIT_ABOVE}\0{stylesheet('catalogue.css', *look)}".encode())
    files: list[tuple[str, Path]] = []  # templates by name, not by where they are: the same bytes anywhere
    for number, folder in enumerate(search_path("templates", settings.epub.templates, settings.epub.theme)):
        files += [(f"{number}/{path.name}", path) for path in sorted((folder / "catalogue").glob("*.j2"))]
    for name, path in files:
        digest.update(b"\0%s\0%s" % (name.encode(), path.read_bytes()))
    return digest.hexdigest()[:32]


def _made_with(feed: Path, key: str) -> bool:
    try:
        with feed.open("rb") as stream:
            return f"{_STAMP}{key}".encode() in stream.read(512)
    except OSError:
        return False


@lru_cache(maxsize=512)
def language_name(tag: str) -> str:
    """A language's English name from CLDR ("is" -> "Icelandic"), or the tag itself."""
    from babel import Locale, UnknownLocaleError

    if tag.lower() in ("", "und"):
        return "Undetermined"  # ISO 639's name for "und"; CLDR would guess "English (United States)"
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name("en") or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag


def file_size(size: int) -> str:
    return f"{max(1, round(size / 1000))} kB" if size < 999_500 else f"{size / 1_000_000:.1f} MB"


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    href: str
    size: str
    type: str


@dataclass(frozen=True, slots=True)
class Card:
    """A book as the HTML catalogue shows it, with hrefs relative to the page it is on."""

    title: str
    subtitle: str | None
    authors: str | None
    """Its authors when they are not just the shelf's: co-authors show here."""
    year: str | None
    language: str
    lang: str
    kind: str
    link: str | None
    cover: str | None
    downloads: tuple[Download, ...]


@dataclass(slots=True)
class Shelf:
    """An author's books (empty once written to its own page, in a big library)."""

    key: str
    name: str
    slug: str
    count: int
    href: str
    cards: list[Card] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"author-{self.slug}"

    @property
    def heading(self) -> str:
        """The name as an index lists it, surname first ("Harman, Chris"): the order the
        manifest sorts shelves in (see ``manifest.sort_key``) is then the order one reads."""
        words = self.name.split()
        return f"{words[-1]}, {' '.join(words[:-1])}" if self.key and len(words) > 1 else self.name


@dataclass(frozen=True, slots=True)
class Counts:
    books: int
    works: int
    articles: int
    authors: int
    languages: int


def card(item: Item, shelf: str, here: str) -> Card:
    downloads = tuple(
        Download(kind.upper(), href(path, here), file_size(item.sizes[path]), media_type)
        for kind, media_type in opds.MEDIA_TYPES.items()
        if (path := item.file(kind)) is not None
    )
    entry = item.book.entry
    date = str(entry.get("date") or "")
    authors = item.authors
    thumbnail = item.file("cover", 1)
    return Card(
        title=item.title,
        subtitle=entry.get("subtitle") or None,
        authors=_names(authors) if authors and authors != [shelf] else None,
        year=date[:4] if date[:4].isdigit() else None,
        language=language_name(item.language),
        lang=item.language,
        kind=item.book.kind,
        link=downloads[0].href if downloads else None,
        cover=href(thumbnail, here) if thumbnail else None,
        downloads=downloads,
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Pages:
    """The HTML catalogue, filled shelf by shelf as the books stream past."""

    def __init__(self, sink: Sink, settings: BookSettings, *, split: bool, languages: list[tuple[str, int]]) -> None:
        from publish.render.templating import environment

        self.sink = sink
        self.split = split
        self.environment: Environment = environment(settings.epub.templates, theme=settings.epub.theme)
        self.css = _stylesheet(settings)
        self.languages = [(language_name(tag), tag, count) for tag, count in languages]
        self.shelves: list[Shelf] = []
        self.works = 0
        self.books = 0

    def add(self, item: Item) -> None:
        if not self.shelves or item.book.author_key != self.shelves[-1].key:
            self._finish_shelf()
            key, slug = item.book.author_key, addresses.author_slug(item.book.author_key)
            link = f"{PAGES}/authors/{slug}.html" if self.split else f"#author-{slug}"
            self.shelves.append(Shelf(key, addresses.author_name(item), slug, 0, link))
        shelf = self.shelves[-1]
        shelf.cards.append(card(item, shelf.name, f"{PAGES}/authors" if self.split else ""))
        shelf.count += 1
        self.books += 1
        self.works += item.book.kind == "work"

    def _finish_shelf(self) -> None:
        """In a big library, a finished shelf goes to a page of its own and leaves memory."""
        if not self.split or not self.shelves:
            return
        shelf = self.shelves[-1]
        here = f"{PAGES}/authors"
        page = self._render(
            "catalogue/author.html.j2",
            shelf=shelf,
            home=href(INDEX, here),
            feed=href(addresses.author_feed(shelf.key), here),
        )
        self.sink.write(shelf.href, page)
        shelf.cards = []

    def close(self) -> None:
        self._finish_shelf()
        counts = Counts(self.books, self.works, self.books - self.works, len(self.shelves), len(self.languages))
        page = self._render(
            "catalogue/index.html.j2",
            shelves=sorted(self.shelves, key=lambda shelf: not shelf.key),  # books with no author last
            split=self.split,
            languages=self.languages,
            counts=counts,
            feed=addresses.ROOT,
        )
        self.sink.write(INDEX, page)

    def _render(self, name: str, **context: object) -> bytes:
        template = self.environment.get_template(name)
        text = template.render(library=opds.LIBRARY, css=self.css, thumbnail=_THUMBNAIL, **context)
        return text.encode("utf-8")


class Sink:
    """Writes the catalogue's files, each atomically, and remembers them: what an earlier run
    wrote and this one did not (the feed of an author whose books are all gone) is pruned."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: set[str] = set()
        self._staging = out / STAGING

    def write(self, relative: str, data: bytes) -> None:
        self._staging.mkdir(parents=True, exist_ok=True)
        write_atomic(self.out / relative, data, staging=self._staging)
        self.written.add(relative)

    def prune(self, folders: Iterable[str]) -> None:
        """Remove the pages and feeds in ``folders`` this run did not write. Only ``.html`` and
        ``.xml`` files go: a book never has those suffixes, so none is touched even if the
        archive had a folder of the same name."""
        for folder in folders:
            for root, _, files in os.walk(self.out / folder, topdown=False):
                here = Path(root)
                for name in files:
                    relative = (here / name).relative_to(self.out).as_posix()
                    if name.endswith((".xml", ".html")) and relative not in self.written:
                        (here / name).unlink()
                with contextlib.suppress(OSError):
                    here.rmdir()  # only if now empty


def _stylesheet(settings: BookSettings) -> Markup:
    """The stylesheet, to be inlined: a ``</style>`` in a user's file must not end the element."""
    from markupsafe import Markup

    from publish.resources import stylesheet

    css = stylesheet("catalogue.css", settings.epub.styles, settings.epub.theme)
    return Markup(css.replace("</", "<\\/"))  # a stylesheet, not text: escaping it would break it
