"""Benchmark: start-up, as most people meet publish: one ``publish epub PAGE`` per process.

In one run, every command a new process, the least disturbed of N passes: ``python -c pass``
(the interpreter's own floor); ``publish --help``; ``publish epub PAGE`` once per page over 50
articles (an evenly spaced, sorted sample of Chris Harman's articles under
``mia-tree/archive/harman/YEAR/MONTH/``, as ``epub_articles.py`` picks them) against ``pandoc -f
html -t epub3 PAGE -o x.epub`` on the same pages; and ``publish pdf PAGE`` on a few of them.
Target (issue 14): ``publish epub`` at least 1.5x faster than pandoc per page.

Each publish command is timed twice: as people run it, with the warm worker (``publish.warm``:
the first command starts it in the background, later ones hand their work to it; the bench
gives it a private runtime folder and waits for it before timing), and in its own process
alone (``PUBLISH_WARM=0``). The worker's CPU time (its own and its children's, from /proc) is
added to the commands' so that the CPU column hides nothing.

It runs the ``publish`` script installed beside this interpreter (``sys.executable``'s bin),
as a user would, in the environment it was given (set PYTHONPATH yourself to measure a
checkout other than the installed one) but with bytecode writing allowed, as an installed
package has its bytecode. A warm-up run of each command comes first, so the template cache
(``publish.render.template_cache``) is full, as it is from a user's second book on; the first
book with an empty cache is printed apart.

    .venv/bin/python bench/startup.py [CORPUS_DIR] [--pages 50] [--passes 3] [--pdf-pages 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

TARGET = 1.5
"""pandoc's seconds per page over publish's: at least this."""


def sample(corpus: Path, count: int) -> list[Path]:
    """``count`` articles, evenly spaced through the sorted list (the same ones every run)."""
    paths = sorted((corpus / "mia-tree" / "archive" / "harman").glob("*/[0-9x][0-9x]/*.htm*"))
    step = max(1, len(paths) // count)
    return paths[::step][:count]


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **extra}


class Seconds(NamedTuple):
    wall: float
    cpu: float
    """User and system time of the processes: what a busy machine disturbs least."""

    def __str__(self) -> str:
        return f"{self.wall:6.3f} s (CPU {self.cpu:.3f} s)"


_WORKER: list[int] = []
"""The warm worker's pid, once it runs: its CPU time counts as the commands'."""


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime + sum(_worker_cpu(pid) for pid in _WORKER)


def _worker_cpu(pid: int) -> float:
    """User and system time of a process and of its children it has reaped, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(tick) for tick in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def start_worker(publish: Path, page: Path, out: Path, env: dict[str, str]) -> None:
    """Start the warm worker with one command, as a user's first command does, and wait for it."""
    subprocess.run(
        [str(publish), "epub", str(page), "-o", str(out / "w.epub")], check=True, capture_output=True, env=env
    )
    folder = Path(env["XDG_RUNTIME_DIR"]) / "publish"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for lock in folder.glob("warm-*.lock"):
            if lock.with_suffix(".sock").exists():
                _WORKER.append(int(lock.read_text(encoding="ascii")))
                return
        time.sleep(0.1)
    raise SystemExit("the warm worker did not start")


def _run(commands: Sequence[Sequence[str]], env: dict[str, str]) -> Seconds:
    """Seconds for the commands, one after another, each a new process."""
    start, cpu = time.perf_counter(), _cpu()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return Seconds(time.perf_counter() - start, _cpu() - cpu)


def per_command(commands: Sequence[Sequence[str]], passes: int, env: dict[str, str]) -> Seconds:
    """Seconds per command, the best of ``passes`` passes (wall and CPU each their best) after
    one warm-up command."""
    _run(commands[:1], env)
    runs = [_run(commands, env) for _ in range(passes)]
    return Seconds(min(run.wall for run in runs) / len(commands), min(run.cpu for run in runs) / len(commands))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--pages", type=int, default=50, help="articles made into EPUBs, one process each")
    parser.add_argument("--passes", type=int, default=3, help="passes over them; the fastest counts")
    parser.add_argument("--pdf-pages", type=int, default=5, help="articles made into PDFs")
    args = parser.parse_args()
    publish = Path(sys.executable).parent / "publish"
    if not publish.is_file():
        print(f"no publish script beside {sys.executable}: install publish into this environment", file=sys.stderr)
        return 2
    pages = sample(args.corpus, args.pages)
    if not pages:
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    runtime = Path(tempfile.mkdtemp(prefix="publish-bench-", dir="/tmp"))
    env = _environment(XDG_RUNTIME_DIR=str(runtime), PUBLISH_WARM="1")
    alone = _environment(PUBLISH_WARM="0")
    try:
        return _measure(args, publish, pages, env, alone)
    finally:
        subprocess.run([str(publish), "warm", "stop"], env=env, capture_output=True, check=False)
        shutil.rmtree(runtime, ignore_errors=True)


def _measure(
    args: argparse.Namespace, publish: Path, pages: list[Path], env: dict[str, str], alone: dict[str, str]
) -> int:
    size = sum(page.stat().st_size for page in pages) / len(pages) / 1000
    print(f"{len(pages)} articles, {size:.1f} KB on average; each command a new process, best of {args.passes}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        python = per_command([[sys.executable, "-c", "pass"]] * 10, args.passes, env)
        helps = per_command([[str(publish), "--help"]] * 10, args.passes, env)
        print(f"python -c pass:          {python}")
        print(f"publish --help:          {helps}")
        empty = _environment(PUBLISH_CACHE_DIR=str(out / "empty-cache"), PUBLISH_WARM="0")
        first = _run([[str(publish), "epub", str(pages[0]), "-o", str(out / "first.epub")]], empty)
        epubs = [[str(publish), "epub", str(page), "-o", str(out / "x.epub")] for page in pages]
        own = per_command(epubs, args.passes, alone)
        print(f"publish epub PAGE alone: {own} per page (PUBLISH_WARM=0); a first book, no template cache: ", end="")
        print(f"{first.wall:.3f} s")
        start_worker(publish, pages[0], out, env)
        ours = per_command(epubs, args.passes, env)
        print(f"publish epub PAGE:       {ours} per page, with the warm worker (its CPU time included)")
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("pandoc PAGE -o x.epub:   pandoc is not installed: not compared")
        else:
            command = [pandoc, "-f", "html", "-t", "epub3"]
            theirs = per_command([[*command, str(page), "-o", str(out / "y.epub")] for page in pages], args.passes, env)
            ratio = theirs.wall / ours.wall
            verdict = "met" if ratio >= TARGET else "NOT met"
            print(f"pandoc PAGE -o x.epub:   {theirs} per page")
            print(f"  pandoc / publish:      {ratio:6.2f}x (target >= {TARGET}x: {verdict}); in CPU time", end=" ")
            print(f"{theirs.cpu / ours.cpu:.2f}x; alone (no worker): {theirs.wall / own.wall:.2f}x")
        pdfs = [[str(publish), "pdf", str(page), "-o", str(out / "x.pdf")] for page in pages[: args.pdf_pages]]
        print(f"publish pdf PAGE:        {per_command(pdfs, args.passes, env)} per page ({len(pdfs)} pages)", end="")
        print(f"; alone {per_command(pdfs, args.passes, alone).wall:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
