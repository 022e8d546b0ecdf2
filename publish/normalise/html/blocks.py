"""Generic HTML body content to model blocks and inlines.

Page families decide what is furniture and what is header; whatever they leave as body comes
here. Unknown elements keep their text (a word must never be lost for want of a rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lxml.etree import _Comment, _Element, _ProcessingInstruction

from publish.model import (
    Block,
    Break,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Paragraph,
    Quotation,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
)
from publish.normalise.inlines import collapse, tidy

_EMPHASIS = {"em", "i", "cite", "var", "dfn"}
_STRONG = {"strong", "b"}
_SKIP = {"script", "style", "head", "title", "meta", "link", "noscript", "form", "input", "button", "select"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BLOCK_TAGS = {
    "p", "div", "blockquote", "center", "ul", "ol", "dl", "table", "hr", "pre", "address",
    "section", "article", "main", "header", "footer", "aside", "nav", "figure", "body", *_HEADINGS,
}  # fmt: skip


@dataclass(slots=True)
class BlockBuilder:
    """Collects blocks, gathering loose inline content between block elements into paragraphs."""

    blocks: list[Block] = field(default_factory=list)
    pending: list[Inline] = field(default_factory=list)

    def add_inline(self, inlines: Iterable[Inline]) -> None:
        self.pending.extend(inlines)

    def add_block(self, block: Block | None) -> None:
        self.flush()
        if block is not None:
            self.blocks.append(block)

    def flush(self) -> None:
        content = tidy(self.pending)
        self.pending = []
        if content:
            self.blocks.append(Paragraph(content=content))


def blocks_from(elements: Iterable[_Element], heading_offset: int = 0) -> tuple[Block, ...]:
    """Convert sibling elements (and the text between them) into blocks."""
    builder = BlockBuilder()
    for element in elements:
        _add_element(builder, element, heading_offset)
    builder.flush()
    return tuple(builder.blocks)


def children_blocks(element: _Element, heading_offset: int = 0) -> tuple[Block, ...]:
    builder = BlockBuilder()
    if element.text:
        builder.add_inline([Text(text=collapse(element.text))])
    for child in element:
        _add_element(builder, child, heading_offset)
    builder.flush()
    return tuple(builder.blocks)


def _add_element(builder: BlockBuilder, element: _Element, heading_offset: int) -> None:
    tag = _tag(element)
    if tag is None or tag in _SKIP:
        pass
    elif tag in _BLOCK_TAGS:
        for block in _block(element, heading_offset):
            builder.add_block(block)
    else:
        builder.add_inline(inlines_of_element(element))
    if element.tail:
        builder.add_inline([Text(text=collapse(element.tail))])


def _block(element: _Element, heading_offset: int) -> Iterator[Block]:
    tag = _tag(element)
    if tag == "p" or tag == "address":
        content = tidy(inlines_of_children(element))
        if content:
            yield Paragraph(content=content)
    elif tag in _HEADINGS:
        content = tidy(inlines_of_children(element))
        if content:
            level = min(6, max(1, _HEADINGS[tag] - heading_offset))
            yield Heading(level=level, content=content, id=element.get("id") or element.get("name"))
    elif tag == "blockquote":
        inner = children_blocks(element, heading_offset)
        if inner:
            yield Quotation(blocks=inner)
    elif tag == "hr":
        yield Break()
    elif tag in ("ul", "ol"):
        yield from _list(element, heading_offset)
    elif tag == "table":
        yield from _table(element)
    elif tag == "pre":
        yield from _pre(element)
    else:
        yield from children_blocks(element, heading_offset)


def _list(element: _Element, heading_offset: int) -> Iterator[Block]:
    items = tuple(ListItem(blocks=children_blocks(child, heading_offset)) for child in element if _tag(child) == "li")
    items = tuple(item for item in items if item.blocks)
    if items:
        kind = ListKind.ORDERED if _tag(element) == "ol" else ListKind.BULLET
        start = element.get("start", "1")
        yield ListBlock(kind=kind, items=items, start=int(start) if start.isdigit() else 1)


def _table(element: _Element) -> Iterator[Block]:
    rows: list[tuple[TableCell, ...]] = []
    for row in element.iter("tr"):
        cells = tuple(
            TableCell(
                content=tidy(inlines_of_children(cell)),
                header=_tag(cell) == "th",
                colspan=_span(cell.get("colspan")),
                rowspan=_span(cell.get("rowspan")),
            )
            for cell in row
            if _tag(cell) in ("td", "th")
        )
        if any(cell.content for cell in cells):
            rows.append(cells)
    if rows:
        yield Table(rows=tuple(rows))


def _pre(element: _Element) -> Iterator[Block]:
    inlines: list[Inline] = []
    for number, line in enumerate("".join(element.itertext()).strip("\n").split("\n")):
        if number:
            inlines.append(LineBreak())
        inlines.append(Text(text=line))
    content = tidy(inlines)
    if content:
        yield Paragraph(content=content)


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1


def inlines_of_children(element: _Element) -> list[Inline]:
    result: list[Inline] = []
    if element.text:
        result.append(Text(text=collapse(element.text)))
    for child in element:
        tag = _tag(child)
        if tag is not None and tag not in _SKIP:
            if tag in _BLOCK_TAGS and tag != "body":
                result.append(Text(text=" "))
            result.extend(inlines_of_element(child))
        if child.tail:
            result.append(Text(text=collapse(child.tail)))
    return result


def inlines_of_element(element: _Element) -> list[Inline]:
    tag = _tag(element)
    if tag is None or tag in _SKIP:
        return []
    if tag == "br":
        return [LineBreak()]
    if tag == "img":
        alt = collapse(element.get("alt") or "").strip()
        return [Text(text=alt)] if alt else []
    content = tuple(inlines_of_children(element))
    if tag in _EMPHASIS:
        return [Emphasis(content=content)]
    if tag in _STRONG:
        return [Strong(content=content)]
    if tag == "sup":
        return [Superscript(content=content)]
    if tag == "sub":
        return [Subscript(content=content)]
    if tag == "a" and _is_external(element.get("href")):
        return [Link(content=content, target=(element.get("href") or "").strip())]
    return list(content)


def _is_external(href: str | None) -> bool:
    return bool(href) and (href or "").strip().lower().startswith(("http://", "https://", "mailto:"))


def _tag(element: _Element) -> str | None:
    if isinstance(element, (_Comment, _ProcessingInstruction)) or not isinstance(element.tag, str):
        return None
    return element.tag.lower()
