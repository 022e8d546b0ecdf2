"""One walk over the model, written once: what each node holds, every node of a kind, a rewrite.

Pandoc's ``Walkable`` is the anchor: ``children`` (here ``parts``) says what a node holds,
``query`` gathers the nodes of a kind in reading order, ``transform`` rebuilds a tree
bottom-up with a function applied to every block or inline. Each of the two ``match``
statements below ends with ``assert_never``, so a node type added to the model is named by
``mypy --strict`` here, and every traversal built on this module (the words, the contents
split, the audit's stream, link rewriting, the backends' census) follows it without a change.

A node's children come in *parts*: the runs a reader reads without a break (a paragraph's
inlines; a table's caption, then each cell; each line of verse; each list item's blocks).
Traversals that care where words may not run together (the audit, the words) separate parts;
the others just go through them. Walks run for every page and every book, so they keep to
plain loops and give back the nodes they did not change, not copies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TypeGuard, TypeVar, assert_never, get_args

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

Node = Block | Inline
Part = tuple[Block, ...] | tuple[Inline, ...]
_Kind = TypeVar("_Kind")

_NO_PARTS: tuple[Part, ...] = ()
_BLOCKS: tuple[type, ...] = get_args(Block)


def holds_blocks(part: Part) -> TypeGuard[tuple[Block, ...]]:
    """A part of blocks (a quotation's, a list item's), not of inlines; an empty part holds neither."""
    return bool(part) and isinstance(part[0], _BLOCKS)


def holds_inlines(part: Part) -> TypeGuard[tuple[Inline, ...]]:
    """A part of inlines (a paragraph's, a line of verse, a cell), or an empty one."""
    return not part or not isinstance(part[0], _BLOCKS)


def parts(node: Node) -> tuple[Part, ...]:
    """The runs of child nodes ``node`` holds, in reading order (a note's blocks where it is called)."""
    match node:
        case Paragraph(content=content) | Heading(content=content):
            return (content,)
        case Emphasis(content=content) | Strong(content=content) | SmallCaps(content=content):
            return (content,)
        case Superscript(content=content) | Subscript(content=content) | EditorialInsertion(content=content):
            return (content,)
        case Link(content=content):
            return (content,)
        case Note(blocks=blocks) | Quotation(blocks=blocks) | Epigraph(blocks=blocks) | Aside(blocks=blocks):
            return (blocks,)
        case Section(title=title, blocks=blocks):
            return (title, blocks)
        case Verse(stanzas=stanzas):
            return tuple(line for stanza in stanzas for line in stanza)
        case ListBlock(items=items):
            return tuple(item.blocks for item in items)
        case Table(rows=rows, caption=caption):
            return (caption, *(cell.blocks for row in rows for cell in row))
        case Figure(caption=caption):
            return (caption,)
        case Text() | LineBreak() | PageMarker() | Break():
            return _NO_PARTS
        case _:
            assert_never(node)


def children(node: Node) -> tuple[Node, ...]:
    """The nodes ``node`` holds directly, its parts run together."""
    held = parts(node)
    if len(held) == 1:
        return held[0]
    return tuple(child for part in held for child in part)


def descendants(nodes: Iterable[Node], *, into: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Every node of ``nodes`` and below, in reading order; ``into`` says which nodes to look
    inside (all of them by default: ``lambda node: not isinstance(node, Note)`` keeps out of notes)."""
    stack: list[Iterator[Node]] = [iter(nodes)]
    while stack:
        for node in stack[-1]:
            yield node
            if type(node) is not Text and (into is None or into(node)):
                held = parts(node)
                if held:
                    stack.append(iter(held[0] if len(held) == 1 else [child for part in held for child in part]))
                    break
        else:
            stack.pop()


def query(
    nodes: Iterable[Node], kind: type[_Kind] | tuple[type[_Kind], ...], *, into: Callable[[Node], bool] | None = None
) -> Iterator[_Kind]:
    """The nodes of ``kind`` among ``nodes`` and below, in reading order (``into`` as for ``descendants``)."""
    for node in descendants(nodes, into=into):
        if isinstance(node, kind):
            yield node


BlockChange = Callable[[Block], Block]
InlineChange = Callable[[Inline], Inline]


def _same(node: _Kind) -> _Kind:
    return node


def transform(
    blocks: Sequence[Block], *, block: BlockChange | None = None, inline: InlineChange | None = None
) -> tuple[Block, ...]:
    """``blocks`` rebuilt bottom-up: each node's children first, then ``block`` or ``inline`` on
    the node itself (pandoc's ``walk``). Nodes that come out unchanged are the same objects."""
    return _Transform(block or _same, inline or _same).blocks(blocks)


def transform_inlines(
    inlines: Sequence[Inline], *, block: BlockChange | None = None, inline: InlineChange | None = None
) -> tuple[Inline, ...]:
    """``transform`` for a run of inlines (a title, a caption)."""
    return _Transform(block or _same, inline or _same).inlines(inlines)


class _Transform:
    __slots__ = ("change_block", "change_inline")

    def __init__(self, change_block: BlockChange, change_inline: InlineChange) -> None:
        self.change_block = change_block
        self.change_inline = change_inline

    def blocks(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        changed = tuple(self.block(block) for block in blocks)
        return blocks if isinstance(blocks, tuple) and _unchanged(changed, blocks) else changed

    def inlines(self, inlines: Sequence[Inline]) -> tuple[Inline, ...]:
        changed = tuple(self.inline(inline) for inline in inlines)
        return inlines if isinstance(inlines, tuple) and _unchanged(changed, inlines) else changed

    def block(self, node: Block) -> Block:
        new: Block
        match node:
            case Paragraph(content=content) | Heading(content=content):
                new = _with(node, content=self.inlines(content), old=content)
            case Quotation(blocks=blocks) | Epigraph(blocks=blocks) | Aside(blocks=blocks):
                new = _with(node, blocks=self.blocks(blocks), old=blocks)
            case Section(title=title, blocks=blocks):
                new = _with(_with(node, title=self.inlines(title), old=title), blocks=self.blocks(blocks), old=blocks)
            case Verse(stanzas=stanzas):
                lines = tuple(tuple(self.inlines(line) for line in stanza) for stanza in stanzas)
                same = all(_unchanged(new, old) for new, old in zip(lines, stanzas, strict=True))
                new = node if same else replace(node, stanzas=lines)
            case ListBlock(items=items):
                held = tuple(_with(item, blocks=self.blocks(item.blocks), old=item.blocks) for item in items)
                new = node if _unchanged(held, items) else replace(node, items=held)
            case Table(rows=rows, caption=caption):
                cells = tuple(tuple(self._cell(cell) for cell in row) for row in rows)
                same_rows = all(_unchanged(new_row, row) for new_row, row in zip(cells, rows, strict=True))
                table = node if same_rows else replace(node, rows=cells)
                new = _with(table, caption=self.inlines(caption), old=caption)
            case Figure(caption=caption):
                new = _with(node, caption=self.inlines(caption), old=caption)
            case Break():
                new = node
            case _:
                assert_never(node)
        return self.change_block(new)

    def _cell(self, cell: TableCell) -> TableCell:
        return _with(cell, blocks=self.blocks(cell.blocks), old=cell.blocks)

    def inline(self, node: Inline) -> Inline:
        new: Inline
        match node:
            case Text() | LineBreak() | PageMarker():
                new = node
            case Emphasis(content=content) | Strong(content=content) | SmallCaps(content=content):
                new = _with(node, content=self.inlines(content), old=content)
            case Superscript(content=content) | Subscript(content=content) | EditorialInsertion(content=content):
                new = _with(node, content=self.inlines(content), old=content)
            case Link(content=content):
                new = _with(node, content=self.inlines(content), old=content)
            case Note(blocks=blocks):
                new = _with(node, blocks=self.blocks(blocks), old=blocks)
            case _:
                assert_never(node)
        return self.change_inline(new)


_Held = TypeVar("_Held", Block, Inline, ListItem, TableCell)


def _with(node: _Held, *, old: tuple[object, ...], **field: tuple[object, ...]) -> _Held:
    """``node`` with one field replaced, or ``node`` itself when the new value is the old one."""
    ((_, value),) = field.items()
    return node if value is old else replace(node, **field)  # type: ignore[arg-type]


def _unchanged(new: Sequence[object], old: Sequence[object]) -> bool:
    return all(a is b for a, b in zip(new, old, strict=True))


def broken_lines(content: Sequence[Inline]) -> list[list[Inline]]:
    """``content`` cut at its line breaks (the breaks dropped; a break at either end leaves an
    empty line): what a reader's verse and a renderer's set-apart lines are both made of."""
    lines: list[list[Inline]] = [[]]
    for inline in content:
        if isinstance(inline, LineBreak):
            lines.append([])
        else:
            lines[-1].append(inline)
    return lines
