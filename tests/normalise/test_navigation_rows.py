"""Archive navigation never reaches the body, in any language; a sentence holding such a link does.

Each row the archive uses to lead around the site is set between two paragraphs of a small
page (so neither the header nor the footer rule is what drops it) and must be gone from the
model, while the fidelity audit still passes the page (its own recogniser drops the same
words). Trotsky's ``tu.htm`` ends with a "return" image map, which must not end the book.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.audit import audit
from publish.model import Figure
from publish.normalise import read
from publish.words import block_text

ROWS = {
    "last-next-index": '<a href="ch06.htm">Last Chapter</a> | <a href="ch08.htm">Next Chapter</a> | '
    '<a href="index.htm">Index</a>',
    "chapter-breadcrumb": '<a href="ch07.htm">Chapter 7</a> / <a href="index.htm">Index</a>',
    "section-trail": '<a href="../index.htm">Greek Civil War</a> / <a href="../../../index.htm">Marxists Internet'
    " Archive</a>",
    "language-edition": '[<a href="../../de/1947/ch07.htm">German Original</a>]',
    "language-names": '<a href="../../de/ch07.htm">Deutsch</a> | <a href="../../fr/ch07.htm">Français</a>',
    "download-formats": '[<a href="ch07.pdf">pdf</a>] [<a href="ch07.doc">doc</a>] [<a href="ch07.odt">odt</a>]',
    "spanish-breadcrumb": '<a href="cap07.htm">Capítulo 7</a> | <a href="index.htm">Índice</a>',
    "spanish-edition": '[<a href="../../fr/ch07.htm">Versión francesa</a>]',
    "image-links": '<a href="ch06.htm"><img src="back.gif" alt="back"></a> <a href="ch08.htm"><img src="next.gif"'
    ' alt="next"></a>',
}
SENTENCES = {
    "sentence-with-index-link": 'The figures are in the <a href="index.htm">index</a> of the volume, as before.',
    "sentence-with-language-link": 'He read it first in the <a href="../de/ch07.htm">German original</a> at Kiel.',
    "index-entry-named-like-a-language": '<a href="albania/index.htm">Albania</a>',
    "contents-of-chapter-labels": '<a href="ch01.htm">Chapter 1</a> | <a href="ch02.htm">Chapter 2</a>',
}
BEFORE = "The civil war began in 1946, when the government turned on the partisans who had fought the occupation."
AFTER = "It ended in 1949 with the defeat of the Democratic Army, and thousands went into exile in the east."


def page(row: str) -> bytes:
    return (
        '<html lang="en"><head><meta charset="utf-8"><title>The Civil War</title></head><body>'
        f"<h1>The Civil War</h1><p>{BEFORE}</p><p>{row}</p><p>{AFTER}</p></body></html>"
    ).encode()


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_a_navigation_row_between_paragraphs_is_dropped(row: str) -> None:
    data = page(row)
    document = read(data, "archive/x/greece/ch07.htm").document
    assert block_text(document.body).split() == (BEFORE + " " + AFTER).split()
    assert not [block for block in document.body if isinstance(block, Figure)]
    result = audit(data, "archive/x/greece/ch07.htm")
    assert result.passed, (result.missing, result.extra)


@pytest.mark.parametrize("row", SENTENCES.values(), ids=SENTENCES.keys())
def test_text_holding_such_links_is_kept(row: str) -> None:
    document = read(page(row), "archive/x/greece/ch07.htm").document
    words = block_text(document.body).split()
    assert len(words) > len((BEFORE + " " + AFTER).split())


def test_trotskys_return_image_map_does_not_end_the_book(corpus: Path) -> None:
    relative = "mia/archive__trotsky__1922__02__tu.htm"
    data = (corpus / relative).read_bytes()
    document = read(data, relative).document
    assert not [block for block in document.body if isinstance(block, Figure) and block.alt == "return"]
    assert block_text(document.body[-1:]).rstrip().endswith("That is your enormous error.")
    assert audit(data, relative).passed
