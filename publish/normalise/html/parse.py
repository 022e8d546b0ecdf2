"""Parsing decoded page text into an lxml tree, whatever the page's markup quality.

The text is re-encoded as UTF-8 and parsed with that encoding forced, so a page's own
(often wrong) charset label cannot make libxml2 decode it a second time.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True, recover=True)


def parse_html(text: str) -> _Element:
    """The page's root element; lower-cased tag names, comments kept (they carry page markers)."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except ParserError:
        root = lxml_html.document_fromstring(b"<html><body></body></html>", parser=_PARSER)
    return root


def classes(element: _Element) -> set[str]:
    return set((element.get("class") or "").lower().split())


def text_of(element: _Element) -> str:
    """Visible text of an element with whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())
