"""PDF/UA-1 (tagged, for screen readers) and PDF/A-3b (archival) carry what their standards need.

veraPDF, the reference validator, is a Java application no package registry here offers; these
tests read the PDFs with pypdf for the parts of each standard a producer must write.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from pypdf import PdfReader

from publish.model import Document
from publish.pipeline import load
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed() -> Document:
    return load(SEED.read_bytes(), str(SEED)).document


def _xmp(reader: PdfReader) -> str:
    root: Any = reader.trailer["/Root"]
    return str(root["/Metadata"].get_object().get_data().decode("utf-8"))


def _roles(element: Any, counts: Counter[str]) -> None:
    element = element.get_object()
    if isinstance(element, dict) and "/S" in element:
        counts[str(element["/S"])] += 1
    kids = element.get("/K") if isinstance(element, dict) else element
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict | list):
            _roles(kid, counts)


def test_pdf_ua_1_is_tagged_with_the_texts_structure(seed: Document) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(seed, PdfOptions(variant="pdf/ua-1")).data))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = _xmp(reader)
    assert 'pdfuaid:part="1"' in xmp
    assert "A different kind of party altogether" in xmp
    counts: Counter[str] = Counter()
    _roles(root["/StructTreeRoot"], counts)
    assert counts["/P"] >= 14  # the article's 14 paragraphs, and the title page's lines
    assert any(role in counts for role in ("/H1", "/H2", "/H"))


def test_pdf_a_3b_declares_itself_and_its_colours(seed: Document) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(seed, PdfOptions(variant="pdf/a-3b")).data))
    root: Any = reader.trailer["/Root"]
    xmp = _xmp(reader)
    assert re.search(r'pdfaid:part="3"', xmp) and re.search(r'pdfaid:conformance="B"', xmp)
    intents = root["/OutputIntents"]
    assert intents and "/DestOutputProfile" in intents[0].get_object()


def test_an_unknown_variant_is_refused(seed: Document) -> None:
    with pytest.raises(ValueError, match="unknown PDF variant"):
        render_pdf(seed, PdfOptions(variant="pdf/x-9"))
