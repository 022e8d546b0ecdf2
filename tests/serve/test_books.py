"""Books made on request: real pages of the shared ``mia-tree``, real workers, real EPUBCheck
and pypdf; the cache in ``tmp_path``, never in the corpus."""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from publish.errors import PublishError
from publish.render.impose import booklet_order
from publish.serve.books import DEFAULT_CACHE_LIMIT, BookMaker, Request, Status
from tests.support import epubcheck

LAZY = "archive/lafargue/1883/lazy/index.htm"  # a work of an index and six pages
TULEADERS = "archive/harman/1978/11/tuleaders.htm"
GARNERS = "archive/harman/1978/09/garners.htm"
BOYCOTT = "archive/lafargue/1901/11/boycott.htm"
WAIT = 300.0  # seconds before a test gives up on a build: a bound, not an assertion


@pytest.fixture(scope="module")
def tree(corpus: Path) -> Path:
    return corpus / "mia-tree"


@pytest.fixture(scope="module")
def maker(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BookMaker]:
    with BookMaker(tree, tmp_path_factory.mktemp("cache"), jobs=2) as made:
        yield made


def made(maker: BookMaker, request: Request) -> Status:
    status = maker.wait(maker.submit(request), WAIT)
    assert status.state == "done", status.message
    assert status.file is not None and status.file.is_file()
    return status


def assert_valid_epub(status: Status) -> None:
    assert status.file is not None
    messages = epubcheck(status.file)
    assert messages == [], "\n".join(f"{m['severity']} {m['ID']}: {m['message']}" for m in messages)


def test_an_epub_of_one_work_passes_epubcheck(maker: BookMaker) -> None:
    status = made(maker, Request(keys=(LAZY,)))
    assert status.filename == "lazy.epub"
    assert status.message.startswith("wrote an EPUB of ")
    assert_valid_epub(status)


def test_an_anthology_of_three_texts_by_two_authors_passes_epubcheck(maker: BookMaker) -> None:
    keys = (TULEADERS, BOYCOTT, GARNERS)
    status = made(maker, Request(keys=keys, title="Strikes and Bosses", author="Chris Harman; Paul Lafargue"))
    assert status.filename == "strikes-and-bosses.epub"
    assert_valid_epub(status)


def side_texts(data: bytes) -> list[tuple[str, str]]:
    """The words left and right of the fold on each side of an imposed PDF, without spaces."""
    sides = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fold = float(page.mediabox.width) / 2
        halves: tuple[list[str], list[str]] = ([], [])

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            halves[x >= fold].append(text)  # noqa: B023 - used at once, in this iteration

        page.extract_text(visitor_text=visit)
        sides.append(("".join("".join(halves[0]).split()), "".join("".join(halves[1]).split())))
    return sides


def test_an_a5_booklet_is_in_booklet_order(maker: BookMaker) -> None:
    plain = made(maker, Request(keys=(TULEADERS,), format="pdf"))
    booklet = made(maker, Request(keys=(TULEADERS,), format="pdf", impose="booklet"))
    assert plain.file is not None and booklet.file is not None
    assert booklet.message.startswith("wrote ") and "A5 pages imposed on" in booklet.message
    pages = ["".join((page.extract_text() or "").split()) for page in PdfReader(plain.file).pages]
    sides = side_texts(booklet.file.read_bytes())
    assert len(pages) >= 4 and (2 * len(sides)) % 4 == 0  # each sheet: two sides of two pages
    expected = [tuple(pages[number - 1] if number else "" for number in side) for side in booklet_order(len(pages))]
    assert sides == expected
    assert all(any(side) for side in sides[:2])


def test_the_same_request_again_is_a_cache_hit_with_no_worker(maker: BookMaker) -> None:
    first = made(maker, Request(keys=(GARNERS,)))
    runs = maker.runs
    again = maker.submit(Request(keys=(GARNERS,)))
    assert maker.status(again) == first  # done the moment it is asked for
    assert maker.runs == runs


def test_a_book_asked_for_while_it_is_made_is_the_same_build(tree: Path, tmp_path: Path) -> None:
    with BookMaker(tree, tmp_path, jobs=1) as books:
        first = books.submit(Request(keys=(TULEADERS,), format="pdf"))
        assert books.submit(Request(keys=(TULEADERS,), format="pdf")) == first
        assert books.wait(first, WAIT).state == "done"
        assert books.runs == 1


@pytest.fixture
def small(tree: Path, tmp_path: Path) -> Path:
    """A writable archive of two pages, copied from the tree."""
    archive = tmp_path / "archive"
    for key in (TULEADERS, GARNERS):
        (archive / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tree / key, archive / key)
    return archive


def test_a_changed_page_makes_a_new_book(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1) as books:
        before = made(books, Request(keys=(TULEADERS,)))
        page = small / TULEADERS
        page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>A paragraph added since.</p></body>"))
        after = made(books, Request(keys=(TULEADERS,)))
        assert books.runs == 2
        assert after.file != before.file
        assert before.file is not None and before.file.is_file()  # the old book stays until the cache is pruned


def test_a_broken_page_fails_with_one_line(small: Path, tmp_path: Path) -> None:
    (small / "broken.htm").write_bytes(b"<html><body><p>\x00\x01 \xff\xfe</p>")
    (small / "empty.htm").write_bytes(b"")
    with BookMaker(small, tmp_path / "cache", jobs=1) as books:
        for key in ("broken.htm", "empty.htm"):
            status = books.wait(books.submit(Request(keys=(key,))), WAIT)
            assert status.state == "failed"
            assert status.message and "\n" not in status.message and "Traceback" not in status.message
            assert str(small) not in status.message  # named inside the archive, as the visitor sees it
            assert status.file is None
        assert list((tmp_path / "cache" / "books").glob("*.epub")) == []


def test_a_build_past_its_time_fails_and_the_next_is_made(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1, timeout=0.01) as books:
        status = books.wait(books.submit(Request(keys=(TULEADERS,), format="pdf")), WAIT)
    assert (status.state, status.message) == ("failed", "timed out after 0.01 s")


def test_a_worker_killed_mid_build_fails_that_build_alone(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1) as books:
        doomed = books.submit(Request(keys=(TULEADERS,), format="pdf", impose="booklet"))
        after = books.submit(Request(keys=(GARNERS,)))
        while books.wait(doomed, 0.05).state == "queued":
            pass
        books._pools[0].end()  # as the kernel's out-of-memory killer would
        status = books.wait(doomed, WAIT)
        assert status.state == "failed" and status.message.startswith("the worker was killed (SIGKILL")
        assert books.wait(after, WAIT).state == "done"  # on a fresh worker


@pytest.mark.parametrize(
    ("request_", "named"),
    [
        (Request(keys=(TULEADERS,), format="pdf", paper="b5"), "--paper b5"),
        (Request(keys=(TULEADERS,), format="pdf", impose="booklet", signature=6), "--signature 6"),
        (Request(keys=(TULEADERS,), format="pdf", signature=8), "--signature"),
        (Request(keys=(TULEADERS,), format="pdf", impose="fold"), "impose fold"),
        (Request(keys=(TULEADERS,), format="mobi"), "format mobi"),
        (Request(keys=(TULEADERS,), theme="/etc"), "theme /etc"),
        (Request(keys=(TULEADERS,), theme="../themes/large-print"), "theme ../"),
        (Request(keys=(TULEADERS, GARNERS)), "title"),
        (Request(keys=(TULEADERS, GARNERS), title="  "), "--title"),
        (Request(keys=()), "keys"),
        (Request(keys=("x.htm",) * 201, title="Many"), "keys"),
        (Request(keys=("../secret.htm",)), "../secret.htm"),
        (Request(keys=("/etc/passwd",)), "/etc/passwd"),
        (Request(keys=("archive/harman",)), "archive/harman"),
        (Request(keys=(TULEADERS,), title="x" * 1001), "title"),
    ],
)
def test_a_bad_value_is_one_line_naming_it(maker: BookMaker, request_: Request, named: str) -> None:
    runs = maker.runs
    with pytest.raises(PublishError) as raised:
        maker.submit(request_)
    assert str(raised.value).startswith(named) and "\n" not in str(raised.value)
    assert maker.runs == runs


def test_the_queue_refuses_past_its_bound(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1, max_queued=2) as books:
        first = books.submit(Request(keys=(TULEADERS,), format="pdf"))
        books.submit(Request(keys=(GARNERS,), format="pdf"))
        with pytest.raises(PublishError, match="Too many books are waiting to be made"):
            books.submit(Request(keys=(TULEADERS,), format="pdf", paper="a4"))
        assert books.wait(first, WAIT).state == "done"


def test_close_ends_the_builds_and_leaves_no_worker(small: Path, tmp_path: Path) -> None:
    books = BookMaker(small, tmp_path / "cache", jobs=1)
    running = books.submit(Request(keys=(TULEADERS,), format="pdf", impose="booklet"))
    waiting = books.submit(Request(keys=(GARNERS,), format="pdf"))
    while books.wait(running, 0.05).state == "queued":
        pass  # until a worker holds it
    books.close()
    assert books.status(running).state == "failed" and "stopped" in books.status(running).message
    assert books.status(waiting) == Status("failed", "the server stopped before this book was made")
    pids = [pid for pool in books._pools for pid in pool.pids]
    assert pids, "no worker was started"
    assert [pid for pid in pids if os.path.exists(f"/proc/{pid}")] == []
    assert [child for child in multiprocessing.active_children() if child.pid in pids] == []
    with pytest.raises(PublishError, match="stopping"):
        books.submit(Request(keys=(GARNERS,)))


def cached(books: BookMaker) -> dict[str, int]:
    """The books in the cache folder (their stems) and the bytes of each (the book and its JSON)."""
    sizes: dict[str, int] = {}
    for path in books.books.iterdir():
        if path.is_file():
            sizes[path.stem] = sizes.get(path.stem, 0) + path.stat().st_size
    return sizes


def copy(number: int) -> Request:
    """One page's EPUB under a title of its own: books of the same size, each another book."""
    return Request(keys=(TULEADERS,), title=f"Copy {number}")


def stem(status: Status) -> str:
    assert status.file is not None
    return status.file.stem


def test_the_cache_stays_within_its_limit_and_keeps_the_most_recently_used(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1, recent=0.0) as books:
        first = made(books, copy(1))
        one = cached(books)[stem(first)]
        books.cache_limit = one * 5 // 2  # room for two books, not three
        second = made(books, copy(2))
        assert set(cached(books)) == {stem(first), stem(second)}
        assert books.status(books.submit(copy(1))) == first  # a hit: copy 1 is now used more recently than 2
        third = made(books, copy(3))
        assert set(cached(books)) == {stem(first), stem(third)}  # the least recently used went
        later = []
        for number in (4, 5, 6):
            later.append(made(books, copy(number)))  # pruned before it is done
            assert sum(cached(books).values()) <= books.cache_limit
            assert stem(later[-1]) in cached(books)
        assert set(cached(books)) == {stem(later[-2]), stem(later[-1])}
        assert books.runs == 6


def test_a_recent_build_keeps_its_book_whatever_the_limit(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1, cache_limit=1) as books:
        statuses = [made(books, copy(number)) for number in (1, 2)]
        assert books.prune() == 0  # a visitor may be on either's download page
        assert set(cached(books)) == {stem(status) for status in statuses}
    with BookMaker(small, tmp_path / "cache", jobs=1, cache_limit=1):  # a new start: nothing is recent
        pass
    assert [path for path in (tmp_path / "cache" / "books").iterdir() if path.is_file()] == []


def test_a_book_the_cache_let_go_is_made_again(small: Path, tmp_path: Path) -> None:
    with BookMaker(small, tmp_path / "cache", jobs=1, cache_limit=1, recent=0.0) as books:
        first = books.submit(copy(1))
        assert books.wait(first, WAIT).state == "done"
        second = made(books, copy(2))
        assert set(cached(books)) == {stem(second)}  # copy 1 pruned while copy 2 was made
        assert books.runs == 2
        again = books.status(first)  # its download page looked at again: queued, no error
        assert again.state == "queued" and "making it again" in again.message, again
        done = books.wait(first, WAIT)
        assert done.state == "done" and done.file is not None and done.file.is_file()
        assert done.filename == "tuleaders.epub"
        assert books.runs == 3
        request = books.submit(copy(2))  # pruned in turn: a miss, made again
        assert books.wait(request, WAIT).state == "done"
        assert books.runs == 4


def test_publish_serve_refuses_a_bad_book_cache_size_in_one_line(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "publish", "serve", str(tmp_path), "--book-cache", "lots", "--port", "0"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "publish: --book-cache: 'lots' is not a size: a number of bytes, or with K, M or G (e.g. 32M)"
    ]


def test_importing_the_book_maker_and_reading_view_loads_no_heavy_library() -> None:
    """The app imports these at start; the converter is loaded by the workers, or on first read."""
    from tests.support import modules_loaded
    from tests.test_startup import HEAVY

    code = "import publish.serve.books, publish.serve.reading, publish.serve.paths"
    assert modules_loaded(code, [*HEAVY, "publish.normalise", "publish.render.epub", "publish.loading"]) == []


def test_the_servers_book_cache_size_reaches_its_book_maker(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from publish.serve.app import ServeConfig, create_app

    (tmp_path / "archive").mkdir()
    app = create_app(ServeConfig(archive=tmp_path / "archive", cache=tmp_path / "cache", book_cache=5_000_000))
    with TestClient(app, base_url="http://127.0.0.1"):
        assert app.state.parts.books.cache_limit == 5_000_000
    plain = create_app(ServeConfig(archive=tmp_path / "archive", cache=tmp_path / "cache2"))
    with TestClient(plain, base_url="http://127.0.0.1"):
        assert plain.state.parts.books.cache_limit == DEFAULT_CACHE_LIMIT
