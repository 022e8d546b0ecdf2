"""Benchmark: corpus articles to A5 pamphlets, beside bare WeasyPrint and pandoc.

The articles are a sample of Chris Harman's 680 under ``mia-tree/archive/harman/YEAR/MONTH/``.
Three times per article, measured in the same run:

* ours: ``publish pdf`` as a batch worker runs it (one process, WeasyPrint imported once):
  reading, typography, the pamphlet's HTML and the render;
* bare WeasyPrint: the render alone, of the same HTML and CSS (target: ours within 1.1x);
* pandoc with WeasyPrint as its PDF engine, one process per file as it is used
  (target: ours at least 5x faster per article in batch).

Then both as a batch runs on every core: ours in long-lived worker processes (one per core,
each warmed up), pandoc as that many processes at a time. Per article is wall time / articles.

    .venv/bin/python bench/pdf_articles.py [CORPUS_DIR] [--sample N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from publish.normalise import read
from publish.pipeline import typeset
from publish.render.options import PdfOptions
from publish.render.pdf import pamphlet_html, render_pdf, stylesheet_texts


def _per_file(paths: list[Path], work: Callable[[Path], object]) -> float:
    start = time.perf_counter()
    for path in paths:
        work(path)
    return (time.perf_counter() - start) / len(paths)


def _ours(path: Path) -> bytes:
    result = read(path.read_bytes(), str(path))
    document = typeset(result.document, result.format, result.diagnostics).document
    return render_pdf(document, PdfOptions(base_dir=path.parent)).data


def _prepared(path: Path) -> tuple[str, list[str], str]:
    result = read(path.read_bytes(), str(path))
    document = typeset(result.document, result.format, result.diagnostics).document
    options = PdfOptions(base_dir=path.parent)
    return pamphlet_html(document, options), stylesheet_texts(options), path.parent.resolve().as_uri() + "/"


def _bare(html: str, styles: list[str], base_url: str) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(string=text, font_config=fonts, base_url=base_url) for text in styles]
    data: bytes = HTML(string=html, base_url=base_url).write_pdf(stylesheets=sheets, font_config=fonts)
    return data


def _batch(paths: list[Path], work: Callable[[Path], object], pool: ProcessPoolExecutor | ThreadPoolExecutor) -> float:
    start = time.perf_counter()
    list(pool.map(work, paths))
    return (time.perf_counter() - start) / len(paths)


def main() -> int:
    parser = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    parser.add_argument("corpus", nargs="?", type=Path, default=default)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    paths = sorted((args.corpus / "mia-tree" / "archive" / "harman").glob("*/[0-9x][0-9x]/*.htm*"))
    if not paths:
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    sample = paths[:: max(1, len(paths) // args.sample)][: args.sample]
    _ours(sample[0])  # warm-up: WeasyPrint's import and fonts, paid once by a batch worker
    prepared = {path: _prepared(path) for path in sample}
    bare = _per_file(sample, lambda path: _bare(*prepared[path]))
    ours = _per_file(sample, _ours)
    size = sum(path.stat().st_size for path in sample) / len(sample) / 1000
    print(f"{len(sample)} articles, {size:.1f} KB on average")
    print(f"publish pdf (A5):       {ours * 1000:7.0f} ms per article")
    print(f"bare WeasyPrint render: {bare * 1000:7.0f} ms per article: ours is {ours / bare:.2f}x (target <= 1.1x)")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc: not installed, not compared")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "article.pdf"
        command = [pandoc, "-f", "html", "--pdf-engine=weasyprint", "-o", str(out)]
        # pandoc runs the weasyprint command: the one installed beside this Python.
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

        def run(path: Path) -> object:
            return subprocess.run([*command, str(path)], check=True, capture_output=True, env=env)

        theirs = _per_file(sample, run)
        print(f"pandoc --pdf-engine=weasyprint: {theirs * 1000:7.0f} ms per article:", end=" ")
        print(f"ours is {theirs / ours:.1f}x faster, one article at a time")
        cores = os.cpu_count() or 1
        with ProcessPoolExecutor(cores) as workers:
            list(workers.map(_ours, [sample[0]] * cores))  # each worker imports WeasyPrint once
            ours_batch = _batch(sample, _ours, workers)
        with ThreadPoolExecutor(cores) as threads:
            theirs_batch = _batch(sample, run, threads)
    print(f"in batch on {cores} cores: ours {ours_batch * 1000:.0f} ms per article,", end=" ")
    print(f"pandoc {theirs_batch * 1000:.0f} ms", end="")
    print(f" ({cores} at a time): ours is {theirs_batch / ours_batch:.1f}x faster;", end=" ")
    print(f"against pandoc one file at a time, {theirs / ours_batch:.1f}x (target >= 5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
