"""Benchmark: reading every page of the shared corpus's ``mia-tree`` into the model.

Prints pages per second and milliseconds per average page for ``publish.normalise.read``,
beside a baseline measured in the same run: lxml parsing the same bytes and nothing else
(the floor any HTML reader pays). Target: under 15 ms per average page on one core.

    .venv/bin/python bench/read_tree.py [CORPUS_DIR]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lxml import html as lxml_html

from publish.normalise import read


def _pages(corpus: Path) -> list[tuple[str, bytes]]:
    tree = corpus / "mia-tree"
    paths = sorted(path for path in tree.rglob("*") if path.suffix.lower() in (".htm", ".html"))
    return [(str(path.relative_to(tree)), path.read_bytes()) for path in paths]


def _time(pages: list[tuple[str, bytes]], work: Callable[[str, bytes], object], rounds: int = 3) -> float:
    """Best of ``rounds`` passes over all pages, in seconds (the least disturbed pass)."""
    best = []
    for _ in range(rounds):
        start = time.perf_counter()
        for origin, data in pages:
            work(origin, data)
        best.append(time.perf_counter() - start)
    return min(best)


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not (corpus / "mia-tree").is_dir():
        print(f"no corpus at {corpus}; pass its path", file=sys.stderr)
        return 2
    pages = _pages(corpus)
    megabytes = sum(len(data) for _, data in pages) / 1e6
    parse = _time(pages, lambda origin, data: lxml_html.document_fromstring(data))
    ours = _time(pages, lambda origin, data: read(data, origin))
    slowest = sorted(((_time([(o, d)], lambda origin, data: read(data, origin), 1), o) for o, d in pages))[-3:]
    per_page = ours / len(pages) * 1000
    print(f"pages: {len(pages)} ({megabytes:.1f} MB)")
    print(f"lxml parse only (baseline): {parse:.2f} s, {parse / len(pages) * 1000:.2f} ms/page")
    print(f"publish read:               {ours:.2f} s, {per_page:.2f} ms/page, {len(pages) / ours:.0f} pages/s")
    print(f"ratio to baseline: {ours / parse:.1f}x   target: < 15 ms/page -> {'met' if per_page < 15 else 'MISSED'}")
    print("slowest pages: " + ", ".join(f"{origin} {seconds * 1000:.0f} ms" for seconds, origin in slowest))
    print(f"median page size: {statistics.median(len(d) for _, d in pages) / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
