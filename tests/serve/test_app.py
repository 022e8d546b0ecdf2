"""``publish serve``'s web application through Starlette's test client: real catalogue, real
books, real sessions, on a small archive of real ``mia-tree`` pages (Lafargue's folder and two
of Harman's articles) copied into ``tmp_path``; the cache beside it."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from starlette.testclient import TestClient

from publish.serve.app import ServeConfig, create_app
from publish.serve.sessions import MAX_ITEMS
from tests.support import epubcheck

LAZY = "archive/lafargue/1883/lazy/index.htm"
BOYCOTT = "archive/lafargue/1901/11/boycott.htm"
TULEADERS = "archive/harman/1978/11/tuleaders.htm"
GARNERS = "archive/harman/1978/09/garners.htm"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def archive(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    tree = corpus / "mia-tree"
    shutil.copytree(tree / "archive" / "lafargue", root / "archive" / "lafargue")
    for key in (TULEADERS, GARNERS):
        (root / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tree / key, root / key)
    return root


@pytest.fixture(scope="module")
def client(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(ServeConfig(archive=archive, cache=tmp_path_factory.mktemp("cache"), jobs=2))
    with TestClient(app, base_url="http://127.0.0.1") as made:
        progress = app.state.parts.library.wait(300)
        assert progress.finished and progress.error is None, progress
        yield made


def _token(client: TestClient) -> str:
    found = re.search(r'name="token" value="([^"]+)"', client.get("/basket").text)
    assert found is not None
    return found.group(1)


def _built(client: TestClient, response_url: str) -> str:
    """Follow a build's page until it is done: the download link's address."""
    for _ in range(600):
        page = client.get(response_url).text
        if 'id="download"' in page:
            found = re.search(r'href="(/build/[^"]+/file)"', page)
            assert found is not None
            return found.group(1)
        assert "could not be made" not in page, page
        time.sleep(0.5)
    raise AssertionError("the build did not finish")


def test_the_library_lists_authors_languages_and_decades(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Lafargue" in page.text and "Harman" in page.text
    assert 'lang="en"' in page.text and "<script" not in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    authors = client.get("/authors").text
    assert authors.index("Harman") < authors.index("Lafargue")  # by surname


def test_an_authors_books_and_a_search(client: TestClient) -> None:
    listed = client.get("/books", params={"author": "Paul Lafargue"}).text
    assert "The Right To Be Lazy" in listed and "Harman" not in listed
    found = client.get("/search", params={"q": "Moss Evans"}).text
    assert f'href="/text/{TULEADERS}"' in found
    assert "<mark>" in found
    for hostile in ('NEAR("a"', '"', "*", "a" * 10_000, "\x00", "<script>alert(1)</script>"):
        answer = client.get("/search", params={"q": hostile})
        assert answer.status_code == 200 and "<script>alert" not in answer.text


def test_hostile_paths_are_404(client: TestClient, archive: Path) -> None:
    for path in (
        "/text/../../etc/passwd",
        "/text/%2e%2e/%2e%2e/etc/passwd",
        "/text//etc/passwd",
        "/file/../../etc/passwd",
        "/file/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/file/%252e%252e/etc/passwd",
        "/file//etc/passwd",
        f"/file/{archive}/archive/lafargue/1901/11/boycott.htm",
        "/file/archive/lafargue/1901/11/boycott.htm",  # a page, not a picture
        "/download/archive/nothing/here.htm",
        "/build/nonesuch",
        "/build/nonesuch/file",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, (path, answer.status_code)
        assert "Traceback" not in answer.text


def test_forms_need_the_sessions_token_and_stay_small(client: TestClient) -> None:
    refused = client.post("/basket/add", data={"key": BOYCOTT, "token": "forged"})
    assert refused.status_code == 400 and "token" in refused.text
    token = _token(client)
    big = client.post("/basket/name", data={"token": token, "title": "x" * 100_000})
    assert big.status_code == 413
    long_title = client.post("/basket/name", data={"token": token, "title": "x" * 5000}, follow_redirects=False)
    assert long_title.status_code == 400 and "at most" in long_title.text


def test_a_basket_is_bounded(client: TestClient) -> None:
    token = _token(client)
    many = "\n".join(f'[[item]]\npath = "{BOYCOTT}"' for _ in range(10_000))
    answer = client.post("/basket/import", data={"token": token, "selection": f'title = "T"\n{many}'})
    assert answer.status_code == 413  # the form alone is over the request limit
    keys = [LAZY, BOYCOTT, TULEADERS, GARNERS] * 20
    selection = 'title = "T"\n' + "\n".join(f'[[item]]\npath = "{key}"' for key in keys)
    answer = client.post("/basket/import", data={"token": token, "selection": selection}, follow_redirects=False)
    assert answer.status_code == 303  # duplicates are one item each
    assert client.get("/basket").text.count('class="item"') == 4
    assert MAX_ITEMS < 10_000
    client.post("/basket/clear", data={"token": token})


def test_the_basket_builds_an_epub_and_exports_its_selection(client: TestClient, tmp_path: Path) -> None:
    token = _token(client)
    for key in (TULEADERS, BOYCOTT, GARNERS):
        assert client.post("/basket/add", data={"token": token, "key": key}, follow_redirects=False).status_code == 303
    client.post("/basket/down", data={"token": token, "key": TULEADERS})  # Lafargue first now
    client.post("/basket/name", data={"token": token, "title": "Three Texts", "author": "An Editor"})
    order = list(dict.fromkeys(re.findall(r'name="key" value="([^"]+)"', client.get("/basket").text)))
    assert order == [BOYCOTT, TULEADERS, GARNERS]
    exported = client.get("/basket.toml").text
    assert exported.index(BOYCOTT) < exported.index(TULEADERS) < exported.index(GARNERS)
    assert 'title = "Three Texts"' in exported
    build = client.post("/basket/build", data={"token": token, "format": "epub"}, follow_redirects=False)
    assert build.status_code == 303
    download = client.get(_built(client, build.headers["location"]))
    assert download.headers["content-type"] == "application/epub+zip"
    book = tmp_path / "three.epub"
    book.write_bytes(download.content)
    assert epubcheck(book) == []
    client.post("/basket/clear", data={"token": token})
    client.post("/basket/import", data={"token": token, "selection": exported})
    assert client.get("/basket.toml").text == exported


def test_a_book_the_cache_let_go_is_made_again_never_a_500(client: TestClient) -> None:
    books = client.app.state.parts.books  # type: ignore[attr-defined]
    started = client.get(f"/download/{GARNERS}", follow_redirects=False)
    link = _built(client, started.headers["location"])
    assert client.get(link).status_code == 200
    runs = books.runs
    limit, recent = books.cache_limit, books.recent
    try:
        books.cache_limit, books.recent = 1, 0.0  # as months of other books would
        assert books.prune() > 0
    finally:
        books.cache_limit, books.recent = limit, recent
    waiting = client.get(link, follow_redirects=False)  # being made again: its progress page
    assert waiting.status_code == 303 and waiting.headers["location"] == started.headers["location"]
    again = client.get(_built(client, started.headers["location"]))
    assert again.status_code == 200 and again.headers["content-type"] == "application/epub+zip"
    assert zipfile.ZipFile(io.BytesIO(again.content)).testzip() is None
    assert books.runs == runs + 1


def test_an_opds_client_browses_searches_and_downloads(client: TestClient, tmp_path: Path) -> None:
    root = etree.fromstring(client.get("/opds").content)
    authors_href = next(
        str(link.get("href")) for link in root.iter(f"{ATOM}link") if str(link.get("href")).endswith("/authors")
    )
    authors = etree.fromstring(client.get(authors_href).content)
    lafargue = next(
        entry for entry in authors.iter(f"{ATOM}entry") if "Lafargue" in (entry.findtext(f"{ATOM}title") or "")
    )
    books_href = str(lafargue.find(f"{ATOM}link").get("href"))  # type: ignore[union-attr]
    books = etree.fromstring(client.get(books_href).content)
    assert any("Lazy" in (entry.findtext(f"{ATOM}title") or "") for entry in books.iter(f"{ATOM}entry"))
    description = etree.fromstring(client.get("/opds/search.xml").content)
    template = next(str(element.get("template")) for element in description.iter() if element.get("template"))
    found = etree.fromstring(client.get(template.replace("{searchTerms}", "boycott")).content)
    entry = next(found.iter(f"{ATOM}entry"))
    epub = next(
        str(link.get("href")) for link in entry.iter(f"{ATOM}link") if link.get("type") == "application/epub+zip"
    )
    data = client.get(epub).content
    assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == b"application/epub+zip"
    book = tmp_path / "opds.epub"
    book.write_bytes(data)
    assert epubcheck(book) == []


def test_the_reading_view_shows_the_text_its_notes_and_credits(client: TestClient) -> None:
    page = client.get(f"/text/{LAZY}")
    assert page.status_code == 200
    text = page.text
    assert "The Right To Be Lazy" in text and "<script" not in text
    assert 'href="/download/archive/lafargue/1883/lazy/index.htm?format=epub"' in text
    assert "About this text" in text and 'aria-labelledby="notes-heading"' in text


def test_publish_serve_listens_on_loopback_and_answers(archive: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import urllib.request

    environment = {**os.environ, "PUBLISH_WARM": "0"}
    command = [sys.executable, "-m", "publish", "serve", str(archive), "--port", "0", "--cache", str(tmp_path)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert found is not None, line
        with urllib.request.urlopen(found.group(1), timeout=30) as answer:
            assert answer.status == 200 and b"The library" in answer.read()
    finally:
        server.terminate()
        server.wait(30)
    assert server.returncode in (0, -15)


def test_publish_serve_refuses_a_missing_folder_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {**os.environ, "PUBLISH_WARM": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "publish", "serve", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "is not a folder" in done.stderr


def test_the_first_item_cannot_go_earlier_nor_the_last_later(client: TestClient) -> None:
    token = _token(client)
    client.post("/basket/clear", data={"token": token})
    for key in (BOYCOTT, TULEADERS, GARNERS):
        client.post("/basket/add", data={"token": token, "key": key})
    page = client.get("/basket").text
    disabled = re.findall(r'value="(up|down)" aria-label="[^"]*: ([^"]+)" disabled', page)
    assert [action for action, _ in disabled] == ["up", "down"]
    assert page.count(" disabled>") == 2
    client.post("/basket/clear", data={"token": token})


def _visitor(client: TestClient) -> TestClient:
    """A browser of its own (its own cookies) on the same running app."""
    return TestClient(client.app, base_url="http://127.0.0.1")


def test_a_kept_page_is_answered_as_its_first_rendering_was_with_each_visitors_own_token(
    client: TestClient,
) -> None:
    from publish.serve.kept import HEADERS

    parts = client.app.state.parts  # type: ignore[attr-defined]
    address = "/search?q=lazy%20Lafargue"
    first, second = _visitor(client), _visitor(client)
    made = first.get(address)  # rendered: through Starlette
    assert parts.pages.get(("/search", b"q=lazy%20Lafargue", "en"), parts.library.generation) is not None
    kept = second.get(address)  # answered from memory, before the routing
    for answer in (made, kept):
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        for name, value in HEADERS:
            assert answer.headers[name.decode()] == value.decode()
        assert answer.headers["set-cookie"].startswith("publish_session=")
        assert "HttpOnly" in answer.headers["set-cookie"] and "SameSite=strict" in answer.headers["set-cookie"]
        assert "\ue000" not in answer.text and "Basket (0)" in answer.text
    tokens = [re.findall(r'name="token" value="([^"]+)"', answer.text) for answer in (made, kept)]
    assert tokens[0] and tokens[1] and set(tokens[0]).isdisjoint(tokens[1]), "each visitor has a token of their own"
    assert re.sub(r'value="[0-9a-f]{64}"', "", made.text) == re.sub(r'value="[0-9a-f]{64}"', "", kept.text)
    # The visitor's own basket and token, on the kept page, from their cookie; no new cookie.
    token = tokens[1][0]
    for key in (BOYCOTT, TULEADERS):
        second.post("/basket/add", data={"token": token, "key": key})
    again = second.get(address)
    assert "Basket (2)" in again.text and f'value="{token}"' in again.text and "set-cookie" not in again.headers
    assert first.get(address).text.count("Basket (0)") == 1


def test_kept_pages_and_feeds_are_made_again_when_the_catalogue_changes(client: TestClient) -> None:
    from publish.serve.kept import KeptPage

    parts = client.app.state.parts  # type: ignore[attr-defined]
    for address, path, query in (
        ("/books?author=Paul%20Lafargue", "/books", b"author=Paul%20Lafargue"),
        ("/opds/books?language=en", "/opds/books", b"language=en"),
    ):
        client.get(address)
        generation = parts.library.generation
        page = KeptPage.of(generation, "text/plain", "kept <b>\ue000token\ue000</b>", "en")
        parts.pages.put((path, query, "en"), page)
        assert client.get(address).text.startswith("kept <b>"), "a kept page is answered from memory"
        parts.library._committed()  # the catalogue changed: the kept page is stale
        fresh = client.get(address)
        assert "kept <b>" not in fresh.text and fresh.status_code == 200
    feed = client.get("/opds/books?language=en")
    assert feed.headers["content-type"] == "application/atom+xml;profile=opds-catalog;kind=acquisition"
    assert etree.fromstring(feed.content).tag == f"{ATOM}feed"


def test_the_site_speaks_the_visitors_language_and_keeps_a_page_per_language(client: TestClient) -> None:
    russian, english = _visitor(client), _visitor(client)
    russian.headers["Accept-Language"] = "ru-RU,ru;q=0.9,en;q=0.5"
    for _ in range(2):  # made, then kept: the same either way
        page = russian.get("/")
        assert page.headers["content-language"] == "ru" and "Accept-Language" in page.headers["vary"]
        assert '<html lang="ru">' in page.text
        assert "английский" in page.text  # the language facet, named in Russian (CLDR)
        assert "Корзина (0)" in page.text and "Библиотека" in page.text
        plain = english.get("/")
        assert plain.headers["content-language"] == "en" and '<html lang="en">' in plain.text
        assert ">English</a>" in plain.text and "Basket (0)" in plain.text
    # The text keeps its own language inside a page in the visitor's.
    reading = russian.get(f"/text/{LAZY}").text
    assert '<html lang="ru">' in reading and '<article class="reading" lang="en">' in reading
    missing = russian.get("/text/archive/none.htm")
    assert missing.status_code == 404 and "Такой страницы здесь нет" in missing.text
    # What cannot be done is said in the visitor's language too.
    token = re.findall(r'name="token" value="([^"]+)"', russian.get("/basket").text)[0]
    russian.post("/basket/clear", data={"token": token})
    refused = russian.post("/basket/build", data={"token": token, "format": "pdf"})
    assert refused.status_code == 400 and "Корзина пуста: сначала добавьте текст." in refused.text
    long_title = russian.post("/basket/name", data={"token": token, "title": "x" * 5000})
    assert long_title.status_code == 400 and "Название длиной 5000 знаков; не больше 300." in long_title.text


def test_the_cjk_face_is_served_from_the_package_and_the_stylesheet_asks_for_it(client: TestClient) -> None:
    from publish.render.fonts import cjk_face

    face = client.get("/font/cjk.otf")
    if cjk_face() is None:
        assert face.status_code == 404
    else:
        assert face.status_code == 200 and face.headers["content-type"] == "font/otf"
        assert face.content[:4] == b"OTTO"
    css = client.get("/serve.css").text
    assert "url(/font/cjk.otf)" in css and "unicode-range: U+1100" in css
