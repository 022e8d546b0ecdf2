"""Layout wrappers to content: the archive wraps whole pages in boxes that mean nothing.

``blockquote > div.border`` frames (works-rd.css), one-cell layout tables (Spanish and Albanian
sections), ``<center>`` and classless ``<div>`` wrappers around blocks: a reader of the model
must see the paragraphs inside, not a quotation or a table around the whole page. What stays
a table is a table of data; what stays a quotation is a real one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.etree import _Comment, _Element

from publish.normalise.html.parse import classes, own_cells, text_of

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_BLOCKS = {
    "p", "div", "blockquote", "center", "ul", "ol", "dl", "table", "hr", "pre", "address", "section", "article",
    "main", "header", "footer", "aside", "nav", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "form",
}  # fmt: skip
_HEAD_TAGS = {"meta", "title", "link", "script", "style", "base", "noscript", "head"}
_LAYOUT_TAGS = {"main", "article", "section", "header", "footer", "font", "span", "form", "tbody", "thead"}


def flatten(container: _Element, cues: Cues) -> list[_Element]:
    """The page's top-level content elements in reading order, layout wrappers removed.

    Text lying loose between wrapped blocks is kept by returning the wrapper itself when
    unwrapping would drop it.
    """
    result: list[_Element] = []
    for child in container:
        if isinstance(child, _Comment) or not isinstance(child.tag, str):
            result.append(child)
        elif child.tag in _HEAD_TAGS:
            continue
        elif is_layout_wrapper(child, cues):
            result.extend(flatten(child, cues))
        elif child.tag == "table" and is_layout_table(child):
            for cell in layout_cells(child):
                # A cell whose text lies loose (no paragraph around it) is itself the block.
                loose = _has_loose_text(cell) or not any(_is_block(grand) for grand in cell)
                result.extend([cell] if loose and text_of(cell) else flatten(cell, cues))
        else:
            result.append(child)
    return result


def is_layout_wrapper(element: _Element, cues: Cues) -> bool:
    tag = element.tag
    if tag not in ("div", "blockquote", "center", *_LAYOUT_TAGS):
        return False
    if _has_loose_text(element) or not any(_is_block(child) for child in element):
        return False
    if tag == "blockquote":
        children = [child for child in element if isinstance(child.tag, str)]
        if any(child.tag == "div" and classes(child) & cues.layout for child in children):
            return True
        return _holds_headings(element) or any(classes(child) & cues.page_frame for child in children)
    if tag == "div":
        return not classes(element) or bool(classes(element) & cues.layout) or _holds_headings(element)
    return True


def is_layout_table(table: _Element) -> bool:
    """A table holding headings, paragraphs or long text is the page's layout, not data."""
    cells = layout_cells(table)
    if not cells:
        return False
    if any(cell.find(f".//{tag}") is not None for cell in cells for tag in ("h1", "h2", "h3", "table", "ul", "ol")):
        return True
    if len(cells) == 1:
        return len(text_of(cells[0])) > 300 or len(cells[0].findall("p")) > 1
    return sum(len(text_of(cell)) for cell in cells) > 1500 and max(len(text_of(cell)) for cell in cells) > 600


def layout_cells(table: _Element) -> list[_Element]:
    return own_cells(table)


def _is_block(element: _Element) -> bool:
    return isinstance(element.tag, str) and element.tag in _BLOCKS


def _has_loose_text(element: _Element) -> bool:
    if (element.text or "").strip():
        return True
    return any((child.tail or "").strip() and _is_block(child) for child in element)


def _holds_headings(element: _Element) -> bool:
    return any(child.tag in ("h1", "h2", "h3") for child in element if isinstance(child.tag, str))
