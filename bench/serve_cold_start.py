"""Benchmark: the library catalogue's cold start on the whole ``mia-tree`` (927 pages), issue 16.

In one process, with a fresh cache in a temporary folder:

1. cold: from importing ``publish.serve.library`` until ``Library.start()`` has returned and a
   first ``authors()`` has answered (target: well under 2 s; the site answers then), and until
   the background build has finished (books, problems, pages read);
2. warm: a second ``Library`` on the same cache: until it answers, until its build has
   finished, and how many pages it read (target: 0);
3. a first search and a page of books on the finished catalogue;
4. the baseline, measured in the same run: one ``publish.read`` of a page (Chris Harman's
   "A different kind of party altogether"), the first (imports included) and the best of five.

It prints; it asserts nothing about time.

    .venv/bin/python bench/serve_cold_start.py [CORPUS_DIR] [-j 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = Path("archive/harman/2002/06/party.htm")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    tree = args.corpus / "mia-tree"
    if not tree.is_dir():
        print(f"{tree}: not here (give the shared corpus folder)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="serve-cold-") as folder:
        cache = Path(folder) / "cache"
        started = time.perf_counter()
        from publish.serve.library import Library

        cold = Library(tree, cache, jobs=args.jobs)
        cold.start()
        authors = cold.authors()
        answered = time.perf_counter() - started
        progress = cold.wait()
        built = time.perf_counter() - started
        problems = cold.problems().total
        books = cold.books(limit=0).total
        cold.close()
        print(f"cold start: first answer in {answered:.3f} s ({len(authors)} authors so far)")
        print(f"  built in {built:.2f} s: {progress.books_total} jobs, {books} books, {problems} problems, "
              f"{progress.pages_total} pages, {progress.pages_read} pages read, error: {progress.error}")  # fmt: skip

        started = time.perf_counter()
        warm = Library(tree, cache, jobs=args.jobs)
        warm.start()
        authors = warm.authors()
        warm_answered = time.perf_counter() - started
        again = warm.wait()
        rebuilt = time.perf_counter() - started
        print(f"second start: first answer in {warm_answered:.3f} s ({len(authors)} authors), "
              f"finished in {rebuilt:.3f} s, {again.pages_read} pages re-read")  # fmt: skip

        started = time.perf_counter()
        found = warm.search("revolution party")
        searched = time.perf_counter() - started
        started = time.perf_counter()
        page = warm.books(author="Chris Harman", offset=50, limit=50)
        listed = time.perf_counter() - started
        warm.close()
        print(f"search 'revolution party': {found.total} books in {searched * 1000:.1f} ms; "
              f"Harman's books 51-100 of {page.total} in {listed * 1000:.1f} ms")  # fmt: skip

    for run, (answer, complete) in zip(("cold", "second"), _server(tree, args.jobs), strict=True):
        print(f"publish serve, {run} start (a process of its own): the site answers in {answer:.2f} s, "
              f"the catalogue is complete in {complete:.1f} s")  # fmt: skip

    first, best = _baseline(tree / PAGE)
    print(f"baseline: publish.read of {PAGE}: first {first:.3f} s (imports included), best of 5 {best:.3f} s")
    print(f"ratios: first answer / first read {answered / first:.2f}; cold build / best read {built / best:.0f}; "
          f"second start / cold build {rebuilt / built:.3f}")  # fmt: skip
    return 0


def _server(tree: Path, jobs: int) -> list[tuple[float, float]]:
    """``publish serve`` started twice on one cache: when its first page answers (HTTP 200), and
    when the page no longer says the catalogue is being built."""
    import os
    import re
    import subprocess
    import urllib.request

    times = []
    environment = {**os.environ, "PUBLISH_WARM": "0"}
    with tempfile.TemporaryDirectory(prefix="serve-cold-") as cache:
        for _ in range(2):
            started = time.perf_counter()
            command = [
                sys.executable,
                "-m",
                "publish",
                "serve",
                str(tree),
                "--port",
                "0",
                "--cache",
                cache,
                "-j",
                str(jobs),
            ]
            server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment, cwd=ROOT)
            try:
                assert server.stderr is not None
                found = re.search(r"(http://\S+/)", server.stderr.readline())
                assert found is not None, "the server did not start"
                answered = None
                while True:
                    try:
                        with urllib.request.urlopen(found.group(1), timeout=60) as response:
                            body = response.read().decode()
                    except OSError:
                        time.sleep(0.02)
                        continue
                    answered = answered or time.perf_counter() - started
                    if "being built" not in body:
                        break
                    time.sleep(0.1)
                times.append((answered, time.perf_counter() - started))
            finally:
                server.terminate()
                server.wait(60)
    return times


def _baseline(page: Path) -> tuple[float, float]:
    started = time.perf_counter()
    import publish

    publish.read(page)
    first = time.perf_counter() - started
    times = []
    for _ in range(5):
        started = time.perf_counter()
        publish.read(page)
        times.append(time.perf_counter() - started)
    return first, min(times)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
