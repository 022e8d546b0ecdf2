"""The fidelity audit: the page's words against the model's, on small pages and on real ones.

Most cases compare a page with a model made by hand, so that a "broken reader" can be
played by a Document that drops or adds a word; a few run the real reader end to end.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from publish.audit import LABEL_WORDS, AuditResult, WordGap, audit, compare, model_words, source_words
from publish.audit_source import SoftWord
from publish.model import (
    Contributor,
    Document,
    Figure,
    Heading,
    LineBreak,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Role,
    Strong,
    Superscript,
    Table,
    TableCell,
    Text,
    Verse,
)

_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><title>Rosa Example: On Strikes (8 June 2002)</title>
<link rel="stylesheet" type="text/css" href="../../../css/doc.css" />
<style>p {{ color: red }}</style><script>var hidden = "never seen";</script></head>
<body>
<p class="toplink"><a href="../../../../index.htm">MIA</a>&#160;&gt;&#160;<a href="../../../index.htm">Archive</a>
&#160;&gt;&#160;<a href="../../index.htm">Example</a></p>
<h2>Rosa Example</h2>
<h1>On Strikes</h1>
<h3>(8 June 2002)</h3>
<hr />
<p class="info"><em>Socialist Worker</em>, No.1803, 8 June 2002.<br />
Marked up by <a href="../eoc.htm">Einde O&#8217;Callaghan</a>
for the <strong>Marxists&#8217; Internet Archive</strong>.</p>
<hr />
<!-- a comment is no text -->
<p class="fst">The strike began on a Monday{call}. Nobody expected it.</p>
<p>It spread to every <em>depot</em> in the city.</p>
{notes}
<p class="link"><a href="#top">Top of the page</a></p>
{footer}
<hr />
<p class="updat">Last updated on <!-- WebWriter AutoDato -->11 December 2009<!-- WW --></p>
</body></html>"""

_FOOTER = """<table class="footer"><tr><td><a href="ch01.htm">&lt;&lt; Previous</a></td>
<td><a href="index.htm">Contents</a></td><td><a href="ch03.htm">Next Chapter &gt;&gt;</a></td></tr></table>"""
_CALL = '<sup class="enote"><a href="#n1" name="r1">[1]</a></sup>'
_NOTES = '<h4>Notes</h4>\n<p class="note"><a name="n1" href="#r1">1.</a> It was a Tuesday, in fact.</p>'

_METADATA = Metadata(
    title="On Strikes",
    language="en",
    authors=("Rosa Example",),
    contributors=(Contributor(name="Einde O’Callaghan", roles=(Role.MARKUP,)),),
    date="2002-06-08",
    source="Socialist Worker, No.1803, 8 June 2002",
    last_updated="2009-12-11",
)

_TEXT_PAGE = """Rosa Example


On Strikes

(8 June 2002)

Socialist Worker, No.1803, 8 June 2002.
Marked up by Einde O’Callaghan for the Marxists’ Internet Archive.

The strike began on a Monday. Nobody expected it.

It spread to every depot in the city.

Top of the page

Last updated on 11 December 2009
"""


def _page(*, notes: bool = False, footer: bool = True) -> bytes:
    parts = {"call": _CALL if notes else "", "notes": _NOTES if notes else "", "footer": _FOOTER if footer else ""}
    return _PAGE.format(**parts).encode("utf-8")


def _paragraph(*inlines: Text | Note | Strong | LineBreak | Superscript) -> Paragraph:
    return Paragraph(content=inlines)


def _document(*blocks: Paragraph | Heading | Table | Verse | Figure) -> Document:
    return Document(metadata=_METADATA, body=blocks)


def _body(first: str = "The strike began on a Monday. Nobody expected it.") -> tuple[Paragraph, Paragraph]:
    return _paragraph(Text(text=first)), _paragraph(Text(text="It spread to every depot in the city."))


def _gaps(gaps: tuple[WordGap, ...]) -> list[tuple[str, ...]]:
    return [gap.words for gap in gaps]


def _compare(page: bytes, document: Document) -> AuditResult:
    return compare(source_words(page, "p.htm"), document, "p.htm")


# --- pages that pass ---------------------------------------------------------------------


def test_html_page_passes() -> None:
    result = _compare(_page(), _document(*_body()))
    assert result.passed, (result.missing, result.extra)
    assert result.model_words == 17


def test_html_page_passes_through_the_reader() -> None:
    result = audit(_page(footer=False), "archive/example/2002/06/strikes.htm")
    assert result.passed, (result.missing, result.extra)


def test_plain_text_page_passes() -> None:
    result = compare(source_words(_TEXT_PAGE.encode(), "p.txt"), _document(*_body()), "p.txt")
    assert result.passed, (result.missing, result.extra)


def test_a_word_broken_at_a_line_end_must_be_joined() -> None:
    text = _TEXT_PAGE.replace("Nobody expected it.", "Nobody ex-\npected it.").encode()
    assert compare(source_words(text, "p.txt"), _document(*_body()), "p.txt").passed
    broken = _document(*_body("The strike began on a Monday. Nobody ex- pected it."))
    result = compare(source_words(text, "p.txt"), broken, "p.txt")
    assert _gaps(result.missing) == [("expected",)]
    assert _gaps(result.extra) == [("ex", "pected")]


def test_plain_text_page_passes_through_the_reader() -> None:
    result = audit(_TEXT_PAGE.encode(), "strikes.txt")
    assert result.passed, (result.missing, result.extra)


# --- what a broken reader looks like ------------------------------------------------------


def test_a_dropped_word_is_missing() -> None:
    result = _compare(_page(), _document(*_body("The strike began on Monday. Nobody expected it.")))
    assert not result.passed
    assert _gaps(result.missing) == [("a",)]
    assert result.missing[0].context == "internet archive the strike began on [a] monday nobody expected it it spread"
    assert result.extra == ()


def test_an_extra_word_is_extra() -> None:
    result = _compare(_page(), _document(*_body("The strike began on a cold Monday. Nobody expected it.")))
    assert _gaps(result.extra) == [("cold",)]
    assert "on a [cold] monday" in result.extra[0].context
    assert result.missing == ()


def test_a_lost_line_break_glues_words_and_is_caught() -> None:
    page = b"<html><body><h1>T</h1><p>use-value and value<br>Section 2</p></body></html>"
    document = Document(
        metadata=Metadata(title="T", language="en"), body=(_paragraph(Text(text="use-value and valueSection 2")),)
    )
    result = compare(source_words(page, "p.htm"), document, "p.htm")
    assert _gaps(result.missing) == [("value", "section")]
    assert _gaps(result.extra) == [("valuesection",)]


def test_a_lost_passage_is_reported_whole() -> None:
    """The author's name inside the lost words does not split the gap."""
    page = b"<html><body><h2>Rosa Example</h2><p>One two three. As Rosa Example said, four five six.</p></body></html>"
    document = Document(
        metadata=Metadata(title="T", language="en", authors=("Rosa Example",)),
        body=(_paragraph(Text(text="One two three.")),),
    )
    result = compare(source_words(page, "p.htm"), document, "p.htm")
    assert _gaps(result.missing) == [("as", "rosa", "example", "said", "four", "five", "six")]


def test_a_heading_word_is_not_taken_for_the_first_word_of_the_body() -> None:
    page = b"<html><body><h2>Chris Harman</h2><h1>Blood simple</h1><p>Chris Knight, Blood Relations.</p></body>"
    metadata = Metadata(title="Blood simple", language="en", authors=("Chris Harman",))
    document = Document(metadata=metadata, body=(_paragraph(Text(text="Chris Knight, Blood Relations.")),))
    assert compare(source_words(page, "p.htm"), document, "p.htm").passed


def test_reordered_body_text_is_reported() -> None:
    result = _compare(_page(), _document(*reversed(_body())))
    assert not result.passed


# --- furniture, metadata, notes -------------------------------------------------------------


def test_furniture_is_not_text() -> None:
    found = source_words(_page(), "p.htm")
    for word in ("mia", "top", "previous", "next", "contents", "updated", "hidden", "comment"):
        assert word not in found, word
    assert found[:2] == ["rosa", "example"]


def test_a_table_of_contents_is_not_furniture() -> None:
    page = b"""<html><body><p><a href="ch01.htm">The Party</a><br><a href="ch02.htm">The Class</a></p>
    <p><a href="index.htm">Index</a> | <a href="../index.htm">Archive</a></p>
    <p>&lt;&lt; <a href="ch00.htm">Introduction</a> | <a href="ch02.htm">Part 1</a> &gt;&gt;</p></body></html>"""
    assert source_words(page, "index.htm") == ["the", "party", "the", "class"]


def test_plain_text_furniture_lines() -> None:
    text = "MIA > Archive > Harman\nBody text for the Marxists’ Internet Archive.\nTop of the page\nLast updated 1 May"
    assert source_words(text.encode(), "p.txt") == ["body", "text", "for", "the", "marxists", "internet", "archive"]


def test_credit_lines_and_dates_are_matched_by_metadata() -> None:
    """ "(8 June 2002)" is the ISO date; "Marked up by … for the Marxists' Internet Archive" a contributor."""
    document = _document(*_body())
    assert _compare(_page(), document).passed
    without_contributor = Document(metadata=dataclasses.replace(_METADATA, contributors=()), body=document.body)
    result = _compare(_page(), without_contributor)
    missing = {word for gap in result.missing for word in gap.words}
    assert {"einde", "ocallaghan"} <= missing <= {"einde", "ocallaghan", *LABEL_WORDS}


def test_label_words_are_never_absorbed_in_the_body() -> None:
    page = b"<html><body><h1>On Strikes</h1><p>Written by the workers for the workers.</p></body></html>"
    document = Document(
        metadata=Metadata(title="On Strikes", language="en"), body=(_paragraph(Text(text="Written the workers.")),)
    )
    result = compare(source_words(page, "p.htm"), document, "p.htm")
    assert sum(len(gap.words) for gap in result.missing) == 4
    assert {"by", "for"} <= {word for gap in result.missing for word in gap.words}


def test_notes_at_the_end_of_the_page_match_notes_in_the_model() -> None:
    note = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(_paragraph(Text(text="It was a Tuesday, in fact.")),))
    first = _paragraph(Text(text="The strike began on a Monday"), note, Text(text=". Nobody expected it."))
    heading = Heading(level=1, content=(Text(text="Notes"),))
    for body in ((first, _body()[1], heading), (first, _body()[1])):  # the "Notes" heading may go
        result = _compare(_page(notes=True), Document(metadata=_METADATA, body=body))
        assert result.passed, (result.missing, result.extra)


def test_notes_set_after_a_section_may_move_but_the_body_may_not() -> None:
    page = b"""<html><body><h1>T</h1><p>Alpha beta gamma<sup><a href="#n1">1</a></sup> delta.</p>
    <p class="note"><a name="n1">1</a> The note says this much.</p><p>Epsilon zeta eta theta.</p></body></html>"""
    note = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(_paragraph(Text(text="The note says this much.")),))
    document = Document(
        metadata=Metadata(title="T", language="en"),
        body=(
            _paragraph(Text(text="Alpha beta gamma"), note, Text(text=" delta.")),
            _paragraph(Text(text="Epsilon zeta eta theta.")),
        ),
    )
    assert compare(source_words(page, "p.htm"), document, "p.htm").passed
    empty = Note(marker="1", kind=NoteKind.AUTHOR, blocks=())
    lost = Document(
        metadata=document.metadata,
        body=(_paragraph(Text(text="Alpha beta gamma"), empty, Text(text=" delta.")), document.body[1]),
    )
    result = compare(source_words(page, "p.htm"), lost, "p.htm")
    assert _gaps(result.missing) == [("the", "note", "says", "this", "much")]


def test_notes_set_in_several_places_are_found_in_any_order() -> None:
    page = b"""<html><body><h1>T</h1><p>First part<sup><a href="#n1">1</a></sup> ends here.</p>
    <p>Second part<sup><a href="#n2">2</a></sup> ends too.</p>
    <p class="note"><a name="n2">2</a> The second note comes first.</p><h3>Part two</h3>
    <p>Third part ends.</p><p class="note"><a name="n1">1</a> The first note comes last.</p></body></html>"""
    first = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(_paragraph(Text(text="The first note comes last.")),))
    second = Note(marker="2", kind=NoteKind.AUTHOR, blocks=(_paragraph(Text(text="The second note comes first.")),))
    document = Document(
        metadata=Metadata(title="T", language="en"),
        body=(
            _paragraph(Text(text="First part"), first, Text(text=" ends here.")),
            _paragraph(Text(text="Second part"), second, Text(text=" ends too.")),
            Heading(level=1, content=(Text(text="Part two"),)),
            _paragraph(Text(text="Third part ends.")),
        ),
    )
    result = compare(source_words(page, "p.htm"), document, "p.htm")
    assert result.passed, (result.missing, result.extra)


def test_kept_furniture_is_reported_without_taking_words_from_the_notes() -> None:
    page = _page(notes=True)
    note = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(_paragraph(Text(text="It was a Tuesday, in fact.")),))
    first = _paragraph(Text(text="The strike began on a Monday"), note, Text(text=". Nobody expected it."))
    document = _document(first, _body()[1], _paragraph(Text(text="Top of the page")))
    result = _compare(page, document)
    assert _gaps(result.extra) == [("top", "of", "the", "page")]
    assert result.missing == ()


def test_alt_text_repeated_by_the_caption_is_the_caption() -> None:
    page = b"""<html><body><h1>T</h1><table><tr><td><img src="m.jpg" alt="Rivera's murals"></td></tr>
    <tr><td><p>Rivera's murals were political</p></td></tr></table><p>Text.</p></body></html>"""
    figure = Figure(source="m.jpg", alt="Rivera's murals", caption=(Text(text="Rivera’s murals were political"),))
    document = Document(metadata=Metadata(title="T", language="en"), body=(figure, _paragraph(Text(text="Text."))))
    result = compare(source_words(page, "p.htm"), document, "p.htm")
    assert result.passed, (result.missing, result.extra)


def test_note_calls_and_alt_text_are_soft() -> None:
    page = b'<html><body><h1>T</h1><p>Word<sup><a href="#n1">2</a></sup> <img alt="A photo" src="x.jpg"> end.</p>'
    found = source_words(page, "p.htm")
    assert found == ["t", "word", "2", "a", "photo", "end"]
    assert [isinstance(word, SoftWord) for word in found] == [False, False, True, True, True, False]
    kept = Document(
        metadata=Metadata(title="T", language="en"),
        body=(_paragraph(Text(text="Word"), Superscript(content=(Text(text="2"),)), Text(text=" A photo end.")),),
    )
    dropped = Document(metadata=kept.metadata, body=(_paragraph(Text(text="Word end.")),))
    assert compare(found, kept, "p.htm").passed
    assert compare(found, dropped, "p.htm").passed


# --- the model's words ----------------------------------------------------------------------


def test_model_words_put_notes_after_the_body_and_metadata_apart() -> None:
    note = Note(marker="*", kind=NoteKind.EDITOR, blocks=(_paragraph(Text(text="A note.")),))
    document = Document(
        metadata=Metadata(title="A Title", language="en", date="1917-11-07"),
        body=(_paragraph(Text(text="Body"), note, Text(text=" text.")), _paragraph(Text(text="More."))),
    )
    stream, metadata = model_words(document)
    assert stream == ["body", "text", "more", "a", "note"]
    assert metadata[:2] == ["a", "title"]
    assert {"7", "november", "1917"} <= set(metadata)


def test_lines_cells_and_breaks_separate_words_but_inline_markup_does_not() -> None:
    document = Document(
        metadata=Metadata(title="T", language="en"),
        body=(
            Verse(stanzas=(((Text(text="one"),), (Text(text="two"),)),)),
            Table(
                rows=(
                    (
                        TableCell(blocks=(Paragraph(content=(Text(text="three"),)),)),
                        TableCell(blocks=(Paragraph(content=(Text(text="four"),)),)),
                    ),
                )
            ),
            _paragraph(Text(text="five"), LineBreak(), Strong(content=(Text(text="s"),)), Text(text="ix")),
            Figure(source="x.jpg", alt="alt words", caption=(Text(text="seven"),)),
        ),
    )
    stream, _ = model_words(document)
    assert stream == ["one", "two", "three", "four", "five", "six", "seven", "alt", "words"]
    assert isinstance(stream[-1], SoftWord) and not isinstance(stream[-3], SoftWord)


def test_a_long_page_aligns_in_well_under_a_second() -> None:
    vocabulary = [f"w{n % 3000}" for n in range(40_000)]
    common = ["the", "of", "and", "a", "to"]
    source = [common[n % 5] if n % 3 else vocabulary[(n * 7919) % 40_000] for n in range(40_000)]
    model = source[:15_000] + source[15_050:30_000] + ["inserted"] * 20 + source[30_000:]
    document = Document(metadata=Metadata(title="T", language="en"), body=(_paragraph(Text(text=" ".join(model))),))
    start = time.perf_counter()
    result = compare(source, document, "long.htm")
    elapsed = time.perf_counter() - start
    assert [len(gap.words) for gap in result.missing] == [50]
    assert [len(gap.words) for gap in result.extra] == [20]
    assert elapsed < 1.0, elapsed


# --- real pages ---------------------------------------------------------------------------


def test_the_seed_text_passes(corpus: Path) -> None:
    path = corpus / "seed" / "000_09551d0230559fc0.txt"
    result = audit(path.read_bytes(), str(path))
    assert result.passed, (result.missing, result.extra)
    assert result.source_words > 800


def test_the_seed_html_original_passes(corpus: Path) -> None:
    path = corpus / "mia" / "archive__harman__2002__06__party.htm"
    result = audit(path.read_bytes(), str(path))
    assert result.passed, (result.missing, result.extra)
    assert result.source_words > 800
