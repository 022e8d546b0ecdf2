"""The reader over the whole corpus: notes per page, pages with nothing to publish.

Note counts are a reviewed snapshot (``expected/note-counts.tsv``, rewritten only with
``--update-golden``): a reader change that loses or gains a note shows up page by page.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from publish.model import Document
from publish.normalise import ReadResult, read
from tests.support import notes_in

EXPECTED = Path(__file__).parent / "expected"
COUNTS = EXPECTED / "note-counts.tsv"


@pytest.fixture(scope="module")
def results(corpus: Path) -> dict[str, ReadResult]:
    pages = sorted(p for p in (corpus / "mia").iterdir() if p.suffix in (".htm", ".html"))
    pages += sorted(p for p in (corpus / "mia-tree").rglob("*") if p.suffix in (".htm", ".html"))
    return {str(page.relative_to(corpus)): read(page.read_bytes(), str(page.relative_to(corpus))) for page in pages}


def _count(document: Document) -> str:
    notes = list(notes_in(document.body))
    kinds = [sum(1 for note in notes if note.kind.value == kind) for kind in ("author", "editor", "translator")]
    return "\t".join(str(number) for number in (len(notes), *kinds))


@cache
def _known(name: str) -> dict[str, str]:
    with (EXPECTED / name).open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    return {row[0]: row[1] for row in rows[1:]}


def test_note_counts_per_page(results: dict[str, ReadResult], update_golden: bool) -> None:
    actual = "path\tnotes\tauthor\teditor\ttranslator\n" + "".join(
        f"{path}\t{_count(result.document)}\n"
        for path, result in results.items()
        if _count(result.document) != "0\t0\t0\t0"
    )
    if update_golden:
        COUNTS.write_text(actual, encoding="utf-8")
    expected = COUNTS.read_text(encoding="utf-8")
    changed = sorted(set(actual.splitlines()) ^ set(expected.splitlines()))
    assert not changed, f"note counts changed (rewrite with --update-golden after review): {changed[:10]}"


def test_unresolved_calls_only_where_listed(results: dict[str, ReadResult]) -> None:
    unresolved = {path for path, result in results.items() if any(d.code == "N030" for d in result.diagnostics)}
    unlisted_notes = {
        path
        for path, result in results.items()
        if any(d.code == "N031" and "no link calls them" in d.message for d in result.diagnostics)
    }
    known = set(_known("notes-known-issues.tsv"))
    assert (unresolved | unlisted_notes) <= known, sorted((unresolved | unlisted_notes) - known)
    assert all(reason.strip() for reason in _known("notes-known-issues.tsv").values())


def test_pages_with_nothing_to_publish_say_so(results: dict[str, ReadResult]) -> None:
    def codes(path: str) -> set[str]:
        return {d.code for d in results[path].diagnostics}

    error_pages = [path for path in results if path.endswith("/404.htm")]
    assert len(error_pages) == 6 and all("N012" in codes(path) for path in error_pages)
    scans = [path for path in results if "esperanto/laperm/lpr2_" in path]
    assert len(scans) == 12 and all("N010" in codes(path) for path in scans)
    for path, result in results.items():
        if "N010" not in codes(path) and "N012" not in codes(path):
            assert result.document.body, f"{path}: an empty body without a diagnostic"


def test_every_page_has_a_title_of_its_own(results: dict[str, ReadResult]) -> None:
    """No page falls back to its file name: the header (or <title>) always names it."""
    assert [path for path, result in results.items() if any(d.code == "N011" for d in result.diagnostics)] == []
