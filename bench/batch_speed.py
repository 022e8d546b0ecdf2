"""Benchmark: how ``publish batch`` scales with workers, and its EPUB throughput beside pandoc.

In one run, each side measured in the same conditions, as a user runs it (a process each),
each timed ``--repeat`` times (into fresh folders) and the best counted, as this machine is
shared and noisy:

1. the whole ``mia-tree`` to EPUB with ``-j 1`` and with ``-j 2``, each into a fresh folder:
   the speed-up (target: at least 1.7x on 2 cores);
2. 100 Harman articles (spread over the years) to EPUB, covers included: ``publish batch -j 2``
   on a folder of them, against a loop of ``pandoc -f html -t epub3`` over the same files (how
   pandoc's documentation says to convert many files): the ratio (target: at least 10x).

    .venv/bin/python bench/batch_speed.py [CORPUS_DIR] [--articles N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def batch(archive: Path, out: Path, *args: str) -> float:
    command = [sys.executable, "-m", "publish", "batch", str(archive), str(out), *args]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def pandoc_loop(pandoc: str, pages: list[Path], out: Path) -> float:
    out.mkdir()
    started = time.perf_counter()
    for number, page in enumerate(pages):
        command = [pandoc, "-f", "html", "-t", "epub3", "-o", str(out / f"{number}.epub"), str(page)]
        subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def articles(tree: Path, count: int) -> list[str]:
    found = sorted(p.relative_to(tree).as_posix() for p in (tree / "archive/harman").glob("*/[0-9x][0-9x]/*.htm*"))
    step = max(1, len(found) // count)
    return found[::step][:count]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, the best (least disturbed) counted")
    args = parser.parse_args()
    tree = args.corpus / "mia-tree"
    if not tree.is_dir():
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as folder:
        work = Path(folder)
        runs: dict[str, list[float]] = {"1": [], "2": []}
        for attempt in range(args.repeat):  # in turn, so that a disturbance falls on both alike
            for jobs in runs:
                runs[jobs].append(batch(tree, work / f"j{jobs}-{attempt}", "-j", jobs))
        one, two = min(runs["1"]), min(runs["2"])
        print(f"1. mia-tree to EPUB: -j 1 {one:.1f} s, -j 2 {two:.1f} s: {one / two:.2f}x (target 1.7x)")
        chosen = articles(tree, args.articles)
        archive = work / "articles"
        for name in chosen:
            (archive / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tree / name, archive / name)
        ours = min(batch(archive, work / f"ours-{attempt}", "-j", "2") for attempt in range(args.repeat + 1))
        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print(f"2. {len(chosen)} articles: publish batch -j 2 {ours:.2f} s; pandoc is not installed, not compared")
            return 0
        pages = [archive / name for name in chosen]
        theirs = min(pandoc_loop(pandoc, pages, work / f"pandoc-{attempt}") for attempt in range(args.repeat))
        print(f"2. {len(chosen)} articles to EPUB: publish batch -j 2 {ours:.2f} s ({1000 * ours / len(chosen):.0f} ms "
              f"each, covers included), pandoc loop {theirs:.2f} s: {theirs / ours:.1f}x (target 10x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
