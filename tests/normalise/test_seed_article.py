"""Must-show 2 of the foundation: the seed text and its HTML original give the same article."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publish.model import Contributor, Document, Paragraph, Role
from publish.normalise import read
from publish.words import block_text
from tests.conftest import SEED

HTML_ORIGINAL = "mia/archive__harman__2002__06__party.htm"
FURNITURE = ("MIA", "Archive", "Top of the page", "Last updated", "Marked up", "Copied with thanks")


def _seed() -> Document:
    return read(SEED.read_bytes(), str(SEED)).document


def _html(corpus: Path) -> Document:
    path = corpus / HTML_ORIGINAL
    return read(path.read_bytes(), str(path)).document


def _check_metadata(document: Document) -> None:
    metadata = document.metadata
    assert metadata.authors == ("Chris Harman",)
    assert metadata.title == "A different kind of party altogether"
    assert metadata.date == "2002-06-08"
    assert metadata.language == "en"
    assert metadata.source is not None and "Socialist Worker" in metadata.source and "No.1803" in metadata.source
    assert Contributor(name="Einde O’Callaghan", roles=(Role.MARKUP,)) in metadata.contributors
    assert metadata.standfirst == "Chris Harman on Lenin and the revolutionary party"
    assert metadata.last_updated == "2009-12-11"


def _check_body(document: Document) -> None:
    assert all(isinstance(block, Paragraph) for block in document.body)
    text = block_text(document.body)
    assert text.startswith("THE RICH and powerful")
    assert text.endswith("open discussion within the party.")
    assert "Chris Harman on Lenin" not in text
    for furniture in FURNITURE:
        assert furniture not in text, furniture


def test_seed_text() -> None:
    document = _seed()
    _check_metadata(document)
    _check_body(document)
    assert len(document.body) == 14


def test_html_original(corpus: Path) -> None:
    document = _html(corpus)
    _check_metadata(document)
    _check_body(document)


def test_both_give_the_same_article(corpus: Path) -> None:
    seed, html = _seed(), _html(corpus)
    assert [block_text([block]) for block in seed.body] == [block_text([block]) for block in html.body]
    assert dataclasses.replace(seed.metadata, origin=None, identifier=None) == dataclasses.replace(
        html.metadata, origin=None, identifier=None
    )


@pytest.mark.parametrize("name", ["seed", "html"])
def test_reading_is_a_pure_function_of_the_bytes(name: str, corpus: Path) -> None:
    path = SEED if name == "seed" else corpus / HTML_ORIGINAL
    data = path.read_bytes()
    assert read(data, str(path)) == read(data, str(path))
