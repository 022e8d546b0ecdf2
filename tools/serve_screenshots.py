"""PNGs of ``publish serve``'s library, a reading view and the basket, and the basket for a
visitor whose browser asks for Russian (for the README).

    python tools/serve_screenshots.py ARCHIVE_DIR docs/ [--width 1200] [--height 1100]

Runs the app on a loopback port with a fresh cache, waits for the catalogue, puts three texts
in the basket and shoots each page with Debian's chromium (Playwright; nothing downloaded, no
host name but the loopback's resolves). Exits 1 if a page logged an error, 2 if it could not run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tools import catalogue_screenshot as chromium
from tools.serve_thread import running

TEXTS = (
    "archive/harman/1978/11/tuleaders.htm",
    "archive/lafargue/1901/11/boycott.htm",
    "archive/harman/1978/09/garners.htm",
)
READING = "archive/lafargue/1883/lazy/index.htm"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("archive", type=Path)
    parser.add_argument("folder", type=Path, help="where serve-{library,reading,basket,basket-ru}.png go")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1100)
    args = parser.parse_args(argv)
    if (reason := chromium.missing()) is not None:
        print(f"serve_screenshots: {reason}", file=sys.stderr)
        return 2
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as cache, running(args.archive.resolve(), Path(cache)) as (base, app):
        app.state.parts.library.wait(600)
        with chromium.launch() as browser:
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            errors = chromium.watch(page)
            shots = []
            page.goto(base + "/")
            shots.append("serve-library.png")
            page.screenshot(path=str(args.folder / shots[-1]))
            page.goto(f"{base}/text/{READING}")
            page.screenshot(path=str(args.folder / "serve-reading.png"))
            shots.append("serve-reading.png")
            for key in TEXTS:
                page.goto(f"{base}/text/{key}")
                page.locator("form.add button").first.click()
                page.wait_for_load_state("load")
            page.goto(base + "/basket")
            page.fill("#title", "Three Texts on the Unions")
            page.click("form.name button")
            page.wait_for_load_state("load")
            page.screenshot(path=str(args.folder / "serve-basket.png"))
            shots.append("serve-basket.png")
            page.set_extra_http_headers({"Accept-Language": "ru-RU,ru;q=0.9"})
            page.goto(base + "/basket")
            page.screenshot(path=str(args.folder / "serve-basket-ru.png"))
            shots.append("serve-basket-ru.png")
    for shot in shots:
        chromium.reduce(args.folder / shot, 256)
        print(f"{args.folder / shot}: {(args.folder / shot).stat().st_size // 1000} kB")
    for error in errors:
        print(f"serve_screenshots: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
