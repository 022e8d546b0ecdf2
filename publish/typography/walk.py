"""Walks the document tree, giving each block's text runs to the rules as one context.

A context is what a reader reads as one stretch of text: a paragraph, a heading, a title, a
table cell, a caption, a whole poem. Inline markup is transparent within it (a quote that
opens in plain text may close inside an ``Emphasis``); a ``LineBreak`` reads as whitespace;
a ``Note`` is skipped by the text around it and its blocks are contexts of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import assert_never

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
    Note,
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
from publish.typography.registry import Rules

_BREAK = "\n"
"""Stands for a line break, or the end of a verse line, in the runs given to the rules."""


def blocks(nodes: tuple[Block, ...], rules: Rules) -> tuple[Block, ...]:
    return tuple(block(node, rules) for node in nodes)


def block(node: Block, rules: Rules) -> Block:
    match node:
        case Paragraph() | Heading():
            return replace(node, content=context(node.content, rules))
        case Quotation() | Epigraph() | Aside():
            return replace(node, blocks=blocks(node.blocks, rules))
        case Verse():
            return _verse(node, rules)
        case ListBlock():
            items = tuple(replace(item, blocks=blocks(item.blocks, rules)) for item in node.items)
            return replace(node, items=items)
        case Table():
            rows = tuple(tuple(_cell(cell, rules) for cell in row) for row in node.rows)
            return replace(node, rows=rows, caption=context(node.caption, rules))
        case Figure():
            return replace(node, alt=string(node.alt, rules), caption=context(node.caption, rules))
        case Break():
            return node
        case Section():
            return replace(node, title=context(node.title, rules), blocks=blocks(node.blocks, rules))
        case _:
            assert_never(node)


def string(text: str, rules: Rules) -> str:
    """A plain string (a title, an alt text) is a context of a single run."""
    return _apply(rules, [text])[0]


def context(content: tuple[Inline, ...], rules: Rules) -> tuple[Inline, ...]:
    fixed = iter(_apply(rules, runs(content)))
    return _rebuild(content, fixed, rules)


def runs(content: tuple[Inline, ...]) -> list[str]:
    """The text runs of inline content in reading order, one per ``Text`` and ``LineBreak``."""
    out: list[str] = []
    for node in content:
        match node:
            case Text():
                out.append(node.text)
            case Emphasis() | Strong() | SmallCaps() | Superscript() | Subscript() | Link() | EditorialInsertion():
                out.extend(runs(node.content))
            case LineBreak():
                out.append(_BREAK)
            case Note() | PageMarker():
                pass
            case _:
                assert_never(node)
    return out


def _rebuild(content: tuple[Inline, ...], fixed: Iterator[str], rules: Rules) -> tuple[Inline, ...]:
    return tuple(_inline(node, fixed, rules) for node in content)


def _inline(node: Inline, fixed: Iterator[str], rules: Rules) -> Inline:
    """Rebuild one inline, taking its runs from ``fixed`` in the order ``runs`` gave them."""
    match node:
        case Text():
            return replace(node, text=next(fixed))
        case Emphasis() | Strong() | SmallCaps() | Superscript() | Subscript() | Link() | EditorialInsertion():
            return replace(node, content=_rebuild(node.content, fixed, rules))
        case LineBreak():
            next(fixed)
            return node
        case Note():
            return replace(node, blocks=blocks(node.blocks, rules))
        case PageMarker():
            return node
        case _:
            assert_never(node)


def _cell(cell: TableCell, rules: Rules) -> TableCell:
    return replace(cell, blocks=blocks(cell.blocks, rules))


def _verse(verse: Verse, rules: Rules) -> Verse:
    """A poem is one context, so a quote may open in one line and close lines later."""
    flat: list[str] = []
    for stanza in verse.stanzas:
        for line in stanza:
            flat.extend(runs(line))
            flat.append(_BREAK)
    fixed = iter(_apply(rules, flat))
    stanzas = tuple(tuple(_line(line, fixed, rules) for line in stanza) for stanza in verse.stanzas)
    return replace(verse, stanzas=stanzas)


def _line(line: tuple[Inline, ...], fixed: Iterator[str], rules: Rules) -> tuple[Inline, ...]:
    content = _rebuild(line, fixed, rules)
    next(fixed)
    return content


def _apply(rules: Rules, given: Sequence[str]) -> list[str]:
    """Run the rules, refusing a result that would reshape the tree."""
    result = rules(given)
    if len(result) != len(given):
        raise ValueError(f"typography rules returned {len(result)} runs for {len(given)}")
    return result
