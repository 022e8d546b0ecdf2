"""A screenshot of one page of an EPUB as epub.js shows it in headless Chromium.

    python tools/reader/screenshot.py BOOK.epub HREF OUT.png [--next N] [--click ID] [--no-popup]

HREF is a spine item, an href with a fragment (``chapter-2.xhtml#noteref-1``: the page that
holds that element) or an ``epubcfi(...)``. ``--click ID`` then clicks that element, a note
call, and the reader (reader.html) shows the note in a pop-up; with ``--no-popup`` epub.js
follows the link as a plain one. The reader, epub.js, JSZip and the book are served from a
server on 127.0.0.1 for the one run; Chromium may reach nothing else.

Chromium is driven over its DevTools pipe (``--remote-debugging-pipe``), in real time: the
viewport is set exactly, and the shot is taken once the page says it is ready. (Chromium's
``--screenshot --virtual-time-budget`` stalls epub.js, whose chapter never finishes loading.)
Needs ``npm install`` in tools/reader and Debian's chromium. Prints where the reader stopped;
exits 1 if the reader reported an error or never got ready, 2 if it could not run.
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
# Debian's /usr/bin/chromium is a shell wrapper that loses the DevTools pipe's fds: the binary itself first.
CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
STATIC = {
    "/reader.html": (HERE / "reader.html", "text/html; charset=utf-8"),
    "/epub.min.js": (MODULES / "epubjs" / "dist" / "epub.min.js", "text/javascript"),
    "/jszip.min.js": (MODULES / "jszip" / "dist" / "jszip.min.js", "text/javascript"),
}
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-pipe",
)


class ReaderError(Exception):
    """The reader could not be run, or did not get to the page asked for."""


def chromium() -> str:
    found = next((path for path in CHROMIUM if Path(path).exists()), shutil.which("chromium"))
    if found is None:
        raise ReaderError("no chromium: apt-get install chromium")
    return found


def handler_for(book: Path) -> type[BaseHTTPRequestHandler]:
    routes = {**STATIC, "/book.epub": (book, "application/epub+zip")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(urllib.parse.urlsplit(self.path).path)
            if route is None:
                self.send_error(404)
                return
            body = route[0].read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", route[1])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(book: Path) -> Iterator[str]:
    """The base URL of a server on 127.0.0.1 for the reader, its scripts and ``book``."""
    missing = [str(path) for path, _ in STATIC.values() if not path.exists()]
    if missing:
        raise ReaderError(f"missing {', '.join(missing)}: run npm install in {HERE}")
    if not book.is_file():
        raise ReaderError(f"no such file: {book}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(book))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class DevTools:
    """The Chrome DevTools protocol over the pipe: JSON messages ended by NUL, on fds 3 and 4."""

    def __init__(self, commands: int, replies: int) -> None:
        self.commands, self.replies = commands, replies
        self.buffer = b""
        self.last = 0

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self.last += 1
        message: dict[str, Any] = {"id": self.last, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive(30.0)
            if reply.get("id") == self.last:
                if "error" in reply:
                    raise ReaderError(f"{method}: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.replies], [], [], left)[0]:
                raise ReaderError("chromium did not answer")
            chunk = os.read(self.replies, 1 << 20)
            if not chunk:
                raise ReaderError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed


@contextmanager
def browser() -> Iterator[DevTools]:
    """Headless Chromium with a fresh profile, driven over its DevTools pipe."""
    # Chromium reads commands on its fd 3 and writes replies on its fd 4. Keep our ends of the
    # pipes above 10, so that moving the child's ends to 3 and 4 clobbers none of them.
    ends = []
    for fd in (*os.pipe(), *os.pipe()):
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    to_child, commands, replies, from_child = ends
    with tempfile.TemporaryDirectory() as profile:
        binary = chromium()
        argv = [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        actions = [
            (os.POSIX_SPAWN_DUP2, to_child, 3),
            (os.POSIX_SPAWN_DUP2, from_child, 4),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        pid = os.posix_spawn(binary, argv, os.environ, file_actions=actions)
        os.close(to_child)
        os.close(from_child)
        try:
            yield DevTools(commands, replies)
        finally:
            os.close(commands)  # Chromium quits when its command pipe closes
            for _ in range(100):
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            os.close(replies)


Shot = tuple[dict[str, str], bytes]


def shoot(tools: DevTools, url: str, size: tuple[int, int], scale: float, timeout: float) -> Shot:
    """Open ``url`` in a page of ``size`` CSS px; once <body data-state> is no longer "loading",
    the page's data attributes and a PNG of it."""
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": scale, "mobile": False}
    tools.send("Emulation.setDeviceMetricsOverride", metrics, session)
    tools.send("Page.navigate", {"url": url}, session)
    probe = "JSON.stringify(document.body ? Object.assign({}, document.body.dataset) : {})"
    deadline = time.monotonic() + timeout
    state: dict[str, str] = {}
    while time.monotonic() < deadline:
        answer = tools.send("Runtime.evaluate", {"expression": probe, "returnByValue": True}, session)
        state = json.loads(answer.get("result", {}).get("value") or "{}")
        if state.get("state", "loading") != "loading":
            break
        time.sleep(0.1)
    time.sleep(0.3)  # one more frame or two after the last layout
    picture = tools.send("Page.captureScreenshot", {"format": "png"}, session)["data"]
    return state, base64.b64decode(picture)


def reader_url(base: str, target: str, pages: int, click: str | None, popup: bool, method: str) -> str:
    query = {"book": "book.epub", "go": target, "next": str(pages), "method": method}
    if click:
        query["click"] = click
    if not popup:
        query["popup"] = "0"
    return f"{base}reader.html?{urllib.parse.urlencode(query)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("epub", type=Path)
    parser.add_argument("href", help="spine href, href#id or epubcfi(...) to open")
    parser.add_argument("output", type=Path, help="the PNG to write")
    parser.add_argument("--next", type=int, default=0, metavar="N", help="turn N pages forward first")
    parser.add_argument("--click", metavar="ID", help="then click the element with this id (a note call)")
    parser.add_argument("--no-popup", action="store_true", help="let epub.js follow note calls as plain links")
    parser.add_argument("--size", default="600x900", help="viewport in CSS px, WIDTHxHEIGHT (default 600x900)")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixels per CSS px (default 1)")
    parser.add_argument("--method", default="blobUrl", choices=["blobUrl", "srcdoc"], help="chapters as XHTML or HTML")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the reader (default 30)")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
    try:
        with serving(args.epub.resolve()) as base, browser() as tools:
            url = reader_url(base, args.href, args.next, args.click, not args.no_popup, args.method)
            state, picture = shoot(tools, url, (width, height), args.scale, args.timeout)
            tools.send("Browser.close")
    except (ReaderError, OSError) as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    if state.get("state") != "ready":
        print(f"reader: {args.epub}: {args.href}: {state.get('state', 'no reader page')}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(picture)
    popup = f", pop-up {state['popup']}" if state.get("popup") else ""
    print(f"{args.output}: {state.get('href')} page {state.get('page')}{popup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
