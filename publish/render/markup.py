"""A tiny element tree with an XHTML serialiser that escapes by construction.

Backends build body markup as ``Element`` values, never as strings, so no text from an
archive page can ever become markup. Attribute names are plain strings, which lets EPUB's
``epub:type`` sit beside ARIA ``role`` without namespace bookkeeping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as _escape

_VOID = frozenset({"br", "hr", "img", "col", "meta", "link", "wbr"})


@dataclass(slots=True)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def append(self, child: Element | str) -> Element:
        self.children.append(child)
        return self

    def extend(self, children: list[Element | str]) -> Element:
        self.children.extend(children)
        return self


def element(tag: str, *children: Element | str, **attrs: str) -> Element:
    """Build an element; ``class_`` and ``epub_type`` spell ``class`` and ``epub:type``."""
    names = {
        "class_": "class",
        "epub_type": "epub:type",
        "aria_label": "aria-label",
        "xml_lang": "xml:lang",
        "data_marker": "data-marker",
    }
    return Element(tag, {names.get(key, key): value for key, value in attrs.items()}, list(children))


def serialise(node: Element | str) -> str:
    parts: list[str] = []
    _write(node, parts)
    return "".join(parts)


def serialise_all(nodes: list[Element | str]) -> str:
    parts: list[str] = []
    for node in nodes:
        _write(node, parts)
        if isinstance(node, Element):
            parts.append("\n")
    return "".join(parts)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 forbids outright: a page's ``&#x1F;`` or stray control byte would make the
whole file unreadable to an e-reader, and they carry no word."""


def escape(text: str, *, quote: bool) -> str:
    """``text`` as XML character data: markup escaped, characters XML cannot hold dropped."""
    return _escape(_NOT_XML.sub("", text) if _NOT_XML.search(text) else text, quote=quote)


def _write(node: Element | str, parts: list[str]) -> None:
    if isinstance(node, str):
        parts.append(escape(node, quote=False))
        return
    attrs = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in node.attrs.items())
    if node.tag in _VOID:
        parts.append(f"<{node.tag}{attrs}/>")
        return
    parts.append(f"<{node.tag}{attrs}>")
    for child in node.children:
        _write(child, parts)
    parts.append(f"</{node.tag}>")


def text_content(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(text_content(child) for child in node.children)
