"""The tree around a note: the tags that hold notes, and text read up to, around or past an element.

Shared by the note resolver (``notes.py``) and the notes-page grafter (``notes_page.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.etree import _Element

from publish.normalise.html.parse import text_of

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
INLINE = frozenset({"sup", "span", "small", "font", "b", "strong", "em", "i", "big", "sub", "u", "cite", "tt", "a"})
PARAGRAPHS = frozenset({"p", "li", "dd", "dt", "pre", "address", "tr"}) | HEADINGS
HOLDERS = frozenset({"div", "blockquote", "center", "section", "article", "aside", "footer", "td", "th"})
LOOSE = frozenset({"body", "html"})


def bare(text: str) -> str:
    return text.strip(" []()\u00a0")


def within(element: _Element, container: _Element) -> bool:
    return element is container or any(ancestor is container for ancestor in element.iterancestors())


def inside(element: _Element, pool: frozenset[_Element] | set[_Element]) -> bool:
    return element in pool or any(ancestor in pool for ancestor in element.iterancestors())


def text_before(block: _Element, target: _Element) -> str:
    """The visible text of ``block`` that precedes ``target`` (comments hold no visible text)."""
    parts: list[str] = []

    def walk(element: _Element) -> bool:
        if element is target:
            return True
        if isinstance(element.tag, str):
            parts.append(element.text or "")
            for child in element:
                if walk(child):
                    return True
                parts.append(child.tail or "")
        return False

    walk(block)
    return "".join(parts)


def visible_text(block: _Element, strip: frozenset[_Element] | set[_Element]) -> str:
    """The text of ``block`` once the ``strip`` elements are dropped (their tails stay)."""
    return " ".join("".join(text_chunks(block, strip)).split())


def text_chunks(block: _Element, strip: frozenset[_Element] | set[_Element]) -> Iterator[str]:
    """The pieces of ``visible_text`` in reading order, for a question the first few answer."""
    if isinstance(block.tag, str) and block not in strip:
        yield block.text or ""
        for child in block:
            yield from text_chunks(child, strip)
            yield child.tail or ""


def first_content(block: _Element, strip: set[_Element]) -> _Element | str | None:
    """What a reader meets first in ``block`` past the stripped elements: some text or an element."""
    if (block.text or "").strip():
        return block.text
    for child in block:
        if isinstance(child.tag, str) and child not in strip and text_of(child).strip():
            return child
        if (child.tail or "").strip():
            return child.tail
    return None
