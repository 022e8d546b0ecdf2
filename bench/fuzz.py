"""Benchmark: the fuzz suite (tests/fuzz) under its larger profile, ``fuzz-bench``.

Runs the suite's tests in this process with ten times CI's cases (20,000 by default, random,
not derandomised: each run explores new cases), then prints how the cases ended (a book, a
refusal, each known failure by name) and the time per case, beside a baseline measured in
the same run: the unmutated small pages read and made into EPUBs (the floor a case costs).
A failure is Hypothesis's report, shrunk, as in CI.

    .venv/bin/python bench/fuzz.py [CASES]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class _Cases:
    """A pytest plugin that counts the cases each fuzz test ran."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.failed = 0

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.seconds += report.duration
            self.failed += report.failed


def _baseline() -> float:
    """Seconds per unmutated small page, read and made into an EPUB without a cover (best of 3)."""
    import publish
    from tests.conftest import corpus_dir
    from tests.fuzz.corpus import small_pages
    from tests.fuzz.harness import BARE

    corpus = corpus_dir()
    if corpus is None:
        raise SystemExit("the shared corpus (../shared/corpus) is not here")
    pages = small_pages(corpus)
    best = []
    for _ in range(3):
        start = time.perf_counter()
        for name, data in pages.items():
            publish.render_epub(publish.read(data, origin=name), BARE)
        best.append((time.perf_counter() - start) / len(pages))
    return min(best)


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    sys.path.insert(0, str(ROOT))
    os.environ["PUBLISH_FUZZ_PROFILE"] = "fuzz-bench"
    os.environ["PUBLISH_WARM"] = "0"
    from hypothesis import settings

    import tests.fuzz.conftest  # noqa: F401 - registers the profiles
    from tests.fuzz.harness import OUTCOMES

    settings.register_profile("fuzz-bench", settings(settings.get_profile("fuzz-bench"), max_examples=cases))
    baseline = _baseline()
    plugin = _Cases()
    code = pytest.main(["-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "fuzz")], plugins=[plugin])
    total = sum(OUTCOMES.values())
    print(f"\n{total} cases in {plugin.seconds:.1f} s; {plugin.failed} test(s) failed")
    for ending, count in OUTCOMES.most_common():
        print(f"  {ending:<40} {count:>7}  {100 * count / max(1, total):5.1f} %")
    per_case = plugin.seconds / max(1, total)
    print(
        f"time per case: {1000 * per_case:.1f} ms; baseline (an unmutated small page to EPUB): {1000 * baseline:.1f} ms"
    )
    print(f"ratio: {per_case / baseline:.2f}x (cases include works, covers and PDFs)")
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
