"""Benchmark: the fidelity audit over every page of the shared corpus, as a whole.

Runs ``publish.audit.audit`` on every HTML page of ``mia-tree`` (the archive as a folder tree),
then on the ``mia/`` pages and the seed, and prints for each set the pass rate and the number
of failing pages per reason (loses words, adds words, both, refused by the reader), then the
pages that fail and the first words they lose or add. Time is printed beside a baseline
measured in the same run on the same pages: the reader alone (``publish.normalise.read``),
which the audit runs once and then checks, so the ratio is the audit's own cost.

    .venv/bin/python bench/audit_tree.py [CORPUS_DIR] [--list]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from publish.audit import AuditResult, audit
from publish.errors import PublishError
from publish.normalise import read

_SUFFIXES = (".htm", ".html")


def _pages(corpus: Path) -> dict[str, list[tuple[str, bytes]]]:
    """The corpus's pages by set, each (path relative to the corpus, bytes)."""
    tree = sorted(path for path in (corpus / "mia-tree").rglob("*") if path.suffix.lower() in _SUFFIXES)
    mia = sorted(path for path in (corpus / "mia").iterdir() if path.suffix.lower() in _SUFFIXES)
    seed = sorted((corpus / "seed").glob("*.txt"))
    sets = {"mia-tree": tree, "mia": mia, "seed": seed}
    return {
        name: [(str(path.relative_to(corpus)), path.read_bytes()) for path in paths] for name, paths in sets.items()
    }


def _reason(result: AuditResult | PublishError) -> str:
    if isinstance(result, PublishError):
        return "refused by the reader"
    if result.missing and result.extra:
        return "loses and adds words"
    return "loses words" if result.missing else "adds words"


def _audit(origin: str, data: bytes) -> AuditResult | PublishError:
    try:
        return audit(data, origin)
    except PublishError as error:
        return error


def _read(origin: str, data: bytes) -> None:
    with contextlib.suppress(PublishError):
        read(data, origin)


def _timed(pages: list[tuple[str, bytes]], work: Callable[[str, bytes], object]) -> tuple[float, list[object]]:
    start = time.perf_counter()
    results = [work(origin, data) for origin, data in pages]
    return time.perf_counter() - start, results


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument(
        "corpus", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    options.add_argument("--list", action="store_true", help="list every failing page with its first gap")
    args = options.parse_args()
    if not (args.corpus / "mia-tree").is_dir():
        print(f"no corpus at {args.corpus}; pass its path", file=sys.stderr)
        return 2
    total_pages = total_passed = 0
    total_read = total_audit = 0.0
    failures: list[tuple[str, AuditResult | PublishError]] = []
    for name, pages in _pages(args.corpus).items():
        baseline, _ = _timed(pages, _read)
        seconds, results = _timed(pages, _audit)
        verdicts = [r for r in results if isinstance(r, AuditResult | PublishError)]
        passed = sum(1 for r in verdicts if isinstance(r, AuditResult) and r.passed)
        failing = [(origin, r) for (origin, _), r in zip(pages, verdicts, strict=True) if not _passes(r)]
        failures += failing
        reasons = Counter(_reason(r) for _, r in failing)
        total_pages, total_passed = total_pages + len(pages), total_passed + passed
        total_read, total_audit = total_read + baseline, total_audit + seconds
        print(f"{name}: {passed}/{len(pages)} pages pass ({passed / max(len(pages), 1):.1%})")
        for reason, number in reasons.most_common():
            print(f"  {number:4d} {reason}")
        print(
            f"  time: audit {seconds:.2f} s ({seconds / max(len(pages), 1) * 1000:.1f} ms/page); "
            f"read alone (baseline) {baseline:.2f} s; ratio {seconds / baseline:.1f}x"
        )
    print(
        f"all: {total_passed}/{total_pages} pages pass ({total_passed / total_pages:.1%}); "
        f"audit {total_audit:.1f} s, {total_audit / total_read:.1f}x the reader alone"
    )
    for origin, result in failures if args.list else ():
        print(f"  FAILS {origin}: {_first_gap(result)}")
    return 0


def _passes(result: AuditResult | PublishError) -> bool:
    return isinstance(result, AuditResult) and result.passed


def _first_gap(result: AuditResult | PublishError) -> str:
    if isinstance(result, PublishError):
        return result.cause
    for label, gaps in (("missing", result.missing), ("extra", result.extra)):
        if gaps:
            return f"{label}: {' '.join(gaps[0].words[:12])}"
    return ""


if __name__ == "__main__":
    sys.exit(main())
