"""Benchmark: ``publish batch`` over the whole ``mia-tree`` corpus, as a user runs it.

In one run, each as a process of its own (``python -m publish batch``), into fresh folders:

1. EPUB, ``-j 2``: wall time (target: under 30 s), books, failures;
2. the same again with nothing changed: wall time, and its share of (1) (target: under 3 %);
3. with ``--pdf``: EPUB and PDF, ``-j 2`` (target: under 10 minutes, at most 1 % of books
   failed, each with a one-line cause);
4. EPUBCheck on every EPUB made, in one JVM (the tests check a sample of 30);
5. the coordinator's peak memory, and with ``--scale N`` the same EPUB run on N copies of the
   corpus side by side (N times the pages): time per book and the coordinator's peak memory,
   which must stay about flat while the work grows N-fold.

    .venv/bin/python bench/batch_tree.py [CORPUS_DIR] [--pdf] [--scale N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def batch(archive: Path, out: Path, *args: str) -> tuple[float, float, dict[str, Any]]:
    """(seconds, the coordinator's peak RSS in MB, the report's summary)."""
    command = [sys.executable, "-m", "publish", "batch", str(archive), str(out), *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    process.stderr.read()
    _, _, usage = os.wait4(process.pid, 0)  # reaped here, to read this process's own peak memory
    process.returncode = 0
    seconds = time.perf_counter() - started
    summary = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
    return seconds, usage.ru_maxrss / 1024, summary


def failures(out: Path) -> list[str]:
    jobs = json.loads((out / "report.json").read_text(encoding="utf-8"))["jobs"]
    return [f"{job['book']}: {job['cause']}" for job in jobs if job["status"] == "failed"]


def epubcheck_all(out: Path) -> tuple[int, list[str]]:
    sys.path.insert(0, str(ROOT))
    from tests.support import epubcheck_many

    books = sorted(path for path in out.rglob("*.epub") if ".publish" not in path.parts)
    results = epubcheck_many(books)
    return len(books), [f"{path}: {lines[:2]}" for path, lines in results.items() if lines]


def scaled(tree: Path, copies: int, folder: Path) -> Path:
    """``copies`` copies of the tree side by side: a mirror ``copies`` times the size."""
    archive = folder / f"mirror-x{copies}"
    for number in range(copies):
        shutil.copytree(tree, archive / f"copy{number}", ignore=shutil.ignore_patterns("*.txt", "*.tsv"))
    return archive


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--pdf", action="store_true", help="also make every book as a PDF (several minutes)")
    parser.add_argument("--scale", type=int, default=0, help="also run on this many copies of the tree")
    parser.add_argument("--keep", type=Path, help="make the libraries here and keep them")
    args = parser.parse_args()
    tree = args.corpus / "mia-tree"
    if not tree.is_dir():
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return _run(tree, work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(tree: Path, work: Path, args: argparse.Namespace) -> int:
    pages = sum(1 for _ in tree.rglob("*.htm*"))
    epub = work / "epub"
    first, epub_memory, summary = batch(tree, epub, "-j", "2")
    print(f"mia-tree: {pages} pages -> {summary['books']} books ({summary['works']} works), "
          f"{summary['pages_skipped']} pages skipped")  # fmt: skip
    print(f"1. EPUB, -j 2:              {first:7.1f} s (target 30 s), {summary['failed']} failed, "
          f"coordinator {epub_memory:.0f} MB")  # fmt: skip
    again, _, summary = batch(tree, epub, "-j", "2")
    print(f"2. again, nothing changed:  {again:7.2f} s = {100 * again / first:.1f} % of the first (target 3 %), "
          f"{summary['unchanged']} unchanged")  # fmt: skip
    if args.pdf:
        both = work / "both"
        seconds, memory, summary = batch(tree, both, "-j", "2", "--formats", "epub,pdf")
        failed = failures(both)
        share = 100 * len(failed) / max(1, summary["books"])
        print(f"3. EPUB + PDF, -j 2:        {seconds:7.1f} s = {seconds / 60:.1f} min (target 10 min), "
              f"{len(failed)} failed ({share:.1f} %, target 1 %), coordinator {memory:.0f} MB")  # fmt: skip
        for line in failed:
            print(f"     failed: {line}")
        print("   slowest: " + ", ".join(f"{s['book']} {s['seconds']:.1f} s" for s in summary["slowest"]))
    checked, invalid = epubcheck_all(epub)
    print(f"4. EPUBCheck, one JVM:      {checked} EPUBs, {len(invalid)} with messages")
    for line in invalid[:10]:
        print(f"     {line}")
    if args.scale > 1:
        archive = scaled(tree, args.scale, work)
        seconds, big_memory, summary = batch(archive, work / "scaled", "-j", "2")
        per_book, at_first = 1000 * seconds / summary["books"], 1000 * first / (summary["books"] // args.scale)
        print(f"5. x{args.scale} ({summary['books']} books): {seconds:7.1f} s, {per_book:.1f} ms a book "
              f"against {at_first:.1f}; coordinator {big_memory:.0f} MB against {epub_memory:.0f} MB")  # fmt: skip
        again, _, _ = batch(archive, work / "scaled", "-j", "2")
        print(f"   again, nothing changed:  {again:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
