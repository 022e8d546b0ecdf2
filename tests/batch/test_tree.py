"""The whole ``mia-tree`` corpus as one batch: a book per work and per standalone article,
none failed, the EPUBs valid (a sample of 30 in one EPUBCheck JVM; bench/batch_tree.py
checks them all)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from publish.loading import load
from publish.workfiles import looks_like_index
from tests.batch.conftest import report, run_batch
from tests.support import epubcheck_many

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def library(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("tree") / "library"
    done = run_batch(tree, out, "-j", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    return out, report(out)


def test_no_book_fails(library: tuple[Path, dict[str, Any]]) -> None:
    _, data = library
    assert data["summary"]["failed"] == 0
    assert not [job for job in data["jobs"] if job["status"] == "failed"]


def test_one_book_per_work_and_per_standalone_article(tree: Path, library: tuple[Path, dict[str, Any]]) -> None:
    _, data = library
    jobs = {job["book"]: job for job in data["jobs"]}
    works = {name for name, job in jobs.items() if job["kind"] == "work"}
    expected = set()
    for page in sorted(tree.rglob("*.htm*")):
        if looks_like_index(page) and load(page).format == "work":
            expected.add(page.relative_to(tree).as_posix())
    scanned = "esperanto/laperm/index.htm"  # a work of scans: no text to make a book of
    assert works == expected - {scanned}
    assert jobs[scanned]["status"] == "skipped" and "no text" in jobs[scanned]["reason"]
    claimed = {path for name in works for path in jobs[name]["inputs"]}
    for page in sorted(tree.rglob("*.htm*")):
        name = page.relative_to(tree).as_posix()
        if name in claimed:
            assert name in works or name not in jobs, f"{name} is in a work and a book of its own"
        else:
            assert name in jobs, f"{name} is neither a book, nor in one, nor skipped"
            assert jobs[name]["kind"] in ("article", "page")
    assert jobs["archive/harman/index.htm"]["status"] == "skipped", "an author's list of writings is no book"
    assert sum(job["kind"] == "article" for job in jobs.values()) == data["summary"]["articles"] > 600


def test_a_sample_of_30_epubs_passes_epubcheck(library: tuple[Path, dict[str, Any]]) -> None:
    """Six works (the books most likely to go wrong) and 24 articles spread over the tree."""
    out, data = library

    def epubs(kind: str) -> list[str]:
        found = (path for job in data["jobs"] if job["kind"] == kind for path in job["outputs"])
        return sorted(path for path in found if path.endswith(".epub"))

    works, articles = epubs("work"), epubs("article")
    sample = works[:: max(1, len(works) // 6)][:6] + articles[:: max(1, len(articles) // 24)][:24]
    assert len(sample) == 30
    checked = epubcheck_many([out / path for path in sample])
    assert not {str(path): lines for path, lines in checked.items() if lines}
