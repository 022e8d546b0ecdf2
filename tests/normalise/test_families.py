"""Page families: one registry, each family's cues the base and its own, the family kept in the read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publish.model import PageMarker
from publish.normalise import read
from publish.normalise.html.families import FAMILIES, family_of
from publish.normalise.html.families.cues import BASE, Cues
from publish.normalise.html.parse import parse_html
from publish.words import block_text
from tests.conftest import SEED

LENIN = "mia/archive__lenin__works__1913__mar__x01.htm"
HARMAN = "mia/archive__harman__2002__06__party.htm"

_BODY = "<p>" + "The text of the article goes on in full sentences that a reader reads. " * 6 + "</p>"


def _page(head: str, credits: str, standfirst: str) -> bytes:
    return (
        f"<html><head><title>A title</title>{head}</head><body><h2>Chris Harman</h2><h1>A title</h1>"
        f'<p class="{credits}">Source: Socialist Review, June 2002.</p><hr>'
        f'<p class="c">{standfirst}</p>{_BODY}</body></html>'
    ).encode()


def test_every_family_reads_by_the_base_and_its_own() -> None:
    names = [family.name for family in FAMILIES]
    assert len(set(names)) == len(names) and names[-1] == "generic"
    for family in FAMILIES:
        for item in dataclasses.fields(Cues):
            mine, base = getattr(family.cues, item.name), getattr(BASE, item.name)
            if isinstance(base, frozenset):
                assert base <= mine, (family.name, item.name)


def test_a_family_own_cue_is_read_on_its_pages_only() -> None:
    """doc.css's ``p.c`` is a standfirst on a doc.css page; on a page of no family it is body text."""
    line = "Chris Harman on the party and the class"
    doc_css = read(_page('<link rel="stylesheet" href="../../css/doc.css">', "info", line), "a.htm")
    generic = read(_page("", "source", line), "b.htm")
    assert (doc_css.family, generic.family) == ("doc_css", "generic")
    assert doc_css.document.metadata.standfirst == line
    assert line not in block_text(doc_css.document.body)
    assert generic.document.metadata.standfirst is None
    assert line in block_text(generic.document.body)


def test_the_family_reaches_the_read_result(corpus: Path) -> None:
    assert read((corpus / LENIN).read_bytes(), LENIN).family == "lenin_cw"
    assert read((corpus / HARMAN).read_bytes(), HARMAN).family == "doc_css"
    assert read(SEED.read_bytes(), str(SEED)).family is None  # plain text has no page family


def test_lenin_page_markers_are_the_lenin_family_cue(corpus: Path) -> None:
    """The Lenin page keeps its printed pages; read by the base cues alone the same page has none."""
    result = read((corpus / LENIN).read_bytes(), LENIN)
    markers = [inline for inline in _inlines(result.document.body) if isinstance(inline, PageMarker)]
    assert markers and all(marker.volume == "19" for marker in markers)
    assert BASE.page_marker is None
    root = parse_html((corpus / LENIN).read_text(encoding="utf-8", errors="replace"))
    assert family_of(root).cues.page_marker is not None


@pytest.mark.parametrize("name", [family.name for family in FAMILIES])
def test_each_family_claims_a_page_of_its_own_shape(name: str) -> None:
    """Every registered family wins on the page its module's evidence describes."""
    pages = {
        "lenin_cw": "<!-- t2h-body --><p>Text</p><!-- vol=19 pg=021 -->",
        "doc_css": '<p class="toplink">x</p><p class="info">y</p><p class="updat">z</p>',
        "works_css": '<p class="title">x</p><p class="information">y</p><p class="footer">z</p>',
        "old_html": "<center><b>BY</b></center><center>X</center><font>y</font>",
        "index": "".join(f'<a href="p{i}.htm">Chapter {i}</a>' for i in range(30)),
        "html5": '<script src="../menu.js"></script><main><p>Text</p></main>',
        "generic": "<p>Text</p>",
    }
    root = parse_html(f"<html><head><title>t</title></head><body>{pages[name]}</body></html>")
    assert family_of(root).name == name


def _inlines(blocks: object) -> list[object]:
    """Every inline under ``blocks``, however deep: what a page marker may sit in."""
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, tuple | list):
            for item in node:
                walk(item)
        elif dataclasses.is_dataclass(node):
            found.append(node)
            for item in dataclasses.fields(node):
                walk(getattr(node, item.name))

    walk(blocks)
    return found
