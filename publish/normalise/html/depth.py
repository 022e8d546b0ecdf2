"""A page's markup made no deeper than the reader can walk, every word kept.

The reader walks the element tree with Python recursion (a few frames an element), so a page
of blockquotes two hundred deep used to end in ``RecursionError``; libxml2 itself silently
dropped everything past 255 levels. ``parse`` now lets libxml2 go to its hard bound
(``HARD_DEPTH``, past which it stops reading: a one-line ``PublishError``), and ``bound_depth``
rewrites what lies deeper than ``READ_DEPTH``: an element at that depth keeps its words as plain
paragraphs (line breaks in an inline element), its pictures and line breaks, but no markup
below (N053). The model's own nesting limit (``limits.nesting_depth``, ``model_repair``)
is far inside this one, so ordinary deep pages never meet it.
"""

from __future__ import annotations

from functools import cache

from lxml import etree
from lxml.etree import _Element

from publish import xmlchars

READ_DEPTH = 96
"""Elements from the root beyond which markup is read as plain paragraphs (at about five frames
an element, the reader then stays well inside Python's default recursion limit of 1000)."""
HARD_DEPTH = 2048
"""libxml2's own bound with ``huge_tree``: it reads no further than this."""

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table",
     "tr", "td", "th", "caption", "thead", "tbody", "tfoot", "section", "article", "aside", "header", "footer", "nav",
     "main", "center", "address", "figure", "figcaption", "form", "hr", "br"}
)  # fmt: skip
# Elements whose children must be rows, cells or items: the cut goes through them to those
# (table > tbody > tr > td), and one flattened all the same (a <ul> straight in a <ul>, a
# hundred times) becomes a <div>, which may hold the paragraphs its words become.
_FRAMES = frozenset({"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl"})
_FRAME_LEVELS = 3
_KEPT = frozenset({"img", "br"})  # empty elements a flattened passage keeps as they are


def bound_depth(root: _Element, depth: int = READ_DEPTH) -> int:
    """Flatten every element at ``depth`` whose markup goes deeper; the number of elements whose
    markup went. One pass with an explicit stack: linear, and no recursion of its own."""
    if not _reaches(depth + 1)(root):
        return 0  # nearly every page: libxml2 answers in a fraction of a millisecond
    removed = 0
    stack: list[tuple[_Element, int]] = [(root, 0)]
    while stack:
        element, level = stack.pop()
        # A row or a list is passed through to its cells and items (a few levels at most), so
        # the table or list around them keeps the shape its reader expects.
        if level < depth or (element.tag in _FRAMES and level < depth + _FRAME_LEVELS):
            stack.extend((child, level + 1) for child in element if isinstance(child.tag, str))
        elif not _is_flat(element):
            removed += _flatten(element)
    return removed


@cache
def _reaches(level: int) -> etree.XPath:
    """Whether any element lies ``level`` below the root (an XPath of that many steps, run in C)."""
    return etree.XPath("boolean(" + "*/" * (level - 1) + "*)")


def _is_flat(element: _Element) -> bool:
    """Only paragraphs, line breaks and pictures below: what ``_flatten`` makes (so a second
    pass over a bounded tree changes nothing)."""
    for child in element:
        if child.tag not in ("p", *_KEPT) or any(inner.tag not in _KEPT or len(inner) for inner in child):
            return False
    return True


def _flatten(element: _Element) -> int:
    """``element`` holding its descendants' text as paragraphs (or lines): the count removed."""
    pieces: list[list[str | _Element]] = [[element.text or ""]]
    removed = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if node is element:
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            removed += 1
            if tag in _BLOCKS:
                pieces.append([])
            if tag in _KEPT:
                pieces[-1].append(etree.Element(tag, dict(node.attrib)))
            elif tag:
                pieces[-1].append(node.text or "")
        else:
            if tag in _BLOCKS:
                pieces.append([])
            pieces[-1].append(node.tail or "")
    for child in list(element):
        element.remove(child)
    element.text = None
    if element.tag in _FRAMES:
        element.tag = "div"
    block = isinstance(element.tag, str) and element.tag in _BLOCKS and element.tag not in ("p", "pre")
    _rebuild(element, [piece for piece in pieces if _has_matter(piece)], block=block)
    return removed


def _has_matter(piece: list[str | _Element]) -> bool:
    return any(not isinstance(part, str) or part.strip() for part in piece)


def _rebuild(element: _Element, pieces: list[list[str | _Element]], *, block: bool) -> None:
    """Each piece a ``<p>`` in a block element, else a line of it after a ``<br>``; a run of
    text is joined once (appending to ``.text`` piece by piece would be quadratic)."""
    for number, piece in enumerate(pieces):
        if block:
            holder = etree.SubElement(element, "p")
        else:
            holder = element
            if number:
                holder.append(etree.Element("br"))
        run: list[str] = []
        for part in [*piece, None]:
            if isinstance(part, str):
                run.append(part)
                continue
            if run:
                _add_text(holder, "".join(run))
                run = []
            if part is not None:
                holder.append(part)


def _add_text(holder: _Element, text: str) -> None:
    """lxml refuses to set text holding a character XML forbids, which its HTML parser lets
    through (a stray ESC in a page): such characters go here, as the repair drops them later."""
    text = xmlchars.clean(text)
    if len(holder):
        last = holder[-1]
        last.tail = (last.tail or "") + text
    else:
        holder.text = (holder.text or "") + text
