"""Every HTML page is read as HTML, whatever junk its first bytes hold, and the junk is not text.

The archive has pages whose doctype lost its ``<``, gained a ``<‹``, follows an ``<img>`` or a
stray ``<``. Each broken start is tried on a small fixture (an old upper-case HTML 4 page with
no doctype of its own form) and on a corpus page, whose model must be the one its intact bytes
give. Plain text that quotes a tag in its prose stays plain text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish.model_json import dumps
from publish.normalise import read, sniff
from publish.words import block_text
from tests.conftest import SEED

FIXTURE = """<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">
<TITLE>On Strikes</TITLE>
</HEAD>
<BODY BGCOLOR="#FFFFFF">
<CENTER><B>Tom Mann</B></CENTER>
<H2>On Strikes</H2>
<P>The strike is the weapon of the workers, and they have learned to use it well in every trade.</P>
<P>When the dockers came out, the whole port stood still, and the employers had to listen.</P>
</BODY>
</HTML>
"""
DOCTYPE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">\n'
BROKEN_STARTS = {
    "doctype-without-lt": DOCTYPE[1:],
    "doctype-after-lt-guillemet": "<‹" + DOCTYPE[1:],
    "img-before-doctype": '<img src="../../pics/counter.gif" alt="">\n' + DOCTYPE,
    "stray-lt-before-doctype": "<\n" + DOCTYPE,
    "img-before-html-without-doctype": '<IMG SRC="logo.gif" ALT="">\n',
}
JUNK_WORDS = ("DOCTYPE", "W3C", "Transitional", "‹", "<")


@pytest.mark.parametrize("start", BROKEN_STARTS.values(), ids=BROKEN_STARTS.keys())
def test_a_fixture_with_a_broken_start_is_read_as_html_without_its_junk(start: str) -> None:
    data = (start + FIXTURE).encode("latin-1" if "‹" not in start else "utf-8")
    assert sniff(data) == "html"
    result = read(data, "archive/mann/strikes.htm")
    assert result.format == "html"
    text = block_text(result.document.body)
    assert text.split()[:4] == ["The", "strike", "is", "the"]
    assert not [word for word in JUNK_WORDS if word in text]
    assert result.document.metadata.title == "On Strikes"
    assert not [block for block in result.document.body if type(block).__name__ == "Figure"]


_FIRST_DOCTYPE = re.compile(rb"\A\s*<(?=!doctype)", re.IGNORECASE)
_IDENTIFIER = re.compile(r"urn:uuid:[0-9a-f-]+")


@pytest.mark.parametrize("name", [name for name in BROKEN_STARTS if "!DOCTYPE" in BROKEN_STARTS[name]])
def test_a_corpus_page_with_a_broken_start_reads_as_its_intact_bytes(corpus: Path, name: str) -> None:
    relative = "mia/archive__lafargue__1883__lazy__preface.htm"
    data = (corpus / relative).read_bytes()
    assert _FIRST_DOCTYPE.match(data)
    intact = read(data, relative)
    rest = _FIRST_DOCTYPE.sub(b"", data, count=1)[len(b"!DOCTYPE") :]
    broken = (BROKEN_STARTS[name].split("!DOCTYPE")[0] + "!DOCTYPE").encode() + rest
    assert not broken.lstrip().startswith(b"<!")
    result = read(broken, relative)
    assert result.format == "html"
    # the identifier is made from the bytes, which differ; the rest of the model must not
    assert _IDENTIFIER.sub("", dumps(result.document)) == _IDENTIFIER.sub("", dumps(intact.document))


QUOTING_PROSE = b"""Chris Harman

How the web was written

(June 2002)

A page begins with <html> and its text sits between <body> and </body>; a paragraph is
marked <p> ... </p>. None of that is what the reader of a pamphlet should ever see.

The point is the argument, not the markup.
"""


def test_plain_text_quoting_tags_in_prose_stays_text() -> None:
    assert sniff(QUOTING_PROSE) == "text"
    assert sniff(SEED.read_bytes()) == "text"
    result = read(QUOTING_PROSE, "party.txt")
    assert "<body> and </body>" in block_text(result.document.body)


def test_every_corpus_page_sniffs_as_its_kind(corpus: Path) -> None:
    pages = [path for path in corpus.rglob("*") if path.suffix in (".htm", ".html", ".txt") and path.is_file()]
    wrong = [str(path) for path in pages if (sniff(path.read_bytes()) == "html") != (path.suffix != ".txt")]
    assert len(pages) >= 969
    assert not wrong
