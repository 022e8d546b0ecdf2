"""The library's catalogue: index.html and the OPDS feeds a real batch writes, checked the way a
browser and an e-reader app would use them (every link followed, every file opened).

One small real library is made per module from corpus pages: a work (Lafargue's *The Right To
Be Lazy*), Harman articles, a Spanish and an Icelandic page; the first two books with PDFs
too. Feeds are paged two entries a page, so that paging is exercised on a dozen books. Tests
that change the library work on a copy of it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from publish.batch import addresses, catalogue, opds
from publish.batch.api import BatchRequest, batch
from publish.batch.book import BookSettings
from publish.batch.manifest import LibraryBook, Manifest
from publish.batch.progress import Quiet
from publish.batch.runner import MANIFEST, Summary
from publish.render.options import EpubOptions, PamphletOptions, PdfOptions
from tests.conftest import ROOT, corpus_dir
from tools import catalogue_screenshot as chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
WITH_PDF = ("archive/harman/2002/06/party.htm", "espanol/grant/biografia.htm")
PAGES = (
    *WITH_PDF,
    "archive/lafargue/1883/lazy",
    "archive/harman/2002/06/spain.htm",
    "archive/harman/2002/07/police.htm",
    "archive/harman/1984/03/squad.htm",
    "islenska/luxemburg/1919/14-1.htm",
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Library:
    archive: Path
    out: Path

    def copy(self, dest: Path) -> Library:
        shutil.copytree(self.archive, dest / "archive-mirror")
        shutil.copytree(self.out, dest / "library")
        return Library(dest / "archive-mirror", dest / "library")


def settings(**epub: object) -> BookSettings:
    return BookSettings(epub=EpubOptions(**epub), pamphlet=PamphletOptions(pdf=PdfOptions()))  # type: ignore[arg-type]


def make(library: Library, formats: tuple[str, ...] = ("epub",), look: BookSettings | None = None) -> Summary:
    request = BatchRequest(archive=library.archive, out=library.out, settings=look or settings(), formats=formats,
                           workers=2)  # fmt: skip
    return batch(request, Quiet())


def copy_pages(dest: Path, paths: tuple[str, ...]) -> None:
    tree = corpus_dir()
    if tree is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    for path in paths:
        source, target = tree / "mia-tree" / path, dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copyfile(source, target)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The first two books as EPUB and PDF, then the rest as EPUB only: a library with and
    without PDFs, as one made over two runs with different formats is."""
    root = tmp_path_factory.mktemp("catalogue")
    made = Library(root / "archive-mirror", root / "library")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(opds, "PAGE_SIZE", 2)
        copy_pages(made.archive, WITH_PDF)
        assert make(made, ("epub", "pdf")).counts.get("done") == 2
        copy_pages(made.archive, PAGES[len(WITH_PDF) :])
        assert not make(made).counts.get("failed")
    return made


@pytest.fixture(scope="module")
def launched() -> Iterator[Browser | None]:
    """Headless Chromium for the module, or None where there is none (CI has it)."""
    if chromium.missing() is not None:
        yield None
        return
    with chromium.launch() as browser:
        yield browser


@pytest.fixture
def browser(launched: Browser | None) -> Browser:
    if launched is None:
        pytest.skip(f"no browser to open the catalogue in: {chromium.missing()}")
    return launched


def books(out: Path) -> list[LibraryBook]:
    manifest = Manifest(out / MANIFEST)
    try:
        return list(manifest.library())
    finally:
        manifest.close()


def identifier(book: LibraryBook) -> str:
    return str(book.entry["identifier"])


# --- reading the catalogue as an app would -----------------------------------------------


def feeds(out: Path) -> dict[Path, etree._Element]:
    paths = [out / "catalog.xml", *sorted((out / "opds").rglob("*.xml"))]
    return {path: etree.parse(str(path)).getroot() for path in paths}


def target(out: Path, here: Path, href: str) -> Path:
    """The file a relative href names; fails for an absolute one or one that leaves ``out``."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
    found = (here.parent / unquote(parts.path)).resolve()
    assert found.is_relative_to(out.resolve()), f"{href} in {here} leaves the library"
    assert found.is_file(), f"{href} in {here} names no file"
    return found


def kind_of(feed: etree._Element) -> str:
    selves = [link.get("type", "") for link in feed.iterfind(f"{ATOM}link[@rel='self']")]
    assert len(selves) == 1
    return selves[0]


def follow(out: Path, first: Path, rel: str = "next") -> list[Path]:
    """A paged feed's pages, by its ``next`` links."""
    pages = [first]
    while (link := etree.parse(str(pages[-1])).getroot().find(f"{ATOM}link[@rel='{rel}']")) is not None:
        pages.append(target(out, pages[-1], link.get("href", "")))
        assert len(pages) < 100, "the pages go round in a circle"
    return pages


def entry_ids(pages: list[Path]) -> list[str]:
    return [
        str(entry.findtext(f"{ATOM}id")) for page in pages for entry in etree.parse(str(page)).iterfind(f"{ATOM}entry")
    ]


def check_links(out: Path) -> None:
    """Every link of every feed, followed: to a feed of the kind it says, or to a file of the
    type it says."""
    for path, feed in feeds(out).items():
        assert feed.tag == f"{ATOM}feed"
        for link in feed.iter(f"{ATOM}link"):
            found, kind = target(out, path, link.get("href", "")), link.get("type", "")
            if kind.startswith("application/atom+xml"):
                assert kind in (opds.NAVIGATION, opds.ACQUISITION), kind
                assert kind_of(etree.parse(str(found)).getroot()) == kind, f"{path}: {link.get('href')}"
            elif kind == "application/epub+zip":
                with zipfile.ZipFile(found) as epub:
                    first = epub.infolist()[0]
                    assert first.filename == "mimetype" and epub.read(first) == b"application/epub+zip"
            elif kind == "application/pdf":
                assert found.read_bytes()[:5] == b"%PDF-"
            else:
                assert kind == "image/png" and found.read_bytes()[:8] == PNG, (path, link.get("href"))


def index_links(out: Path, page: Path) -> list[str]:
    """Every href and src of an HTML page, each checked to name a file (or an id) in ``out``."""
    document = html.parse(str(page)).getroot()
    ids = set(document.xpath("//@id"))
    found = []
    for value in document.xpath("//a/@href | //img/@src | //link/@href"):
        if value.startswith("#"):
            assert value[1:] in ids, value
        elif not value.startswith("data:"):
            found.append(target(out, page, value).relative_to(out.resolve()).as_posix())
    return found


def open_in_browser(browser: Browser, out: Path, page: str, width: int = 1280) -> dict[str, int]:
    """Open a page, with every cover loaded; fails on any console error, failed load or uncaught
    exception, or a picture that did not decode. Returns the page's sizes."""
    with chromium.serve(out) as base:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        errors = chromium.watch(tab)
        tab.goto(f"{base}/{page}", wait_until="load")
        tab.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager' })")
        tab.wait_for_function("[...document.images].every(i => i.complete)")
        broken = tab.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
        sizes: dict[str, int] = tab.evaluate(
            "({scroll: document.documentElement.scrollWidth, width: innerWidth, images: document.images.length})"
        )
        context.close()
    assert not errors and not broken, (errors, broken)
    return sizes


# --- OPDS ----------------------------------------------------------------------------------


def test_every_feed_is_atom_with_what_opds_requires(library: Library) -> None:
    found = feeds(library.out)
    assert len(found) > 10  # catalog.xml's pages, authors', languages', and the navigation feeds
    for path, feed in found.items():
        assert feed.tag == f"{ATOM}feed", path
        assert str(feed.findtext(f"{ATOM}id")).startswith("urn:uuid:")
        assert feed.findtext(f"{ATOM}title")
        assert RFC3339.match(str(feed.findtext(f"{ATOM}updated"))), path
        assert feed.findtext(f"{ATOM}author/{ATOM}name")
        assert {"self", "start"} <= {link.get("rel") for link in feed.iterfind(f"{ATOM}link")}
        for entry in feed.iterfind(f"{ATOM}entry"):
            assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}title"), path
            assert RFC3339.match(str(entry.findtext(f"{ATOM}updated")))
    ids = [str(feed.findtext(f"{ATOM}id")) for feed in found.values()]
    assert len(set(ids)) == len(ids)


def test_every_link_of_every_feed_leads_to_what_it_says(library: Library) -> None:
    check_links(library.out)


def test_every_book_is_in_the_catalogue_once_with_its_files_epub_first(library: Library) -> None:
    made = books(library.out)
    assert len(made) == 7
    pages = follow(library.out, library.out / "catalog.xml")
    assert len(pages) == 4  # two a page
    assert sorted(entry_ids(pages)) == sorted(identifier(book) for book in made)
    assert follow(library.out, pages[-1], "previous") == pages[::-1]
    root = etree.parse(str(pages[0])).getroot()
    last = root.find(f"{ATOM}link[@rel='last']")
    assert last is not None and target(library.out, pages[0], last.get("href", "")) == pages[-1].resolve()
    entries = {
        entry.findtext(f"{ATOM}id"): entry
        for page in pages
        for entry in etree.parse(str(page)).iterfind(f"{ATOM}entry")
    }
    for book in made:
        entry = entries[identifier(book)]
        rels = [(link.get("rel"), link.get("type")) for link in entry.iterfind(f"{ATOM}link")]
        acquisitions = [kind for rel, kind in rels if rel == opds.OPEN_ACCESS]
        assert acquisitions == (
            ["application/epub+zip", "application/pdf"] if book.id in WITH_PDF else ["application/epub+zip"]
        )
        assert (opds.IMAGE, "image/png") in rels and (opds.THUMBNAIL, "image/png") in rels
        assert entry.findtext(f"{DC}language") == book.entry["language"]
        assert [name.text for name in entry.iterfind(f"{ATOM}author/{ATOM}name")] == book.entry["authors"]
        if book.entry["date"]:
            assert entry.findtext(f"{DC}issued") == book.entry["date"]


def test_the_navigation_feeds_lead_to_every_book_once_by_author_and_by_language(library: Library) -> None:
    out, made = library.out, books(library.out)
    root = etree.parse(str(out / "catalog.xml")).getroot()
    ways = {link.get("title"): link.get("href") for link in root.iterfind(f"{ATOM}link[@rel='subsection']")}
    assert set(ways) == {"By author", "By language"}
    for way in ways.values():
        navigation = follow(out, target(out, out / "catalog.xml", str(way)))
        shelves = [entry for page in navigation for entry in etree.parse(str(page)).iterfind(f"{ATOM}entry")]
        listed: list[str] = []
        for shelf, page in ((s, p) for p in navigation for s in etree.parse(str(p)).iterfind(f"{ATOM}entry")):
            link = shelf.find(f"{ATOM}link[@rel='subsection']")
            assert link is not None and link.get("type") == opds.ACQUISITION
            listed += entry_ids(follow(out, target(out, page, link.get("href", ""))))
        assert sorted(listed) == sorted(identifier(book) for book in made)
        assert len(shelves) == (
            5 if "author" in str(way) else 3
        )  # Harman, Lafargue, Grant, Luxemburg, none; en, es, is


def test_the_same_library_gives_the_same_catalogue(library: Library, tmp_path: Path) -> None:
    copy = library.copy(tmp_path)
    before = catalogue_files(copy.out)
    write(copy.out, settings(), changed=True, page_size=2)
    assert catalogue_files(copy.out) == before


# --- index.html ----------------------------------------------------------------------------


def test_index_lists_every_book_once_and_every_link_names_a_file(library: Library) -> None:
    index = library.out / "index.html"
    document = html.parse(str(index)).getroot()
    assert document.get("lang") == "en" and document.find(".//main") is not None
    assert document.xpath("//link[@rel='icon']/@href") == ["data:,"]
    titles = [
        " ".join(title.text_content().split()) for title in document.xpath("//li[@class='book']/*[@class='title']")
    ]
    made = books(library.out)
    assert sorted(titles) == sorted(" ".join(str(book.entry["title"]).split()) for book in made)
    linked = index_links(library.out, index)
    for book in made:
        files = [book.files[kind][0] for kind in ("epub", "pdf") if kind in book.files]
        cover = book.files["cover"][1]  # the cover first, then the title, then each file
        assert [path for path in linked if path.startswith(book.stem + ".")] == [cover, files[0], *files]
    assert "The Right To Be Lazy" in titles and "Icelandic" in document.text_content()
    assert not document.xpath("//script | //link[@rel='stylesheet'] | //*[@style]")


def test_index_opens_in_chromium_without_an_error(library: Library, browser: Browser) -> None:
    sizes = open_in_browser(browser, library.out, "index.html")
    assert sizes["images"] == 7
    phone = open_in_browser(browser, library.out, "index.html", width=360)
    assert phone["scroll"] <= phone["width"], "the page is wider than a phone"


AXE = ROOT / "tools" / "ace" / "node_modules" / "@daisy" / "axe-core-for-ace" / "axe.min.js"


def test_index_has_no_serious_accessibility_violation(library: Library, browser: Browser) -> None:
    """axe-core (which DAISY Ace brings: ``make ace``), on a desktop and a phone, light and dark."""
    if not AXE.is_file():
        pytest.skip("axe-core comes with DAISY Ace: make ace")
    found = []
    with chromium.serve(library.out) as base:
        for width, scheme in ((1280, "light"), (360, "dark")):
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme="dark" if scheme == "dark" else "light"
            )
            tab = context.new_page()
            tab.goto(f"{base}/index.html")
            tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            result = tab.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']})")
            found += [(width, scheme, v["id"], v["nodes"][0]["target"]) for v in result["violations"]
                      if v["impact"] in ("serious", "critical")]  # fmt: skip
            context.close()
    assert not found


def test_a_big_library_lists_authors_each_with_a_page(
    library: Library, tmp_path: Path, launched: Browser | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = library.copy(tmp_path)
    monkeypatch.setattr(catalogue, "SPLIT_ABOVE", 3)
    write(copy.out, settings(), changed=True)
    index = html.parse(str(copy.out / "index.html")).getroot()
    assert not index.xpath("//li[@class='book']")
    pages = [page for page in index_links(copy.out, copy.out / "index.html") if page.startswith("catalogue/")]
    assert len(pages) == 5 and all(page.startswith("catalogue/authors/") for page in pages)
    listed = 0
    for page in pages:
        linked = index_links(copy.out, copy.out / page)
        assert "index.html" in linked
        listed += len(html.parse(str(copy.out / page)).getroot().xpath("//li[@class='book']"))
    assert listed == len(books(copy.out))
    if launched is not None:
        open_in_browser(launched, copy.out, "catalogue/authors/harman-chris.html")
    monkeypatch.setattr(catalogue, "SPLIT_ABOVE", 2000)
    write(copy.out, settings(), changed=True)
    assert not (copy.out / "catalogue").exists(), "the authors' pages of the big library are gone"


def test_the_users_templates_and_stylesheet_win(library: Library, tmp_path: Path) -> None:
    copy = library.copy(tmp_path / "copy")
    templates, styles = tmp_path / "templates", tmp_path / "styles"
    (templates / "catalogue").mkdir(parents=True)
    mine = '{% block main %}<p id="mine">{{ counts.books }} of ours</p>{% endblock %}'
    (templates / "catalogue" / "index.html.j2").write_text('{% extends "catalogue/base.html.j2" %}' + mine, "utf-8")
    styles.mkdir()
    (styles / "catalogue.css").write_text(
        "body { --mine: 1; } /* </style><script>alert(1)</script> */", encoding="utf-8"
    )
    write(copy.out, settings(templates=templates, styles=styles), changed=True)
    document = html.parse(str(copy.out / "index.html")).getroot()
    assert document.get_element_by_id("mine").text == "7 of ours"
    style = document.xpath("//style")
    assert len(style) == 1 and "--mine: 1" in style[0].text and not document.xpath("//script")


# --- runs ----------------------------------------------------------------------------------


def test_a_run_that_changes_nothing_does_not_write_the_catalogue(library: Library, tmp_path: Path) -> None:
    copy = library.copy(tmp_path)
    before = catalogue_times(copy.out)
    summary = make(copy)
    assert not summary.changed
    assert catalogue_times(copy.out) == before
    (copy.out / "catalog.xml").unlink()
    make(copy)
    assert (copy.out / "catalog.xml").is_file(), "a missing catalogue is written even when nothing changed"
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "catalogue.css").write_text("body { --new-look: 1; }", encoding="utf-8")
    write(copy.out, settings(styles=styles), changed=False)
    assert "--new-look" in (copy.out / "index.html").read_text(encoding="utf-8"), "a new look is a change"


def test_a_removed_book_leaves_both_catalogues(library: Library, tmp_path: Path) -> None:
    copy = library.copy(tmp_path)
    gone = {
        book.id: book
        for book in books(copy.out)
        if book.id in ("espanol/grant/biografia.htm", "archive/harman/2002/06/spain.htm")
    }
    feeds_before = {path.relative_to(copy.out).as_posix() for path in (copy.out / "opds").rglob("*.xml")}
    for path in gone:
        (copy.archive / path).unlink()
    assert make(copy).removed == 2
    ids = entry_ids(follow(copy.out, copy.out / "catalog.xml"))
    assert len(ids) == 5 and not {identifier(book) for book in gone.values()} & set(ids)
    text = (copy.out / "index.html").read_text(encoding="utf-8")
    assert not any(str(book.entry["title"]) in text for book in gone.values())
    left = {book.author_key for book in books(copy.out)}
    emptied = {addresses.author_feed(book.author_key) for book in gone.values() if book.author_key not in left}
    emptied.add(addresses.language_feed("es"))  # the only Spanish book is gone
    assert len(emptied) == 3 and emptied <= feeds_before, "two shelves (Cox, no author) and a language emptied"
    assert not [feed for feed in emptied if (copy.out / feed).exists()], "feeds with no book left are removed"
    assert addresses.ANONYMOUS not in text
    check_links(copy.out)
    index_links(copy.out, copy.out / "index.html")


def test_books_without_covers_have_a_placeholder_and_no_image_links(
    library: Library, tmp_path: Path, launched: Browser | None
) -> None:
    copy = library.copy(tmp_path)
    make(copy, look=settings(generated_cover=False))
    assert not list(copy.out.rglob("*.png"))
    document = html.parse(str(copy.out / "index.html")).getroot()
    assert not document.xpath("//img") and len(document.xpath("//li[@class='book']//*[@class='placeholder']")) == 7
    pages = follow(copy.out, copy.out / "catalog.xml")
    assert len(entry_ids(pages)) == 7
    assert not [
        link for page in pages for link in etree.parse(str(page)).iter(f"{ATOM}link") if "image" in link.get("rel", "")
    ]
    check_links(copy.out)
    if launched is not None:
        open_in_browser(launched, copy.out, "index.html", width=360)


def test_a_library_with_no_books_has_a_valid_empty_catalogue(tmp_path: Path, launched: Browser | None) -> None:
    empty = Library(tmp_path / "archive-mirror", tmp_path / "library")
    empty.archive.mkdir()
    (empty.archive / "notes.txt").write_text("not a page", encoding="utf-8")
    make(empty)
    found = feeds(empty.out)
    assert set(found) == {empty.out / name for name in ("catalog.xml", addresses.AUTHORS, addresses.LANGUAGES)}
    for feed in found.values():
        assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}author/{ATOM}name")
        assert RFC3339.match(str(feed.findtext(f"{ATOM}updated"))) and feed.find(f"{ATOM}entry") is None
    check_links(empty.out)
    assert index_links(empty.out, empty.out / "index.html") == ["catalog.xml", "catalog.xml"]
    if launched is not None:
        open_in_browser(launched, empty.out, "index.html")


# --- pieces --------------------------------------------------------------------------------


def test_author_slugs_are_plain_distinct_file_names() -> None:
    assert addresses.author_slug("harman chris") == "harman-chris"
    assert addresses.author_slug("") == "_anonymous"
    odd = [addresses.author_slug(key) for key in ("ленин владимир", "ленин в", "a" * 80, "a" * 81)]
    assert all(re.fullmatch(r"[a-z0-9_-]{1,60}", slug) for slug in odd) and len(set(odd)) == 4
    assert addresses.href("archive/a b#1.epub", "opds/authors") == "../../archive/a%20b%231.epub"
    assert catalogue.language_name("is") == "Icelandic" and catalogue.language_name("xx-bogus") == "xx-bogus"
    assert catalogue.language_name("und") == "Undetermined"


def test_odd_text_in_a_page_makes_a_well_formed_feed() -> None:
    entry = {"title": "Tab\tand\x0bvertical <b>&amp;", "subtitle": None, "authors": ["A \x01B"], "date": "c. 1900",
             "language": "en", "identifier": None, "source": "Ïn «quotes»"}  # fmt: skip
    book = LibraryBook("a/b c.htm", "article", "a/b c", entry, {"epub": ("a/b c.epub",)}, 0.0, "b a")
    written: dict[str, bytes] = {}
    pager = opds.Pager(written.__setitem__, opds.Feed("opds/x.xml", "X", opds.ACQUISITION, 1), opds.book_entry)
    pager.add(addresses.Item(book, {"a/b c.epub": 1234}))
    pager.close()
    feed = etree.fromstring(written["opds/x.xml"])
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "Tab\tandvertical <b>&amp;"
    assert feed.findtext(f"{ATOM}entry/{ATOM}author/{ATOM}name") == "A B"
    assert feed.find(f"{ATOM}entry/{DC}issued") is None  # not an ISO date
    assert str(feed.findtext(f"{ATOM}entry/{ATOM}id")).startswith("urn:uuid:")
    link = feed.find(f"{ATOM}entry/{ATOM}link")
    assert link is not None and link.get("href") == "../a/b%20c.epub" and link.get("length") == "1234"


# --- helpers -------------------------------------------------------------------------------


def write(out: Path, look: BookSettings, *, changed: bool, page_size: int | None = None) -> None:
    manifest = Manifest(out / MANIFEST)
    try:
        with pytest.MonkeyPatch.context() as patch:
            if page_size:
                patch.setattr(opds, "PAGE_SIZE", page_size)
            catalogue.write_catalogue(out, manifest, look, changed=changed)
    finally:
        manifest.close()


def catalogue_paths(out: Path) -> list[Path]:
    return [
        out / "index.html",
        out / "catalog.xml",
        *sorted((out / "opds").rglob("*")),
        *sorted((out / "catalogue").rglob("*")),
    ]


def catalogue_files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in catalogue_paths(out) if path.is_file()}


def catalogue_times(out: Path) -> dict[str, int]:
    return {
        path.relative_to(out).as_posix(): path.stat().st_mtime_ns for path in catalogue_paths(out) if path.is_file()
    }
