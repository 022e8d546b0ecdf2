"""HTML tag vocabularies of the body converter: which tags are blocks, emphasis, never text.

Tags, unlike classes, mean the same in every page family, so they are module constants here;
the classes a family gives meaning to come in its ``Cues``.
"""

from __future__ import annotations

from lxml.etree import _Element

EMPHASIS = frozenset({"em", "i", "cite", "var", "dfn"})
STRONG = frozenset({"strong", "b"})
SKIP = frozenset(
    {"script", "style", "head", "title", "meta", "link", "noscript", "form", "input", "button", "select", "map"}
)
HEADINGS = {f"h{level}": level for level in range(1, 7)}
CONTAINERS = frozenset({
    "div", "center", "dl", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "body",
    "dt", "dd", "li", "tr", "td", "th", "caption", "fieldset", "legend", "details", "summary", "figcaption", "font",
    "tbody", "thead", "tfoot", "span", "html", "frameset", "noframes",
})  # fmt: skip
BLOCK_TAGS = frozenset({"p", "blockquote", "ul", "ol", "table", "hr", "pre", "address", *HEADINGS, *CONTAINERS}) - {
    "span",
    "font",
}

CELL_STRUCTURE = frozenset({"table"})
"""What in a table cell keeps the cell's blocks apart (a table in a cell); any other cell is one paragraph."""


def tag(element: _Element) -> str | None:
    """The element's tag name, or None for comments and processing instructions (their tag is a function)."""
    name = element.tag
    return name.lower() if isinstance(name, str) else None


def is_block_level(element: _Element, name: str) -> bool:
    """A block tag, or an inline one wrapped around blocks (``<font>`` around paragraphs)."""
    return name in BLOCK_TAGS or any(tag(child) in BLOCK_TAGS for child in element.iterdescendants())
