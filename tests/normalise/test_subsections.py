"""Sub-headings, and the rules around them, as the HTML reader reads them: small pages written
for each rule, and Capital ch. 1 (h3 to h6, rules drawn around every section title)."""

from __future__ import annotations

from pathlib import Path

from publish.model import Block, Break, Epigraph, Heading, LineBreak, Link, Paragraph, ParagraphRole, Text
from publish.model_walk import query
from publish.normalise import read
from publish.normalise.inlines import tidy
from publish.words import block_text, inline_text

_PAGE = """<html><head><meta charset="utf-8"><link rel="stylesheet" href="../../css/works.css">
<title>Anyone: A text</title></head><body><h1>A text</h1>{body}</body></html>"""

CAPITAL = "mia/archive__marx__works__1867-c1__ch01.htm"


def _body(body: str) -> tuple[Block, ...]:
    return read(_PAGE.format(body=body).encode(), "archive/anyone/text.htm").document.body


def test_a_long_numbered_small_heading_is_a_heading_and_a_long_sentence_an_epigraph() -> None:
    title = "3. Of the many parts a long subsection title may have, and of the words it runs to"
    motto = "Let us be lazy in everything, except in loving and drinking, except in being lazy. – Lessing"
    body = _body(f"<p>Opening.</p><h4>A part</h4><h6>{title}</h6><p>Text.</p><h5>{motto}</h5><p>More.</p>")
    assert body[2] == Heading(level=2, content=(Text(text=title),))
    assert body[4] == Epigraph(blocks=(Paragraph(content=(Text(text=motto),)),))
    listing = "<h5>1. Wages as the cause of the crisis<br>2. Government spending as the cause of crisis</h5>"
    assert not [block for block in _body(f"<p>Opening.</p>{listing}<p>Text.</p>") if isinstance(block, Heading)]


def test_no_break_beside_a_heading_but_between_passages() -> None:
    passages = "<p>One.</p><p>* * *</p><p>Two.</p><p>* * *</p><hr>"
    body = _body(f"<p>Opening.</p><hr><h3>Part one</h3><hr>{passages}<h4>Part two</h4><p>Three.</p>")
    kinds = [type(block).__name__ for block in body]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "Break", "Paragraph", "Heading", "Paragraph"]


def test_capital_keeps_its_sub_headings_and_draws_no_rule_at_them(corpus: Path) -> None:
    body = read((corpus / CAPITAL).read_bytes(), CAPITAL).document.body
    headings = {inline_text(heading.content).strip(): heading.level for heading in query(body, Heading)}
    assert headings["1. The two poles of the expression of value. Relative form and Equivalent form"] == 4
    assert headings["2. The Interdependent Development of the Relative Form of Value, and of the Equivalent Form"] == 4
    assert not list(query(body, Epigraph))
    assert not any(isinstance(block, Break) for block in body)


def test_short_centred_lines_are_display_lines_and_keep_their_breaks() -> None:
    formula = '<p align="center">1 coat = 20 yards of linen<br>10 lbs of tea = 20 yards of linen</p>'
    prose = "A centred paragraph that runs on and on as prose does, far longer than any line of a formula"
    body = _body(f"<p>Opening.</p>{formula}<p style='text-align: center'>{prose}.</p>")
    assert body[1] == Paragraph(
        content=(Text(text="1 coat = 20 yards of linen"), LineBreak(), Text(text="10 lbs of tea = 20 yards of linen")),
        role=ParagraphRole.DISPLAY,
    )
    assert body[2] == Paragraph(content=(Text(text=f"{prose}."),))


def test_capital_sets_its_formulae_as_display_lines(corpus: Path) -> None:
    body = read((corpus / CAPITAL).read_bytes(), CAPITAL).document.body
    display = [inline_text(p.content) for p in query(body, Paragraph) if p.role is ParagraphRole.DISPLAY]
    assert display[0] == "x commodity A = y commodity B, or\nx commodity A is worth y commodity B."
    assert len(display) == 3


_CONTENTS = """<p class="toc">Contents</p><p class="index"><a href="#one">Part one</a><br>
<a href="#two">Part two</a><br><a href="#three">A place in the text</a><br><a href="#four">A rule</a></p>
<p>Opening words.<a name="x1"> </a></p><a name="one"> </a> <br>
<h4>1. Part one</h4><p>Words of part one.</p><h4>2. Part two <a name="two"> </a></h4>
<p>Words <a name="three"> </a>of part two.</p><a name="four"></a><h4>* * *</h4><p>Last words.</p>"""


def test_a_pages_contents_links_lead_to_the_headings_its_anchors_name() -> None:
    body = _body(_CONTENTS)
    headings = [(block.id, inline_text(block.content)) for block in body if isinstance(block, Heading)]
    assert headings == [("one", "1. Part one"), ("two", "2. Part two")]
    links = {inline_text(link.content): link.target for link in query(body, Link)}
    assert links == {"Part one": "#one", "Part two": "#two"}  # a place in running text, a rule: no heading
    assert "A place in the text" in block_text(body) and "A rule" in block_text(body)  # their words stay


def test_capitals_contents_list_leads_to_its_sections(corpus: Path) -> None:
    body = read((corpus / CAPITAL).read_bytes(), CAPITAL).document.body
    ids = {heading.id: inline_text(heading.content) for heading in query(body, Heading) if heading.id}
    targets = [link.target for link in query(body, Link) if link.target.startswith("#")]
    assert len(targets) == 19 and all(target[1:] in ids for target in targets)
    assert ids["S3a1"].startswith("1. The two poles") and ids["S3c"] == "C. The General Form of Value"


def test_a_space_alone_between_a_link_and_a_line_break_leaves_no_empty_text() -> None:
    link = Link(content=(Text(text="Part one"),), target="#one")
    assert tidy([link, Text(text=" "), LineBreak(), Text(text="next")]) == (link, LineBreak(), Text(text="next"))
