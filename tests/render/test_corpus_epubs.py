"""Every page of the shared corpus's ``mia/`` folder, each made into its own e-book, passes
EPUBCheck with no message at all (usage messages on); the works made of them are checked in
test_works.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.loading import load
from publish.render.epub import render_epub
from tests.conftest import corpus_dir
from tests.support import epubcheck_many


def test_every_mia_page_makes_a_valid_epub(tmp_path: Path) -> None:
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    pages = sorted(path for path in (corpus / "mia").iterdir() if path.suffix.lower() in (".htm", ".html"))
    assert len(pages) >= 40
    books: dict[Path, Path] = {}
    for number, page in enumerate(pages):
        document = load(page, whole_work=False).document
        book = tmp_path / f"page-{number}.epub"
        book.write_bytes(render_epub(document))
        books[book] = page
    reports = epubcheck_many(list(books))
    problems = {books[path].name: lines[:3] for path, lines in reports.items() if lines}
    assert not problems, problems
