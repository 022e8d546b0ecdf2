"""The HTML reader on small pages written for one rule each (the corpus tests cover real pages)."""

from __future__ import annotations

from publish.model import (
    Break,
    Contributor,
    Emphasis,
    Heading,
    LineBreak,
    Link,
    Paragraph,
    Quotation,
    Role,
    Strong,
    Text,
)
from publish.normalise import read, sniff

_ETOL = """<html><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-1" />
<link rel="stylesheet" type="text/css" href="../../css/doc.css" /><title>X: Y</title></head><body>
<p class="toplink"><a href="../index.htm">MIA</a> &gt; <a href="../../index.htm">Archive</a></p>
<p>&#160;</p><h2>Tony Cliff</h2><p>&#160;</p><h1>On the <em>Party</em></h1><h3>(March 1960)</h3>
<hr /><p class="info">From <em>International Socialism</em>, No.1, Spring 1960.<br />
Transcribed &amp; marked up by Einde O&#8217;Callaghan for ETOL.</p><hr />
{body}
<p class="link"><a href="#top">Top of the page</a></p><hr />
<p class="updat">Last updated on 3 March 2010</p></body></html>"""


def _read(body: str) -> tuple[Paragraph | Heading | Quotation | Break, ...]:
    page = _ETOL.format(body=body).encode("cp1252")
    return read(page, "archive/cliff/1960/03/party.htm").document.body  # type: ignore[return-value]


def test_header_and_credits() -> None:
    document = read(_ETOL.format(body="<p>Text.</p>").encode("cp1252"), "p.htm").document
    metadata = document.metadata
    assert metadata.title == "On the Party"
    assert metadata.authors == ("Tony Cliff",)
    assert metadata.date == "1960-03"
    assert metadata.source == "From International Socialism, No.1, Spring 1960"
    assert metadata.contributors == (Contributor(name="Einde O’Callaghan", roles=(Role.TRANSCRIBER, Role.MARKUP)),)
    assert metadata.last_updated == "2010-03-03"
    assert document.body == (Paragraph(content=(Text(text="Text."),)),)


def test_inline_markup_and_whitespace() -> None:
    body = _read("<p class='fst'>A  <em>few\n words</em> and <strong> strong </strong>text<br/>next line.</p>")
    assert body == (
        Paragraph(
            content=(
                Text(text="A "),
                Emphasis(content=(Text(text="few words"),)),
                Text(text=" and "),
                Strong(content=(Text(text="strong "),)),
                Text(text="text"),
                LineBreak(),
                Text(text="next line."),
            )
        ),
    )


def test_external_links_stay_links_and_internal_anchors_keep_their_text() -> None:
    body = _read('<p>See <a href="http://example.org/">this</a> and <a href="#x">that</a>.</p>')
    assert body == (
        Paragraph(
            content=(
                Text(text="See "),
                Link(content=(Text(text="this"),), target="http://example.org/"),
                Text(text=" and that."),
            )
        ),
    )


def test_headings_quotations_and_breaks_in_the_body() -> None:
    body = _read("<p>One.</p><h4>Part two</h4><blockquote><p>Quoted.</p></blockquote><hr/><p>Two.</p>")
    assert body == (
        Paragraph(content=(Text(text="One."),)),
        Heading(level=1, content=(Text(text="Part two"),)),
        Quotation(blocks=(Paragraph(content=(Text(text="Quoted."),)),)),
        Break(),
        Paragraph(content=(Text(text="Two."),)),
    )


def test_sniffing_looks_at_the_bytes_not_the_name() -> None:
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b"  <?xml version='1.0'?>\n<html>") == "html"
    assert sniff(b"Chris Harman\n\n\nA title\n") == "text"
    assert sniff(b"<p>fragment</p>") == "html"
