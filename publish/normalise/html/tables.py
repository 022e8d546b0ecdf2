"""HTML tables to model blocks: a table of data, a picture with its caption, or verse set in a
centred table (Lafargue's songs). A cell is one paragraph unless it holds a table of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.model import Block, Figure, LineBreak, Paragraph, Table, TableCell, Verse
from publish.normalise.html.parse import cell_span, own_cells
from publish.normalise.html.pictures import captions, figure
from publish.normalise.html.tags import CELL_STRUCTURE, tag
from publish.normalise.html.verse import MAX_VERSE_LINE, as_verse, flat_text, is_verse_table

if TYPE_CHECKING:
    from publish.normalise.html.blocks import Converter


def table_blocks(converter: Converter, element: _Element) -> list[Block]:
    images = list(element.iter("img"))
    if len(images) == 1 and len(own_cells(element)) <= 3 and images[0].get("src") and captions(element):
        caption = converter.inlines_of(element, captioning=True)
        picture = figure(images[0])
        return [Figure(source=picture.source, alt=picture.alt, caption=caption)]
    if is_verse_table(element):
        blocks = _children_of_cells(converter, element)
        if all(isinstance(block, (Verse, Paragraph)) for block in blocks):
            return [*fostered(converter, element), *blocks]
    rows: list[tuple[TableCell, ...]] = []
    for row in _rows(element):
        cells = tuple(
            TableCell(
                blocks=_cell(converter, cell),
                header=tag(cell) == "th",
                colspan=cell_span(cell.get("colspan")),
                rowspan=cell_span(cell.get("rowspan")),
            )
            for cell in row
            if tag(cell) in ("td", "th")
        )
        if any(cell.blocks for cell in cells):
            rows.append(cells)
    caption_element = element.find("caption")
    caption_content = converter.inlines_of(caption_element) if caption_element is not None else ()
    table = [Table(rows=tuple(rows), caption=caption_content)] if rows else []
    return [*fostered(converter, element), *table]


_ROWS = frozenset({"thead", "tbody", "tfoot", "tr"})
_CELLS = frozenset({"td", "th"})
_QUIET = frozenset({"caption", "colgroup", "col"})


def fostered(converter: Converter, table: _Element) -> list[Block]:
    """What a sloppy page put in a table outside its cells (words loose in the table or a row,
    a paragraph between rows), set before the table as a browser does ("foster parenting"),
    so that no word of it is lost."""
    found: list[Block] = []

    def visit(node: _Element) -> None:
        found.extend(converter.loose(node.text))
        for child in node:
            name = tag(child)
            if name in _ROWS or (name not in _CELLS and _holds_rows(child)):
                visit(child)
                found.extend(converter.loose(child.tail))
            elif name in _QUIET or name in _CELLS or name is None:
                found.extend(converter.loose(child.tail))  # a cell, a caption, a comment: read elsewhere
            else:  # a stray element, with the words after it
                found.extend(converter.blocks([child]))

    visit(table)
    return found


def _rows(table: _Element) -> list[list[_Element]]:
    """The table's rows in reading order, each its cells; cells a page put in no row (straight
    into the table or its body) make a row of each run of them, as a browser's implied ``<tr>``."""
    rows: list[list[_Element]] = []

    def visit(node: _Element) -> None:
        run: list[_Element] = []
        for child in node:
            name = tag(child)
            if name in _CELLS and tag(node) != "tr":
                run.append(child)
                continue
            if run:
                rows.append(run)
                run = []
            if name == "tr":
                rows.append(list(child))
            elif name in _ROWS or (name not in _QUIET and name is not None and _holds_rows(child)):
                visit(child)
        if run:
            rows.append(run)

    visit(table)
    return rows


def _holds_rows(element: _Element) -> bool:
    return any(tag(inner) in _ROWS or tag(inner) in _CELLS for inner in element.iterdescendants())


def _cell(converter: Converter, cell: _Element) -> tuple[Block, ...]:
    """A cell's text as one paragraph, or its blocks when it holds a table of its own: run
    together, a column of figures beside its sum would read as one line of words."""
    if any(tag(inner) in CELL_STRUCTURE for inner in cell.iterdescendants()):
        return converter.children(cell)
    content = converter.inlines_of(cell)
    return (Paragraph(content=content),) if content else ()


def _children_of_cells(converter: Converter, table: _Element) -> list[Block]:
    blocks: list[Block] = []
    for cell in own_cells(table):
        for block in converter.children(cell):
            lined = isinstance(block, Paragraph) and any(isinstance(i, LineBreak) for i in block.content)
            if isinstance(block, Paragraph) and (lined or len(flat_text(block.content)) <= MAX_VERSE_LINE):
                blocks.append(as_verse(block.content, force=True, lexicon=converter.lexicon) or block)
            else:
                blocks.append(block)
    return blocks
