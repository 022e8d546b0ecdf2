"""A tiny element tree with an XHTML serialiser that escapes by construction.

Backends build body markup as ``Element`` values, never as strings, so no text from an
archive page can ever become markup. Attribute names are plain strings, which lets EPUB's
``epub:type`` sit beside ARIA ``role`` without namespace bookkeeping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as _escape

from publish import xmlchars

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
    """Markup for ``node``, with a stack rather than recursion (a tree's depth costs no frames),
    and without the characters XML forbids, so no text can make the XHTML ill-formed."""
    stack: list[Element | str] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, _Closing):
            parts.append(item)
            continue
        if isinstance(item, str):
            parts.append(escape(xmlchars.clean(item), quote=False))
            continue
        attrs = "".join(f' {name}="{escape(xmlchars.clean(value), quote=True)}"' for name, value in item.attrs.items())
        if item.tag in _VOID:
            parts.append(f"<{item.tag}{attrs}/>")
            continue
        parts.append(f"<{item.tag}{attrs}>")
        stack.append(_Closing(item.tag))
        stack.extend(reversed(item.children))


class _Closing(str):
    """An end tag waiting on the stack: already markup, written as it is."""

    __slots__ = ()

    def __new__(cls, tag: str) -> _Closing:
        return super().__new__(cls, f"</{tag}>")


def text_content(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(text_content(child) for child in node.children)
