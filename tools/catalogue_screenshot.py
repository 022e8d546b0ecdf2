"""A PNG of a batch's catalogue page as headless Chromium shows it (for the README).

    python tools/catalogue_screenshot.py OUT/index.html docs/batch-catalogue.png [--width 1280]
        [--height 1700] [--scale 1] [--dark] [--colours 256] [--root OUT]

The page's folder (or ``--root``, for an author's page under OUT/catalogue/) is served on
127.0.0.1 for the one run, and Chromium may reach nothing else (every host name but the
loopback's resolves to nothing). The shot is the top ``--height`` pixels of the page at
``--width``, taken once every cover in view has loaded; it is reduced to ``--colours``
colours (flat colour covers and type lose nothing a reader would see), which keeps it a few
hundred kilobytes. Uses Playwright with Debian's /usr/bin/chromium, never a downloaded
browser. The test suite uses ``serve``, ``launch`` and ``watch`` from here too.
Exits 1 if the page logged an error, 2 if it could not run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

CHROMIUM = Path("/usr/bin/chromium")
NO_DNS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` over HTTP on a port the system picks; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def missing() -> str | None:
    """Why a browser cannot be launched here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright; never `playwright install`)"
    if not CHROMIUM.exists():
        return f"no {CHROMIUM} (apt-get install chromium)"
    return None


@contextlib.contextmanager
def launch() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[NO_DNS])
        try:
            yield browser
        finally:
            browser.close()


def watch(page: Page) -> list[str]:
    """Console errors, failed loads and uncaught exceptions of ``page``, as they happen."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} @ {message.location['url']}")

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    return errors


def shoot(index: Path, png: Path, *, root: Path, width: int, height: int, scale: float, dark: bool) -> list[str]:
    with serve(root) as base, launch() as browser:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            color_scheme="dark" if dark else "light",
        )
        page = context.new_page()
        errors = watch(page)
        page.goto(f"{base}/{index.relative_to(root).as_posix()}", wait_until="load")
        page.wait_for_function(
            "[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)"
        )
        page.screenshot(path=str(png))
        context.close()
    return errors


def reduce(png: Path, colours: int) -> None:
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("index", type=Path, help="a batch's index.html")
    parser.add_argument("png", type=Path)
    parser.add_argument("--root", type=Path, help="the folder to serve (default: the page's): a batch's OUT_DIR")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1700)
    parser.add_argument("--scale", type=float, default=1.0, help="device pixels per CSS pixel")
    parser.add_argument("--dark", action="store_true", help="as with a dark colour scheme")
    parser.add_argument("--colours", type=int, default=256, help="0 keeps every colour")
    args = parser.parse_args(argv)
    reason = missing()
    if reason is not None or not args.index.is_file():
        print(f"catalogue_screenshot: {reason or f'no {args.index}'}", file=sys.stderr)
        return 2
    root = (args.root or args.index.parent).resolve()
    size = {"width": args.width, "height": args.height}
    errors = shoot(args.index.resolve(), args.png, root=root, **size, scale=args.scale, dark=args.dark)
    if args.colours:
        reduce(args.png, args.colours)
    for error in errors:
        print(f"catalogue_screenshot: {error}", file=sys.stderr)
    print(f"{args.png}: {args.png.stat().st_size // 1000} kB")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
