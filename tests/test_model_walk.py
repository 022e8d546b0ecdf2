"""The generic walk: every node type's children are reached, and a rewrite keeps what it did not change."""

from __future__ import annotations

import dataclasses
from typing import get_args

from publish.model import (
    Aside,
    Block,
    Break,
    EditorialInsertion,
    Emphasis,
    Epigraph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Note,
    NoteKind,
    PageMarker,
    Paragraph,
    Quotation,
    Section,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
    Verse,
)
from publish.model_walk import children, descendants, parts, query, transform


def _text(word: str) -> tuple[Inline, ...]:
    return (Text(text=word),)


def _every_node() -> tuple[Block, ...]:
    """One of each node type, each holding a word of its own, links to ``a``, ``b``…"""
    note = Note(marker="1", kind=NoteKind.AUTHOR, blocks=(Paragraph(content=_text("noted")),))
    inlines: tuple[Inline, ...] = (
        Emphasis(content=_text("emphasis")),
        Strong(content=_text("strong")),
        SmallCaps(content=_text("smallcaps")),
        Superscript(content=_text("superscript")),
        Subscript(content=_text("subscript")),
        Link(content=_text("link"), target="a.htm"),
        EditorialInsertion(content=_text("inserted")),
        note,
        LineBreak(),
        PageMarker(page="12"),
    )
    cell = TableCell(blocks=(Paragraph(content=(Link(content=_text("cell"), target="b.htm"),)),))
    return (
        Paragraph(content=inlines),
        Heading(level=1, content=_text("heading")),
        Quotation(blocks=(Paragraph(content=_text("quoted")),)),
        Epigraph(blocks=(Paragraph(content=_text("epigraph")),)),
        Aside(kind=NoteKind.EDITOR, blocks=(Paragraph(content=_text("aside")),)),
        Verse(stanzas=((_text("line"), _text("verse")),)),
        ListBlock(kind=ListKind.BULLET, items=(ListItem(blocks=(Paragraph(content=_text("item")),)),)),
        Table(rows=((cell,),), caption=_text("caption")),
        Figure(source="x.png", alt="alt", caption=_text("figure")),
        Break(),
        Section(id="s", title=_text("title"), blocks=(Paragraph(content=_text("sectioned")),)),
    )


def test_the_walk_reaches_every_node_type_and_every_word_in_reading_order() -> None:
    nodes = list(descendants(_every_node()))
    assert {type(node) for node in nodes} == set(get_args(Block)) | set(get_args(Inline))
    texts = [node.text for node in query(_every_node(), Text)]
    assert texts[:9] == [
        "emphasis",
        "strong",
        "smallcaps",
        "superscript",
        "subscript",
        "link",
        "inserted",
        "noted",
        "heading",
    ]
    assert texts[-5:] == ["caption", "cell", "figure", "title", "sectioned"]


def test_into_keeps_a_walk_out_of_notes() -> None:
    outside = [node.text for node in query(_every_node(), Text, into=lambda node: not isinstance(node, Note))]
    assert "noted" not in outside
    assert "sectioned" in outside


def test_parts_keep_lines_and_cells_apart_and_children_run_them_together() -> None:
    verse = Verse(stanzas=((_text("one"), _text("two")), (_text("three"),)))
    assert parts(verse) == (_text("one"), _text("two"), _text("three"))
    assert children(verse) == (*_text("one"), *_text("two"), *_text("three"))
    a, b = Paragraph(content=_text("a")), Paragraph(content=_text("b"))
    table = Table(rows=((TableCell(blocks=(a,)), TableCell(blocks=(b,))),), caption=_text("c"))
    assert parts(table) == (_text("c"), (a,), (b,))
    assert parts(Break()) == ()


def test_transform_changes_every_link_and_keeps_the_rest_as_it_was() -> None:
    blocks = _every_node()

    def retarget(inline: Inline) -> Inline:
        return dataclasses.replace(inline, target="#" + inline.target) if isinstance(inline, Link) else inline

    changed = transform(blocks, inline=retarget)
    assert [link.target for link in query(changed, Link)] == ["#a.htm", "#b.htm"]
    assert [type(block) for block in changed] == [type(block) for block in blocks]
    untouched = [new is old for new, old in zip(changed, blocks, strict=True)]
    assert untouched == [False, True, True, True, True, True, True, False, True, True, True]


def test_transform_without_a_change_gives_back_the_same_tree() -> None:
    blocks = _every_node()
    assert transform(blocks) is blocks


def test_transform_is_bottom_up_so_a_block_change_sees_changed_children() -> None:
    blocks = (Quotation(blocks=(Heading(level=1, content=_text("a")),)),)

    def demote(block: Block) -> Block:
        return Paragraph(content=block.content) if isinstance(block, Heading) else block

    seen: list[Block] = []

    def record(block: Block) -> Block:
        seen.append(block)
        return demote(block)

    (quotation,) = transform(blocks, block=record)
    assert quotation == Quotation(blocks=(Paragraph(content=_text("a")),))
    assert isinstance(seen[0], Heading) and seen[-1] == quotation
