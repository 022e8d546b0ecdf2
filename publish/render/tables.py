"""What a table needs decided before it is set: whether it is text laid out in a grid, and
whether a cell is one running paragraph (set as the cell's own text, without ``<p>`` margins)."""

from __future__ import annotations

from publish.model import Inline, Paragraph, ParagraphRole, Table, TableCell
from publish.words import block_text

LONG_CELL_WORDS = 150
"""More than a third of an A5 page in a table column: such a table is text laid out in a grid."""


def has_long_cell(table: Table) -> bool:
    return any(len(block_text(cell.blocks).split()) > LONG_CELL_WORDS for row in table.rows for cell in row)


def plain_cell_text(cell: TableCell) -> tuple[Inline, ...] | None:
    """The inlines of a cell that is one running paragraph, as most are; None for a cell of blocks."""
    match cell.blocks:
        case (Paragraph(content=content, role=ParagraphRole.BODY),):
            return content
        case _:
            return None
