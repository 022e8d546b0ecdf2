"""``publish serve``'s web application: the library, the reading view, the basket and its builds.

An ASGI app (Starlette) over three parts that know nothing of the web: the catalogue
(``library``), the book maker (``books``) and the visitors' sessions (``sessions``). Pages are
Jinja2 templates from ``templates/serve/`` and one stylesheet, ``styles/serve.css``, found like
every other template and style (a user's folder, a theme, the built-ins), so a user restyles the
site as they restyle a book. There is no script: every action is a link or a form.

What a request may name is checked before anything is read: a book by its key in the catalogue
(a key the catalogue does not hold is a 404, whatever it looks like), a picture by a path that
``paths.inside`` resolves inside the archive. Forms are small and carry the session's token;
a failure is its one-line cause on a page, never a traceback.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from publish.errors import PublishError
from publish.render.translations import N_
from publish.serve.books import BookMaker, Status
from publish.serve.books import Request as BookRequest
from publish.serve.kept import (
    BASKET_SLOT,
    COOKIE,
    HEADERS,
    TOKEN_SLOT,
    KeptPage,
    KeptPages,
    answer,
    cookie_header,
    language_headers,
    session_cookie,
)
from publish.serve.library import Library
from publish.serve.paths import inside
from publish.serve.refusals import RefusedError
from publish.serve.sessions import Basket, Sessions
from publish.serve.site_language import language_name, names, negotiate

PAGE_SIZE = 50
MAX_BODY = 64 * 1024
"""The largest request body (a form, an imported selection): far above any form here."""
_HTML = "text/html; charset=utf-8"
MAKERS = 2
PICTURES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}
PAPERS = ("a5", "a4", "a6", "letter", "half-letter")
THEMES = ("classic", "large-print")


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeConfig:
    archive: Path
    cache: Path
    jobs: int = 2
    book_cache: int | None = None
    """Bytes of built books kept (``BookMaker``'s ``cache_limit``; None: its default)."""
    templates: Path | None = None
    styles: Path | None = None
    theme: Path | None = None


class _Parts:
    """What the app holds while it runs, made at start-up and closed at shutdown."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.library = Library(config.archive, config.cache, jobs=config.jobs)
        self.books = BookMaker(config.archive, config.cache, jobs=config.jobs, cache_limit=config.book_cache)
        self.sessions = Sessions(config.cache / "sessions.sqlite")
        self.pages = KeptPages()
        """Rendered listing, search and feed pages (``_cached``), answered by ``_KeptFirst``."""
        self.makers = anyio.CapacityLimiter(MAKERS)
        """Threads making pages not kept: a few, so that the event loop, which answers the
        kept pages, is not left waiting for the interpreter behind dozens of them (and each
        thread holds a connection to the catalogue and its cache)."""

    def close(self) -> None:
        for part in (self.library, self.books, self.sessions):
            with contextlib.suppress(Exception):
                part.close()


def create_app(config: ServeConfig) -> Starlette:
    """The application; its parts start with the server (the catalogue builds in the background)."""
    holder: dict[str, _Parts] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        config.cache.mkdir(parents=True, exist_ok=True)
        parts = _Parts(config)
        holder["parts"] = app.state.parts = parts
        parts.library.start()
        try:
            yield
        finally:
            parts.close()

    def handler(view: Callable[[Request, _Parts], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            parts = holder["parts"]
            sid, token = parts.sessions.open(request.cookies.get(COOKIE))
            request.state.sid, request.state.token = sid, token
            request.state.language = negotiate(request.headers.get("accept-language"))
            try:
                response = await view(request, parts)
            except RefusedError as error:
                said = (error.message, error.values)
                response = _page(request, parts, "error.html.j2", status_code=400, message=None, said=said)
            except PublishError as error:
                response = _page(request, parts, "error.html.j2", status_code=400, message=str(error), said=None)
            except _NotFoundError:
                response = _page(request, parts, "error.html.j2", status_code=404, message=None, said=None)
            except _TooLargeError:
                response = PlainTextResponse("request too large", status_code=413)
            if request.cookies.get(COOKIE) != sid:
                response.raw_headers.append((b"set-cookie", cookie_header(sid)))
            present = {name for name, _ in response.raw_headers}
            response.raw_headers.extend(header for header in HEADERS if header[0] not in present)
            return response

        return endpoint

    routes = [
        Route("/", handler(_home)),
        Route("/authors", handler(_authors)),
        Route("/books", handler(_books)),
        Route("/search", handler(_search)),
        Route("/text/{key:path}", handler(_text)),
        Route("/download/{key:path}", handler(_download)),
        Route("/file/{path:path}", handler(_file)),
        Route("/basket", handler(_basket)),
        Route("/basket/{action}", handler(_basket_action), methods=["POST"]),
        Route("/basket.toml", handler(_export)),
        Route("/build/{build_id}", handler(_build)),
        Route("/build/{build_id}/file", handler(_build_file)),
        Route("/serve.css", handler(_stylesheet)),
        Route("/font/cjk.otf", handler(_cjk_font)),
        Route("/opds", handler(_opds_root)),
        Route("/opds/authors", handler(_opds_authors)),
        Route("/opds/languages", handler(_opds_languages)),
        Route("/opds/books", handler(_opds_books)),
        Route("/opds/search.xml", handler(_opds_opensearch)),
        Route("/opds/search", handler(_opds_search)),
        Route("/opds/get/{key:path}", handler(_opds_get)),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(_KeptFirst, holder=holder)])


class _KeptFirst:
    """Answers a GET of a kept page (``_cached``) before Starlette's routing and request
    objects: under load, they were most of what such a request cost (``kept``'s docstring)."""

    def __init__(self, app: ASGIApp, holder: dict[str, _Parts]) -> None:
        self.app = app
        self.holder = holder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        parts = self.holder.get("parts")
        if scope["type"] == "http" and scope["method"] == "GET" and parts is not None:
            cookie = accepted = None
            for name, value in scope["headers"]:
                if name == b"cookie":
                    cookie = session_cookie(value.decode("latin-1"))
                elif name == b"accept-language":
                    accepted = value.decode("latin-1")
            address = (scope["path"], scope["query_string"], negotiate(accepted))
            page = parts.pages.get(address, parts.library.generation)
            if page is not None:
                await _answer(parts, page, send, cookie)
                return
        await self.app(scope, receive, send)


async def _answer(parts: _Parts, page: KeptPage, send: Send, cookie: str | None) -> None:
    sid, token = parts.sessions.open(cookie)
    basket = len(parts.sessions.basket(sid).keys) if cookie == sid else 0
    await answer(page, send, sid=sid, token=token, basket=basket, new_session=cookie != sid)


class _NotFoundError(Exception):
    pass


class _TooLargeError(Exception):
    pass


# --- pages -------------------------------------------------------------------------------


async def _home(request: Request, parts: _Parts) -> Response:
    library = parts.library
    return await _listing(
        request,
        parts,
        "library.html.j2",
        lambda: {
            "progress": library.progress(),
            "authors": library.authors()[:40],
            "languages": library.languages(),
            "decades": library.decades(),
        },
    )


async def _authors(request: Request, parts: _Parts) -> Response:
    library = parts.library
    return await _listing(
        request, parts, "authors.html.j2", lambda: {"authors": library.authors(), "progress": library.progress()}
    )


async def _books(request: Request, parts: _Parts) -> Response:
    def context() -> dict[str, object]:
        query = request.query_params
        author, language, decade = query.get("author"), query.get("language"), query.get("decade")
        number = _page_number(query)
        found = parts.library.books(
            author=author, language=language, decade=decade, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        pages = _pages(request, number, found.total)
        return {
            "searching": False,
            "author": author,
            "language": language,
            "decade": decade,
            "found": found,
            "pages": pages,
        }

    return await _listing(request, parts, "books.html.j2", context)


async def _search(request: Request, parts: _Parts) -> Response:
    def context() -> dict[str, object]:
        text = request.query_params.get("q", "")[:500]
        number = _page_number(request.query_params)
        found = parts.library.search(text, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        return {"searching": True, "query": text, "found": found, "pages": _pages(request, number, found.total)}

    return await _listing(request, parts, "books.html.j2", context)


async def _text(request: Request, parts: _Parts) -> Response:
    from publish.serve.reading import reading_page

    book = _known(parts, request.path_params["key"])
    reading = await run_in_threadpool(reading_page, parts.config.archive, book.key)
    basket = parts.sessions.basket(request.state.sid)
    return _page(
        request,
        parts,
        "text.html.j2",
        book=book,
        reading=reading,
        body=Markup(reading.body_html),  # safe: made by the EPUB's body writer, filtered (reading_page)
        notes=Markup(reading.notes_html),
        in_basket=book.key in basket.keys,
    )


async def _download(request: Request, parts: _Parts) -> Response:
    """One text as an EPUB or a PDF (``/download/KEY?format=pdf``): made on request, kept in the
    cache; a build that takes a while shows its progress page instead."""
    book = _known(parts, request.path_params["key"])
    kind = request.query_params.get("format", "epub")
    if kind not in ("epub", "pdf"):
        raise RefusedError("format", N_("Choose EPUB or PDF."))
    build = await run_in_threadpool(parts.books.submit, BookRequest(keys=(book.key,), format=kind))
    return RedirectResponse(f"/build/{build}", status_code=303)


async def _file(request: Request, parts: _Parts) -> Response:
    """A picture a reading view shows, from the archive folder only."""
    path = inside(parts.config.archive, request.path_params["path"])
    if path is None or path.suffix.lower() not in PICTURES:
        raise _NotFoundError
    return FileResponse(path, media_type=PICTURES[path.suffix.lower()])


async def _basket(request: Request, parts: _Parts) -> Response:
    basket = parts.sessions.basket(request.state.sid)
    books = [book for book in (parts.library.book(key) for key in basket.keys) if book is not None]
    return _page(request, parts, "basket.html.j2", basket=basket, books=books, papers=PAPERS, themes=THEMES)


async def _basket_action(request: Request, parts: _Parts) -> Response:
    form = await _form(request, parts)
    sid = request.state.sid
    basket = parts.sessions.basket(sid)
    action = request.path_params["action"]
    key = str(form.get("key", ""))
    if action == "add":
        basket = basket.add(_known(parts, key).key)
    elif action == "remove":
        basket = basket.remove(key)
    elif action in ("up", "down"):
        basket = basket.move(key, -1 if action == "up" else 1)
    elif action == "name":
        basket = basket.named(str(form.get("title", "")), str(form.get("author", "")))
    elif action == "clear":
        basket = Basket()
    elif action == "import":
        basket = _imported(parts, form)
    elif action == "build":
        return await _build_basket(parts, basket, form)
    else:
        raise _NotFoundError
    parts.sessions.save(sid, basket)
    back = str(form.get("back", "/basket"))
    return RedirectResponse(back if back.startswith("/") and not back.startswith("//") else "/basket", status_code=303)


async def _build_basket(parts: _Parts, basket: Basket, form: FormData) -> Response:
    if not basket.keys:
        raise RefusedError("basket", N_("The basket is empty: add a text first."))
    kind = str(form.get("format", "pdf"))
    paper = str(form.get("paper", "a5"))
    impose = str(form.get("impose", "")) or None
    theme = str(form.get("theme", "")) or None
    theme = None if theme == "classic" else theme
    signature_text = str(form.get("signature", "")).strip()
    if (
        kind not in ("epub", "pdf")
        or paper not in PAPERS
        or impose not in (None, "booklet")
        or theme not in (None, *THEMES)
    ):
        raise RefusedError("build", N_("This site does not make that format, paper, imposition or look."))
    if signature_text and not signature_text.isdigit():
        raise RefusedError("signature", N_("A signature is a number of pages (a multiple of 4)."))
    first = parts.library.book(basket.keys[0])
    title = basket.title or (first.title if first is not None and len(basket.keys) == 1 else "")
    if not title:
        raise RefusedError("basket", N_("A book of several texts needs a title: give it one above."))
    request = BookRequest(
        keys=basket.keys,
        format=kind,
        paper=paper,
        impose=impose,
        signature=int(signature_text) if signature_text else None,
        theme=theme,
        cover=form.get("cover", "on") == "on",
        title=title,
        author=basket.author or None,
    )
    return RedirectResponse(f"/build/{await run_in_threadpool(parts.books.submit, request)}", status_code=303)


def _imported(parts: _Parts, form: FormData) -> Basket:
    """A selection TOML (as ``/basket.toml`` exports and ``publish epub`` reads) as the basket."""
    import tomllib

    text = str(form.get("selection", ""))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RefusedError("selection", N_("The selection is not valid TOML: %(cause)s"), cause=str(error)) from error
    items = data.get("item")
    if not isinstance(items, list) or not all(isinstance(item, dict) and "path" in item for item in items):
        raise RefusedError("selection", N_('The selection lists no items: [[item]] tables with a path = "…".'))
    basket = Basket()
    for item in items:
        basket = basket.add(_known(parts, str(item["path"])).key)
    return basket.named(str(data.get("title", "")), str(data.get("author", "")))


async def _export(request: Request, parts: _Parts) -> Response:
    basket = parts.sessions.basket(request.state.sid)
    lines = [f"title = {_toml_string(basket.title or 'My pamphlet')}"]
    if basket.author:
        lines.append(f"author = {_toml_string(basket.author)}")
    for key in basket.keys:
        lines += ["", "[[item]]", f"path = {_toml_string(key)}"]
    headers = {"Content-Disposition": 'attachment; filename="selection.toml"'}
    return Response("\n".join(lines) + "\n", media_type="application/toml", headers=headers)


def _toml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


def _status(parts: _Parts, build_id: str) -> Status:
    try:
        return parts.books.status(build_id)
    except PublishError as error:
        raise _NotFoundError from error


async def _build(request: Request, parts: _Parts) -> Response:
    status = _status(parts, request.path_params["build_id"])
    return _page(request, parts, "build.html.j2", build_id=request.path_params["build_id"], status=status)


async def _build_file(request: Request, parts: _Parts) -> Response:
    """The book, once made; a build not done yet (or made again: the cache let its book go)
    sends the visitor to its progress page, which offers the file when it is there."""
    build_id = request.path_params["build_id"]
    status = _status(parts, build_id)
    if status.state in ("queued", "running"):
        return RedirectResponse(f"/build/{build_id}", status_code=303)
    if status.state != "done" or status.file is None:
        raise _NotFoundError
    kind = "application/epub+zip" if status.file.suffix == ".epub" else "application/pdf"
    return FileResponse(status.file, media_type=kind, filename=status.filename)


async def _stylesheet(request: Request, parts: _Parts) -> Response:
    from publish.resources import stylesheet

    text = stylesheet("serve.css", parts.config.styles, parts.config.theme)
    return Response(text, media_type="text/css", headers={"Cache-Control": "max-age=300"})


async def _cjk_font(request: Request, parts: _Parts) -> Response:
    """Noto Sans CJK from the optional ``publish[cjk]`` package, for a browser with no face for
    Chinese, Japanese or Korean (``serve.css`` asks for it only then); a 404 without it."""
    from publish.render.fonts import cjk_face

    face = cjk_face()
    if face is None:
        raise _NotFoundError
    return FileResponse(face.path, media_type="font/otf", headers={"Cache-Control": "max-age=86400"})


# --- OPDS --------------------------------------------------------------------------------

_NAVIGATION_TYPE = "application/atom+xml;profile=opds-catalog;kind=navigation"
_ACQUISITION_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition"


async def _opds_root(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    return Response(opds.root(), media_type=_NAVIGATION_TYPE)


async def _opds_authors(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    def feed() -> bytes:
        names = [(f.name, f.count, f"/opds/books?author={_quoted(f.name)}") for f in parts.library.authors()]
        return opds.facets("/opds/authors", "By author", names)

    return await _cached(request, parts, feed, _NAVIGATION_TYPE)


async def _opds_languages(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    def feed() -> bytes:
        names = [(f.name, f.count, f"/opds/books?language={_quoted(f.name)}") for f in parts.library.languages()]
        return opds.facets("/opds/languages", "By language", names)

    return await _cached(request, parts, feed, _NAVIGATION_TYPE)


async def _opds_books(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    def feed() -> bytes:
        query = request.query_params
        author, language = query.get("author"), query.get("language")
        number = _page_number(query)
        found = parts.library.books(
            author=author, language=language, offset=(number - 1) * opds.PAGE_SIZE, limit=opds.PAGE_SIZE
        )
        path = "/opds/books" + (
            f"?author={_quoted(author)}" if author else f"?language={_quoted(language)}" if language else ""
        )
        title = author or (f"In {language}" if language else "Every text")
        return opds.books(path, title, found.rows, total=found.total, page=number)

    return await _cached(request, parts, feed, _ACQUISITION_TYPE)


async def _opds_opensearch(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    return Response(opds.opensearch(), media_type="application/opensearchdescription+xml")


async def _opds_search(request: Request, parts: _Parts) -> Response:
    from publish.serve import opds

    def feed() -> bytes:
        text = request.query_params.get("q", "")[:500]
        number = _page_number(request.query_params)
        found = parts.library.search(text, offset=(number - 1) * opds.PAGE_SIZE, limit=opds.PAGE_SIZE)
        path = f"/opds/search?q={_quoted(text)}"
        return opds.books(path, f"Search: {text}", found.rows, total=found.total, page=number, query=text)

    return await _cached(request, parts, feed, _ACQUISITION_TYPE)


async def _opds_get(request: Request, parts: _Parts) -> Response:
    """A book for an e-reader app, which cannot watch a progress page: made (or taken from the
    cache) while the request waits, in a thread so the server goes on answering."""

    book = _known(parts, request.path_params["key"])
    kind = request.query_params.get("format", "epub")
    if kind not in ("epub", "pdf"):
        raise RefusedError("format", N_("Choose EPUB or PDF."))
    build = await run_in_threadpool(parts.books.submit, BookRequest(keys=(book.key,), format=kind))
    status = await anyio.to_thread.run_sync(lambda: parts.books.wait(build, 600))
    if status.state != "done" or status.file is None:
        raise RefusedError(
            book.key, N_("%(text)s could not be made: %(cause)s"), text=book.title, cause=status.message or "?"
        )
    media = "application/epub+zip" if kind == "epub" else "application/pdf"
    return FileResponse(status.file, media_type=media, filename=status.filename)


def _quoted(text: str | None) -> str:
    from publish.urls import quote

    return quote(text or "", safe="")


# --- helpers -----------------------------------------------------------------------------


def _known(parts: _Parts, key: str) -> Any:
    """The catalogue's book ``key`` names; anything else (a path it does not hold) is a 404."""
    book = parts.library.book(key) if key and len(key) < 4096 else None
    if book is None:
        raise _NotFoundError
    return book


async def _form(request: Request, parts: _Parts) -> FormData:
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > MAX_BODY:
        raise _TooLargeError
    form = await request.form(max_files=0, max_fields=64)
    if not parts.sessions.check(request.state.sid, str(form.get("token", ""))):
        raise RefusedError("form", N_("The form came without this page's token: reload the page and try again."))
    return form


def _page_number(query: Mapping[str, str]) -> int:
    text = query.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1


@dataclass(frozen=True, slots=True)
class _Pages:
    number: int
    count: int
    previous: str | None
    next: str | None


def _pages(request: Request, number: int, total: int) -> _Pages:
    count = max(1, math.ceil(total / PAGE_SIZE))

    def link(page: int) -> str:
        url = request.url.include_query_params(page=page)
        return f"{url.path}?{url.query}"

    return _Pages(number, count, link(number - 1) if number > 1 else None, link(number + 1) if number < count else None)


def _page(request: Request, parts: _Parts, name: str, *, status_code: int = 200, **context: object) -> HTMLResponse:
    basket = parts.sessions.basket(request.state.sid)
    html = _render(request, parts, name, token=request.state.token, basket_size=str(len(basket.keys)), **context)
    return HTMLResponse(html, status_code=status_code, headers=language_headers(request.state.language))


def _render(request: Request, parts: _Parts, name: str, **context: object) -> str:
    from publish.render.templating import environment

    language = request.state.language
    env = environment(parts.config.templates, language, parts.config.theme)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return env.get_template(f"serve/{name}").render(
        here=here,
        page_language=language.replace("_", "-"),
        mark=_mark,
        names=lambda people: names(people, language),
        language_name=lambda tag: language_name(tag, language),
        **context,
    )


async def _cached(
    request: Request, parts: _Parts, make: Callable[[], str | bytes], content_type: str = _HTML
) -> Response:
    """A page that is the same for every visitor but for their form token and basket count
    (``TOKEN_SLOT``, ``BASKET_SLOT``): made once per address while the catalogue is
    unchanged, then answered from memory, by ``_KeptFirst`` from the next request on. It is
    made in a thread: a search never asked before takes ten milliseconds of SQLite (which lets
    go of the interpreter), and the kept pages are answered meanwhile."""
    language = request.state.language
    address = (request.scope["path"], request.scope["query_string"], language)
    generation = parts.library.generation
    page = parts.pages.get(address, generation)
    if page is None:
        made = await anyio.to_thread.run_sync(make, limiter=parts.makers)
        page = KeptPage.of(generation, content_type, made, language)
        parts.pages.put(address, page)
    sid = request.state.sid
    basket = len(parts.sessions.basket(sid).keys) if request.cookies.get(COOKIE) == sid else 0
    response = Response(page.body(request.state.token, basket))
    response.raw_headers[:] = [*page.headers, *(h for h in response.raw_headers if h[0] == b"content-length")]
    return response


async def _listing(request: Request, parts: _Parts, name: str, context: Callable[[], dict[str, object]]) -> Response:
    """A listing or search page, kept (``_cached``)."""
    return await _cached(
        request, parts, lambda: _render(request, parts, name, token=TOKEN_SLOT, basket_size=BASKET_SLOT, **context())
    )


def _mark(snippet: str | None) -> Markup:
    """A search snippet, its matches (between \\x02 and \\x03) in ``<mark>``, the rest escaped."""
    if not snippet:
        return Markup("")
    escaped = str(Markup.escape(snippet))
    return Markup(escaped.replace("\x02", "<mark>").replace("\x03", "</mark>"))
