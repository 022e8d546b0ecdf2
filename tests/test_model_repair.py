"""Deep nesting is bounded where a Document is made: every word kept, no backend recursing without end."""

from __future__ import annotations

from pathlib import Path

import pytest

import publish
from publish import model_json
from publish.errors import Diagnostic, PublishError
from publish.limits import Limits
from publish.loading import load
from publish.model import (
    Document,
    Emphasis,
    Inline,
    ListBlock,
    ListItem,
    ListKind,
    Metadata,
    Paragraph,
    Quotation,
    Section,
    Superscript,
    Table,
    TableCell,
    Text,
)
from publish.model_repair import repair
from publish.model_walk import descendants
from publish.normalise import read
from publish.normalise.html.depth import READ_DEPTH, bound_depth
from publish.normalise.html.parse import parse_html
from publish.render.epub import build_epub
from publish.render.options import EpubOptions, PdfOptions
from publish.render.pdf import render_pdf
from publish.words import block_text, first_missing, words
from tests.support import pdf_text

_CONTAINERS = (Quotation, ListBlock, Table, Section)


def _depth(document: Document) -> int:
    """The most containers around any block, counted without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(block, 0) for block in document.body]
    while stack:
        node, level = stack.pop()
        if isinstance(node, _CONTAINERS):
            deepest = max(deepest, level + 1)
            inner = (
                [b for item in node.items for b in item.blocks] if isinstance(node, ListBlock) else
                [b for row in node.rows for cell in row for b in cell.blocks] if isinstance(node, Table) else
                list(node.blocks)
            )  # fmt: skip
            stack.extend((block, level + 1) for block in inner)
    return deepest


def _nested_page(kind: str, levels: int) -> str:
    if kind == "ul":
        opening, closing = "".join(f"<ul><li>word{n} " for n in range(levels)), "</li></ul>" * levels
    else:
        opening, closing = "".join(f"<blockquote><p>word{n}</p>" for n in range(levels)), "</blockquote>" * levels
    return (
        "<html><head><title>Deep</title></head><body><h1>Deep</h1><p>Before the nesting.</p>"
        f"{opening}deepest{closing}<p>After the nesting.</p></body></html>"
    )


@pytest.mark.parametrize("kind", ["ul", "blockquote"])
def test_a_page_nested_200_deep_makes_an_epub_and_a_pdf_with_every_word(tmp_path: Path, kind: str) -> None:
    page = tmp_path / f"{kind}.htm"
    page.write_text(_nested_page(kind, 200), encoding="utf-8")
    loaded = load(page)
    document = loaded.document
    expected = [f"word{n}" for n in range(200)] + ["deepest", "After"]
    text = block_text(document.body).split()
    assert [word for word in expected if word not in text] == []
    assert _depth(document) <= Limits().nesting_depth
    assert {"N052", "N053"} <= {diagnostic.code for diagnostic in loaded.diagnostics}
    assert model_json.loads(model_json.dumps(document)) == document
    assert build_epub(document, EpubOptions(base_dir=tmp_path)).data
    printed = pdf_text(render_pdf(document, PdfOptions(base_dir=tmp_path)).data)
    missing = first_missing(words(block_text(document.body)), words(printed))
    assert missing is None, f"word {missing.index} {missing.word!r} not printed near: {missing.context}"


def test_a_page_nested_past_libxml2s_bound_is_refused_in_one_line() -> None:
    page = "<html><body>" + "<div>" * 2100 + "words" + "</div>" * 2100 + "</body></html>"
    with pytest.raises(PublishError, match=r"deep.htm: the markup is nested over 2048 levels deep"):
        read(page.encode(), "deep.htm")


def test_markup_deeper_than_the_reader_walks_becomes_paragraphs_with_its_words() -> None:
    levels = 1500
    page = "<html><body>" + "".join(f"<div><span>w{n}</span> " for n in range(levels)) + "</div>" * levels
    root = parse_html(page + "</body></html>")
    assert max(sum(1 for _ in element.iterancestors()) for element in root.iter()) <= READ_DEPTH + 1
    assert all(f"w{n}" in root.xpath("string()").split() for n in range(levels))
    assert bound_depth(root) == 0  # already bounded: nothing more to do


def test_a_nested_table_past_the_cut_keeps_its_words() -> None:
    levels = 60
    page = "<html><body>" + "".join(f"<table><tr><td>cell{n} " for n in range(levels))
    page += "</td></tr></table>" * levels + "<p>After.</p></body></html>"
    text = block_text(read(page.encode(), "tables.htm").document.body).split()
    assert [n for n in range(levels) if f"cell{n}" not in text] == []


def _quotations(levels: int) -> Document:
    block: Quotation = Quotation(blocks=(Paragraph(content=(Text(text="innermost"),)),))
    for n in reversed(range(levels)):
        block = Quotation(blocks=(Paragraph(content=(Text(text=f"word{n}"),)), block))
    return Document(metadata=Metadata(title="T", language="en"), body=(block,))


def test_a_hand_made_document_1000_deep_is_flattened_at_the_limit_keeping_its_words() -> None:
    repaired = repair(_quotations(1000), "api", limits=Limits(nesting_depth=8))
    assert _depth(repaired.document) == 8
    words = block_text(repaired.document.body).split()
    assert words == [f"word{n}" for n in range(1000)] + ["innermost"]
    (n052,) = repaired.diagnostics
    assert n052.code == "N052" and "more than 8 deep" in n052.message


def test_lists_tables_and_sections_past_the_limit_keep_their_words_in_reading_order() -> None:
    item = ListItem(blocks=(Paragraph(content=(Text(text="item"),)),))
    deep: ListBlock | Table | Section = ListBlock(kind=ListKind.BULLET, items=(item,))
    for n in range(6):
        cell = TableCell(blocks=(Paragraph(content=(Text(text=f"cell{n}"),)), deep))
        deep = Table(rows=((cell,),), caption=(Text(text=f"caption{n}"),))
        deep = Section(id=f"s{n}", title=(Text(text=f"title{n}"),), blocks=(deep,))
    document = Document(metadata=Metadata(title="T", language="en"), body=(deep,))
    repaired = repair(document, "api", limits=Limits(nesting_depth=3))
    assert _depth(repaired.document) == 3
    before, after = block_text(document.body).split(), block_text(repaired.document.body).split()
    assert after == before


def test_emphasis_nested_past_the_limit_keeps_its_words() -> None:
    inline: Inline = Text(text="deepest")
    for n in range(500):
        inline = (Superscript if n % 2 else Emphasis)(content=(Text(text=f"w{n} "), inline))
    document = Document(metadata=Metadata(title="T", language="en"), body=(Paragraph(content=(inline,)),))
    repaired = repair(document, "api")
    nodes = list(descendants(repaired.document.body))
    assert sum(isinstance(node, (Superscript, Emphasis)) for node in nodes) == Limits().nesting_depth
    assert sorted(block_text(repaired.document.body).split()) == sorted(block_text(document.body).split())


def test_a_clean_document_comes_back_as_the_same_object() -> None:
    document = _quotations(5)
    repaired = repair(document, "api")
    assert repaired.document is document and repaired.diagnostics == ()


def test_the_api_renders_a_hand_made_document_200_deep() -> None:
    from publish import api

    document = _quotations(200)
    found: list[Diagnostic] = []
    assert api.render_epub(document, diagnostics=found)
    assert api.render_pdf(document)
    assert "N052" in {diagnostic.code for diagnostic in found}


def test_a_control_character_in_markup_nested_past_the_readers_bound_is_dropped() -> None:
    """The depth bound rebuilds deep markup's text through lxml, which refuses an ESC the HTML
    parser let through (found by the fuzz suite: one flipped byte in a deep page)."""
    deep = b"<div>" * 120 + b"work\x1bers of the world" + b"</div>" * 120
    page = b"<html><body><h1>T</h1>" + deep + b"</body></html>"
    found: list[publish.Diagnostic] = []
    document = publish.read(page, origin="deep.htm", diagnostics=found)
    assert "workers of the world" in block_text(document.body)
    assert "N053" in {diagnostic.code for diagnostic in found}
    publish.render_epub(document)
