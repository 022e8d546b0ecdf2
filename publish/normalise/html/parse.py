"""Parsing decoded page text into an lxml tree, whatever the page's markup quality.

The text is re-encoded as UTF-8 and parsed with that encoding forced, so a page's own
(often wrong) charset label cannot make libxml2 decode it a second time.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

from publish.errors import PublishError
from publish.normalise.html.depth import HARD_DEPTH, bound_depth
from publish.normalise.markup_sniff import HEAD_BYTES

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_C1_REFERENCE = re.compile(r"&#(?:(1[2-5][0-9])|[xX]([89][0-9a-fA-F]));")
# U+FFFD spelt as a reference marks a character lost before the page was written: nothing to show
_REPLACEMENT_REFERENCE = re.compile(r"&#(?:0*65533|[xX]0*[fF]{3}[dD]);?")
# lxml's plain HTML parser, not lxml.html's: that one gives every element a Python class
# through a lookup on each access, a tenth of the reader's time, and nothing here uses it.
# huge_tree: without it libxml2 silently drops whatever lies past 255 levels (words lost);
# with it, it reads 2048 deep and says so when it stops there.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True, recover=True, huge_tree=True)
_EMPTY = b"<html><body></body></html>"
# where a page begins: its doctype (whatever is left of its "<") or its <html>
_PAGE_START = re.compile(r"!doctype\b[^>]*>|<html\b", re.IGNORECASE)
_PAGE_MATTER = re.compile(r"<(?:title|body|p|h[1-6])\b", re.IGNORECASE)  # never junk
_CLEAN_PREFIX = re.compile(r"\s*(?:<!--.*?-->\s*)*<?", re.DOTALL)


def parse_html(text: str, origin: str = "the page") -> _Element:
    """The page's root element; lower-cased tag names, comments kept (they carry page markers)."""
    return parse_page(text, origin)[0]


def parse_page(text: str, origin: str = "the page") -> tuple[_Element, int]:
    """The page's root element, and how many elements lay deeper than the reader walks
    (``depth.bound_depth``: their words are kept as plain paragraphs). A page nested deeper
    than libxml2 reads raises PublishError: what lies past that bound would be lost."""
    text = _C1_REFERENCE.sub(_windows_1252_reference, _XML_DECLARATION.sub("", text, count=1))
    text = _REPLACEMENT_REFERENCE.sub("", drop_junk_before_start(text))
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=_PARSER)
    except etree.XMLSyntaxError:  # libxml2 found no document at all
        root = None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _PARSER.error_log):
        raise PublishError(origin, f"the markup is nested over {HARD_DEPTH} levels deep; the limit is {HARD_DEPTH}")
    if root is None:
        return etree.fromstring(_EMPTY, parser=_PARSER), 0
    return root, bound_depth(root)


def drop_junk_before_start(text: str) -> str:
    """A page without the junk its first bytes hold: a doctype that lost its ``<`` (or got a
    ``<‹``), a stray ``<``, an ``<img>`` before it.

    libxml2 would make the junk text or a picture at the top of the body; what comes before a
    page's doctype or its ``<html>`` is never part of the page a browser shows as its text.
    """
    start = _PAGE_START.search(text, 0, HEAD_BYTES)
    if start is None or _CLEAN_PREFIX.fullmatch(text, 0, start.start()):
        return text
    if _PAGE_MATTER.search(text, 0, start.start()):
        return text  # a page with its text before a late <html>: nothing to cut
    return text[start.end() :] if start.group().startswith("!") else text[start.start() :]


def _windows_1252_reference(match: re.Match[str]) -> str:
    """``&#147;`` means “ in every browser (HTML's rule for C1 references); libxml2 makes it U+0093."""
    number = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if not 0x80 <= number <= 0x9F:
        return match.group()
    character = bytes([number]).decode("cp1252", errors="replace")
    return match.group() if character == "\ufffd" else character


def own_rows(table: _Element) -> list[_Element]:
    """A table's rows, not those of tables nested in its cells."""
    return [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]


def own_cells(table: _Element) -> list[_Element]:
    """A table's cells, including cells a sloppy page put straight into the table with no row."""
    cells = [cell for row in own_rows(table) for cell in row if cell.tag in ("td", "th")]
    loose = [cell for cell in table.iter("td", "th") if getattr(cell.getparent(), "tag", "tr") != "tr"]
    return cells + [cell for cell in loose if next(cell.iterancestors("table"), None) is table]


def cell_span(value: str | None) -> int:
    """A cell's ``colspan`` or ``rowspan``; a missing, broken or absurd one spans 1."""
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1


_NO_CLASSES: frozenset[str] = frozenset()


def classes(element: _Element) -> frozenset[str]:
    value = element.get("class")
    return frozenset(value.lower().split()) if value else _NO_CLASSES  # most elements have none


def has_descendant(element: _Element, tag: str) -> bool:
    """Whether an element holds a ``tag`` element (``element.find(".//tag")``, without the path machinery)."""
    return next(element.iterdescendants(tag), None) is not None


def text_of(element: _Element) -> str:
    """Visible text of an element with whitespace collapsed."""
    return " ".join(raw_text(element).split())


def raw_text(element: _Element) -> str:
    """All the text under an element, as ``"".join(element.itertext())`` gives it.

    libxml2 joins the text nodes in C, twice as fast as joining what ``itertext`` yields: the
    reader asks for some element's text hundreds of times per page.
    """
    return etree.tostring(element, method="text", encoding=str, with_tail=False)
