"""The library catalogue (``publish.serve.library``) on real pages of the shared ``mia-tree``,
copied into ``tmp_path`` (the corpus is never written), with real SQLite and real workers."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.serve.library import MARK_END, MARK_START, Library, Progress
from publish.serve.library_db import DATABASE

LAZY = tuple(f"archive/lafargue/1883/lazy/{name}" for name in (
    "index.htm", "preface.htm", "ch01.htm", "ch02.htm", "ch03.htm", "ch04.htm", "appendix.htm"))  # fmt: skip
ARTICLES = (
    "archive/harman/2002/06/party.htm",
    "archive/harman/2002/06/spain.htm",
    "archive/harman/1984/03/squad.htm",
    "archive/harman/1997/05/brecht.html",
)
PAGES = (
    *LAZY,
    *ARTICLES,
    "espanol/grant/biografia.htm",
    "ellinika/404.htm",
    "shqip/lenin/index.htm",
    *(f"archive/cannon/works/1940/party/{name}.htm" for name in ("index", *(f"ch0{n}" for n in range(1, 10)))),
)
"""Two works (Lafargue's of seven pages, Cannon's of ten), four articles (one by two
authors), a Spanish page, an error page and an index page: seven books."""


CLOSE_WAIT = 30
"""Seconds a test waits for ``close`` before it fails: a bound, not a measure."""


def copy_pages(tree: Path, dest: Path, paths: tuple[str, ...]) -> Path:
    for path in paths:
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tree / path, dest / path)
    return dest


@pytest.fixture(scope="module")
def tree(corpus: Path) -> Path:
    return corpus / "mia-tree"


@pytest.fixture(scope="module")
def built(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The seven books' catalogue, built once for the tests that only ask it."""
    root = tmp_path_factory.mktemp("library")
    with Library(copy_pages(tree, root / "archive", PAGES), root / "cache") as library:
        library.start()
        progress = library.wait()
        assert progress.finished and progress.error is None, progress
        yield library


def build(archive: Path, cache: Path) -> tuple[Library, Progress]:
    library = Library(archive, cache)
    library.start()
    return library, library.wait()


def test_facets_count_the_books(built: Library) -> None:
    assert [(f.name, f.count) for f in built.authors()] == [
        ("James P. Cannon", 1), ("Judy Cox", 1), ("Chris Harman", 4), ("Paul Lafargue", 1)]  # fmt: skip
    assert [(f.name, f.count) for f in built.languages()] == [("en", 6), ("es", 1)]
    assert [(f.name, f.count) for f in built.decades()] == [
        ("1880s", 1), ("1930s", 1), ("1980s", 1), ("1990s", 1), ("2000s", 2)]  # fmt: skip


def test_books_are_the_plans_jobs_with_their_metadata(built: Library) -> None:
    lazy = built.book("archive/lafargue/1883/lazy/index.htm")
    assert lazy is not None
    assert (lazy.kind, lazy.title, lazy.authors, lazy.language, lazy.date) == (
        "work", "The Right To Be Lazy", ("Paul Lafargue",), "en", "1883")  # fmt: skip
    assert lazy.pages == LAZY and lazy.words > 10_000
    spain = built.book("archive/harman/2002/06/spain.htm")
    assert spain is not None and spain.authors == ("Judy Cox", "Chris Harman") and spain.kind == "article"
    # chapters are in their work, and an error page or an author's index is no book
    for page in ("archive/lafargue/1883/lazy/ch01.htm", "ellinika/404.htm", "shqip/lenin/index.htm"):
        assert built.book(page) is None
    assert built.problems().total == 0


def test_books_page_and_filter(built: Library) -> None:
    everything = built.books(limit=100)
    assert everything.total == 7
    paged = [row.key for offset in range(0, 7, 3) for row in built.books(offset=offset, limit=3).rows]
    assert paged == [row.key for row in everything.rows]
    assert len(set(paged)) == 7
    assert {row.key for row in built.books(author="Chris Harman").rows} == {*ARTICLES}
    assert built.books(author="harman, chris").total == 0  # names, not sort keys
    assert [row.key for row in built.books(author="Judy Cox").rows] == ["archive/harman/2002/06/spain.htm"]
    assert [row.key for row in built.books(language="es").rows] == ["espanol/grant/biografia.htm"]
    assert built.books(decade="2000s").total == 2
    assert built.books(decade="nonsense").total == 0
    assert built.books(limit=10**9, offset=-5).limit <= 500


def test_search_finds_body_words_authors_and_ranks_titles_first(built: Library) -> None:
    brecht = built.search("Brecht")  # only in the review's text, not its title
    assert [row.key for row in brecht.rows] == ["archive/harman/1997/05/brecht.html"]
    snippet = brecht.rows[0].snippet
    assert snippet is not None and f"{MARK_START}Brecht{MARK_END}" in snippet
    cannon = built.search("Cannon")
    assert cannon.rows[0].key == "archive/cannon/works/1940/party/index.htm"
    contradiction = built.search("contradiction")  # in one title, and in the text of another book
    assert contradiction.total == 2
    assert contradiction.rows[0].key == "archive/harman/1997/05/brecht.html"
    assert built.search("Lafargué").rows[0].key == "archive/lafargue/1883/lazy/index.htm"  # accents folded
    assert built.search("lazy pacifist").total == 1  # every word must be there


def test_a_texts_series_finds_it(tree: Path, tmp_path: Path) -> None:
    """Harman's "Double life at the top" is in the series "Trade union leaders", whose word
    "trade" is nowhere in its title or text."""
    tuleaders, garners = "archive/harman/1978/11/tuleaders.htm", "archive/harman/1978/09/garners.htm"
    archive = copy_pages(tree, tmp_path / "archive", (tuleaders, garners))
    library, progress = build(archive, tmp_path / "cache")
    assert progress.error is None
    found = library.search("Trade union leaders")
    assert [row.key for row in found.rows] == [tuleaders]
    assert found.rows[0].title == "Double life at the top"  # the series is searched, not shown
    library.close()
    page = archive / tuleaders
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>A paragraph added since.</p></body>"))
    again, progress = build(archive, tmp_path / "cache")  # its row deleted with its series, then indexed again
    assert progress.error is None and progress.pages_read == 1
    assert [row.key for row in again.search("Trade union leaders").rows] == [tuleaders]
    assert again.search("trade").total == 2  # garners' text says "trade"; no row left behind
    again.close()


@pytest.mark.parametrize(
    "query", ["NEAR(", 'NEAR("party" "strike", 2)', '"', "*", "party*", "AND", "OR NOT", "a" * 10_000,
              "party " * 2_000, "x\x00y", "\x00", "", "   ", "!!!", "title:party", "^party", "{title}: x", "(", ")"],
)  # fmt: skip
def test_hostile_queries_never_raise(built: Library, query: str) -> None:
    found = built.search(query)
    assert found.total >= len(found.rows)
    if not any(char.isalnum() for char in query):
        assert found.total == 0 and found.rows == ()


def test_the_catalogue_answers_while_it_builds(tree: Path, tmp_path: Path) -> None:
    """The builder is held at its first commit by another writer: the site still answers."""
    archive = copy_pages(tree, tmp_path / "archive", (*ARTICLES, *LAZY))
    library = Library(archive, tmp_path / "cache")
    library.authors()  # the catalogue exists before the build starts
    blocker = sqlite3.connect(tmp_path / "cache" / DATABASE, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        library.start()
        assert library.authors() == [] and library.books().total == 0 and library.search("party").total == 0
        assert not library.progress().finished
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    progress = library.wait()
    assert progress.finished and progress.books_done == progress.books_total == 5
    assert library.books().total == 5 and library.search("party").total >= 1
    library.close()


def test_a_second_start_reads_nothing_and_changes_read_only_their_book(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "archive", (*ARTICLES, *LAZY))
    cache = tmp_path / "cache"
    first, progress = build(archive, cache)
    first.close()
    assert progress.pages_read == len(ARTICLES) + 2 * len(LAZY)  # a work's pages: surveyed, then read as its book

    again, progress = build(archive, cache)
    assert progress.pages_read == 0 and progress.books_done == progress.books_total == 5
    assert again.books().total == 5
    again.close()

    party = archive / ARTICLES[0]
    party.write_bytes(party.read_bytes().replace(b"A different kind of party", b"An entirely new kind of party"))
    (archive / ARTICLES[2]).unlink()
    changed, progress = build(archive, cache)
    assert progress.pages_read == 1 and progress.books_total == 4
    row = changed.book(ARTICLES[0])
    assert row is not None and row.title.startswith("An entirely new kind of party")
    assert changed.book(ARTICLES[2]) is None and changed.books().total == 4
    assert changed.search("Squaddism").total == 0
    assert changed.search("entirely").rows[0].key == ARTICLES[0]
    changed.close()


def test_a_chapter_changed_reads_its_work_again(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "archive", (*ARTICLES, *LAZY))
    cache = tmp_path / "cache"
    build(archive, cache)[0].close()
    chapter = archive / LAZY[3]
    chapter.write_bytes(chapter.read_bytes().replace(b"</body>", b"<p>Quetzalcoatl idles.</p></body>"))
    library, progress = build(archive, cache)
    assert progress.pages_read == 1 + len(LAZY)  # the chapter surveyed again, then the work read
    assert [row.key for row in library.search("Quetzalcoatl").rows] == [LAZY[0]]
    library.close()


def test_broken_pages_are_problems_and_links_out_are_not_followed(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "archive", ARTICLES[:1])
    (archive / "broken.htm").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    (archive / "empty.htm").write_bytes(b"")
    outside = copy_pages(tree, tmp_path / "outside", ARTICLES[1:2])
    (archive / "leaves.htm").symlink_to(outside / ARTICLES[1])
    library, progress = build(archive, tmp_path / "cache")
    assert progress.finished and progress.error is None
    assert [row.key for row in library.books().rows] == [ARTICLES[0]]
    problems = {problem.key: problem.cause for problem in library.problems().rows}
    assert set(problems) == {"broken.htm", "empty.htm"}
    assert all(cause and "\n" not in cause for cause in problems.values())
    library.close()
    again, progress = build(archive, tmp_path / "cache")  # a problem is remembered, not read again
    assert progress.pages_read == 0 and again.problems().total == 2
    again.close()


def test_a_catalogue_of_another_schema_is_rebuilt(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "archive", ARTICLES[:2])
    cache = tmp_path / "cache"
    cache.mkdir()
    old = sqlite3.connect(cache / DATABASE)
    old.execute("CREATE TABLE books (x)")
    old.execute("PRAGMA user_version = 999")
    old.commit()
    old.close()
    library, progress = build(archive, cache)
    assert progress.error is None and library.books().total == 2
    library.close()


def test_close_stops_the_build_and_leaves_no_process(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "archive", PAGES)
    with Library(archive, tmp_path / "cache") as library:
        library.start()
        library.books()
    library.close()  # twice is fine
    assert library.progress().finished
    assert multiprocessing.active_children() == []
    psutil = pytest.importorskip("psutil")
    # the forkserver (a child, shared with batch) may stay; no worker forked from it does
    workers = [child for child in psutil.Process().children(recursive=True) if child.ppid() != os.getpid()]
    assert workers == []
    resumed, progress = build(archive, tmp_path / "cache")  # what was committed stays; the rest is read now
    assert progress.error is None and resumed.books().total == 7
    resumed.close()


def test_close_during_a_read_ends_its_worker_at_once(tree: Path, tmp_path: Path) -> None:
    """The builder's one worker is stopped (SIGSTOP) as soon as it starts, so the page it holds,
    or the next, would never be answered: close must end it rather than wait out the task's
    600 s, and the page it held is no problem of the catalogue's."""
    archive = copy_pages(tree, tmp_path / "archive", PAGES)
    library = Library(archive, tmp_path / "cache", jobs=1)
    library.start()
    assert library._builder is not None
    pids: list[int] = []
    for _ in range(CLOSE_WAIT * 1000):
        pool = library._builder._pool
        pids = pool.pids if pool is not None else []
        if pids:
            break
        time.sleep(0.001)
    assert pids, "no worker started"
    os.kill(pids[0], signal.SIGSTOP)
    time.sleep(0.2)
    closing = threading.Thread(target=library.close)
    try:
        assert not library.progress().finished  # held on the stopped worker
        closing.start()
        closing.join(CLOSE_WAIT)  # a bound, far below the task's 600 s: not an assertion on speed
        assert not closing.is_alive(), "close waited for the stopped worker"
    finally:
        if closing.ident is None or closing.is_alive():  # failed before or in close: end the worker, then it
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            library.close()
    assert library.progress().finished
    assert [pid for pid in pids if os.path.exists(f"/proc/{pid}")] == []
    assert multiprocessing.active_children() == []
    resumed, progress = build(archive, tmp_path / "cache")
    assert progress.error is None and resumed.books().total == 7
    assert resumed.problems().total == 0  # as in a build never stopped: the ended page is read again
    resumed.close()


def test_an_archive_that_is_not_a_folder_is_one_line(tmp_path: Path) -> None:
    from publish.errors import PublishError

    with pytest.raises(PublishError, match="is not a folder"):
        Library(tmp_path / "missing", tmp_path / "cache").start()


@pytest.mark.parametrize(
    "text", ["", "short", "word " * 1000, "x" * 5000, "line one\n" * 400, "é\n" + "ü" * 1300 + " tail", " " * 3000]
)
def test_passages_give_back_the_text(text: str) -> None:
    from publish.serve.library_db import PASSAGE_CHARS, passages

    pieces = passages(text)
    assert "".join(pieces) == text
    assert all(len(piece) <= PASSAGE_CHARS for piece in pieces)
    if text.startswith("word"):  # cut between words, never inside one
        assert all(piece.endswith(" ") for piece in pieces[:-1])
