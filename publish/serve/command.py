"""``publish serve ARCHIVE_DIR``: the command line of the local web library.

It binds to 127.0.0.1 unless ``--host`` says otherwise (a library of one's own is no public
service), keeps its catalogue, sessions and books in a cache folder of the user's (never in the
archive, which may be a read-only mirror), and prints the one address to open.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from publish.errors import PublishError


def add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="a local web library over an archive folder: browse, search, read, build your own book, OPDS",
        description="Serve a folder of archive pages as a library in the browser: texts by author, language "
        "and date, full-text search, a reading view, EPUB and PDF of any text, a basket to make a pamphlet "
        "of several, and an OPDS catalogue for e-reader apps. The catalogue is built in the background.",
    )
    serve.add_argument("archive", metavar="ARCHIVE_DIR", type=Path, help="a folder of archive pages (a mirror)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this computer only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)")
    serve.add_argument(
        "--cache", type=Path, help="where the catalogue and books are kept (default: in ~/.cache/publish)"
    )
    cores = os.cpu_count() or 1
    serve.add_argument(
        "-j", "--jobs", type=int, default=min(cores, 4), help="books made at once (default: the cores, at most 4)"
    )
    serve.add_argument(
        "--book-cache",
        metavar="SIZE",
        help="bytes of built books to keep, e.g. 500M or 2G; the least recently used go first (default: 2G)",
    )
    serve.set_defaults(run=run_serve)


def default_cache(archive: Path) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    name = hashlib.sha256(str(archive.resolve()).encode()).hexdigest()[:16]
    return base / "publish" / "serve" / name


def run_serve(args: argparse.Namespace) -> int:
    import socket

    import uvicorn

    from publish.serve.app import ServeConfig, create_app

    archive: Path = args.archive
    if not archive.is_dir():
        raise PublishError(str(archive), "is not a folder: give a folder of archive pages")
    if not 0 <= args.port < 65536:
        raise PublishError(f"--port {args.port}", "must be from 0 to 65535")
    if args.jobs < 1:
        raise PublishError(f"--jobs {args.jobs}", "must be at least 1")
    book_cache = None
    if args.book_cache is not None:
        from publish.limit_options import parse_size

        try:
            book_cache = parse_size(args.book_cache)
        except ValueError as error:
            raise PublishError("--book-cache", str(error)) from error
    cache = args.cache or default_cache(archive)
    app = create_app(ServeConfig(archive=archive.resolve(), cache=cache, jobs=args.jobs, book_cache=book_cache))
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as error:
        raise PublishError(f"{args.host}:{args.port}", f"cannot listen there: {error.strerror or error}") from error
    # Connections wait from here on, while the app starts, rather than being refused; a backlog
    # as deep as uvicorn's own, so a burst of hundreds of visitors is queued, not dropped.
    sock.listen(2048)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    sys.stderr.write(f"publish: serving {archive} at http://{shown}:{port}/ (Ctrl-C stops)\n")
    sys.stderr.flush()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
    return 0
