"""Accessibility metadata and navigation that are true of each book, and reproducible bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from publish.pipeline import load
from publish.render.epub import render_epub
from tests.conftest import SEED, corpus_dir
from tests.support import epubcheck


def _corpus_book(relative: str) -> bytes:
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    path = corpus / relative
    return render_epub(load(path.read_bytes(), str(path)).document)


def _opf(book: bytes) -> dict[str, list[str]]:
    with zipfile.ZipFile(BytesIO(book)) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    found: dict[str, list[str]] = {}
    for meta in opf.iter("{*}meta"):
        key = meta.get("property") or meta.get("name") or ""
        found.setdefault(key, []).append(meta.text or meta.get("content") or "")
    return found


def _nav(book: bytes) -> etree._Element:
    with zipfile.ZipFile(BytesIO(book)) as archive:
        return etree.fromstring(archive.read("EPUB/nav.xhtml"))


def test_a_text_with_printed_page_numbers_gets_a_page_list_and_says_from_which_edition(tmp_path: Path) -> None:
    book = _corpus_book("mia/archive__lenin__works__1913__mar__x01.htm")
    meta = _opf(book)
    assert {"printPageNumbers", "pageNavigation"} <= set(meta["schema:accessibilityFeature"])
    edition = "Lenin’s Collected Works, Progress Publishers, 1977, Moscow, Volume 19, pages 21-28"
    assert meta["pageBreakSource"] == [edition]
    page_list = next(nav for nav in _nav(book).iter("{*}nav") if nav.get("role") == "doc-pagelist")
    entries = [(a.get("href") or "", a.text) for a in page_list.iter("{*}a")]
    assert [label for _, label in entries][:3] == ["23", "24", "25"]
    with zipfile.ZipFile(BytesIO(book)) as archive:
        for href, label in entries:
            page, ident = href.split("#")
            text = etree.fromstring(archive.read(f"EPUB/{page}"))
            marker = next(element for element in text.iter() if element.get("id") == ident)
            assert marker.get("role") == "doc-pagebreak" and marker.get("aria-label") == label
    path = tmp_path / "lenin.epub"
    path.write_bytes(book)
    assert epubcheck(path) == []


def test_features_are_claimed_only_when_true() -> None:
    book = render_epub(load(SEED.read_bytes(), str(SEED)).document)
    meta = _opf(book)
    assert meta["schema:accessMode"] == ["textual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert "It has no pictures." in meta["schema:accessibilitySummary"][0]
    features = set(meta["schema:accessibilityFeature"])
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= features
    assert not features & {"printPageNumbers", "pageNavigation", "alternativeText"}
    assert "pageBreakSource" not in meta
    assert not [nav for nav in _nav(book).iter("{*}nav") if nav.get("role") == "doc-pagelist"]


def test_pictures_the_book_does_not_carry_are_described_not_claimed() -> None:
    meta = _opf(_corpus_book("mia/history__ussr__art__photography__workers__index.htm"))
    assert meta["schema:accessMode"] == ["textual"]
    assert "alternativeText" not in meta["schema:accessibilityFeature"]
    assert "Pictures are described in text." in meta["schema:accessibilitySummary"][0]


def test_a_column_is_a_series_and_the_site_is_not() -> None:
    column = _opf(_corpus_book("mia/archive__shachtma__1939__12__corner.html"))
    assert column["belongs-to-collection"] == ["In This Corner"]
    assert column["collection-type"] == ["series"]
    assert column["calibre:series"] == ["In This Corner"]
    site = _opf(render_epub(load(SEED.read_bytes(), str(SEED)).document))
    assert "belongs-to-collection" not in site and "calibre:series" not in site


def test_separate_runs_give_identical_bytes(tmp_path: Path) -> None:
    """Two processes with different hash seeds (set and dict order) write the same book."""
    digests = set()
    for seed in ("1", "2"):
        out = tmp_path / f"book-{seed}.epub"
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        environment.pop("SOURCE_DATE_EPOCH", None)
        command = [sys.executable, "-m", "publish", "epub", str(SEED), "-o", str(out)]
        subprocess.run(command, check=True, env=environment, capture_output=True)
        digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
    assert len(digests) == 1
    with zipfile.ZipFile(tmp_path / "book-1.epub") as archive:
        assert {info.date_time for info in archive.infolist()} == {
            (2009, 12, 11, 0, 0, 0)
        }  # the page's "Last updated", not the clock
