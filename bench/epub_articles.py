"""Benchmark: corpus articles to EPUB, one after another in one process, beside pandoc.

An "article" here is what the archive holds most of: a single page of a few thousand words.
The set is Chris Harman's 680 articles under ``mia-tree/archive/harman/YEAR/MONTH/`` (22 KB
on average). For each, our time covers reading the page, typography, and rendering the EPUB
(with its generated cover, as ``publish epub`` makes it); printed per average article, beside
the cover alone and the book without a cover. pandoc's time per file (``pandoc -f html -t
epub3``, one process per file as it is used) is measured on a sample of the same articles in
the same run. Target: at most 15 ms per average article.

    .venv/bin/python bench/epub_articles.py [CORPUS_DIR] [--sample N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from publish.model import Document
from publish.normalise import ReadResult, read
from publish.pipeline import typeset
from publish.render.epub import render_epub
from publish.render.options import EpubOptions


def _articles(corpus: Path) -> list[Path]:
    return sorted((corpus / "mia-tree" / "archive" / "harman").glob("*/[0-9x][0-9x]/*.htm*"))


def _per_file(paths: list[Path], work: Callable[[Path], object]) -> float:
    """Seconds per file, best of three passes (the least disturbed)."""
    best = []
    for _ in range(3):
        start = time.perf_counter()
        for path in paths:
            work(path)
        best.append((time.perf_counter() - start) / len(paths))
    return min(best)


def _typeset(result: ReadResult) -> Document:
    return typeset(result.document, result.format, result.diagnostics).document


def _book(path: Path, options: EpubOptions) -> bytes:
    return render_epub(_typeset(read(path.read_bytes(), str(path))), options)


def _pandoc(pandoc: str, path: Path, out: Path) -> None:
    subprocess.run([pandoc, "-f", "html", "-t", "epub3", "-o", str(out), str(path)], check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--sample", type=int, default=60, help="articles pandoc converts (it is slow)")
    args = parser.parse_args()
    paths = _articles(args.corpus)
    if not paths:
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    _book(paths[0], EpubOptions())  # warm-up: imports, templates, fonts
    ours = _per_file(paths, lambda path: _book(path, EpubOptions()))
    bare = _per_file(paths, lambda path: _book(path, EpubOptions(generated_cover=False)))
    reading = _per_file(paths, lambda path: read(path.read_bytes(), str(path)))
    read_and_set = _per_file(paths, lambda path: _typeset(read(path.read_bytes(), str(path))))
    covers = ours - bare
    print(f"{len(paths)} articles, {sum(p.stat().st_size for p in paths) / len(paths) / 1000:.1f} KB on average")
    print(f"publish epub:       {ours * 1000:6.1f} ms per article (target 15 ms)")
    print(f"  reading {reading * 1000:.1f} ms, typography {(read_and_set - reading) * 1000:.1f} ms,", end=" ")
    print(f"the EPUB {(bare - read_and_set) * 1000:.1f} ms, the cover {covers * 1000:.1f} ms")
    print(f"  without a cover:  {bare * 1000:6.1f} ms per article")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc: not installed, not compared")
        return 0
    step = max(1, len(paths) // args.sample)
    sample = paths[::step][: args.sample]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "book.epub"
        theirs = _per_file(sample, lambda path: _pandoc(pandoc, path, out))
        ours_sample = _per_file(sample, lambda path: _book(path, EpubOptions()))
    print(f"pandoc -t epub3:    {theirs * 1000:6.1f} ms per article ({len(sample)} of them, one process each)")
    print(f"  publish on the same {len(sample)}: {ours_sample * 1000:.1f} ms: {theirs / ours_sample:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
