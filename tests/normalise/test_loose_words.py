"""Words a page left loose where only elements belong (in a list outside its items, in a table
outside its cells, cells in no row) are kept, in reading order: old archive pages close an
``</li>`` early or put a ``<td>`` straight into the table, and libxml2, unlike a browser,
neither fosters nor wraps them."""

from __future__ import annotations

import pytest

import publish
from publish.model import ListBlock, Table
from publish.words import block_text


def _read(body: str) -> publish.Document:
    page = f"<html><head><title>T</title></head><body><h1>T</h1><p>Opening words of the page.</p>{body}</body></html>"
    return publish.read(page.encode("utf-8"), origin="loose.htm")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "<ul>before the items<li>item one</li>after item one<li>item two</li>after all</ul>",
            ["before the items", "item one", "after item one", "item two", "after all"],
        ),
        ("<ol>only loose words</ol>", ["only loose words"]),
        ("<ul><li>first</li><ul>nested loose<li>second</li></ul></ul>", ["first", "nested loose", "second"]),
        ("<ol><li>one</li><!-- a comment --> after a comment<li>two</li></ol>", ["one", "after a comment", "two"]),
    ],
)
def test_words_loose_in_a_list_are_items_in_their_place(body: str, words: list[str]) -> None:
    document = _read(body)
    text = block_text(document.body)
    assert [text.index(word) for word in words] == sorted(text.index(word) for word in words), text
    assert any(isinstance(block, ListBlock) for block in document.body)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            "<table>loose in the table<tr><td>a cell</td></tr>between rows<p>a paragraph among rows</p>"
            "<tr><td>another cell</td></tr></table>",
            ["loose in the table", "between rows", "a paragraph among rows", "a cell", "another cell"],
        ),
        (
            "<table><tbody>loose in the body<tr>loose in a row<td>the cell</td>after the cell</tr></tbody></table>",
            ["loose in the body", "loose in a row", "after the cell", "the cell"],
        ),
    ],
)
def test_words_loose_in_a_table_come_before_it(body: str, words: list[str]) -> None:
    text = block_text(_read(body).body)
    assert [text.index(word) for word in words] == sorted(text.index(word) for word in words), text


def test_cells_in_no_row_make_rows_in_their_place() -> None:
    body = (
        "<table><tr><td>first row</td><td>its second cell</td></tr>"
        "<td>loose one</td><td>loose two</td>"
        "<tr><td>last row</td></tr></table>"
    )
    table = next(block for block in _read(body).body if isinstance(block, Table))
    rows = [[block_text(cell.blocks) for cell in row] for row in table.rows]
    assert rows == [["first row", "its second cell"], ["loose one", "loose two"], ["last row"]]
