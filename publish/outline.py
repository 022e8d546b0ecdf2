"""A book's outline, made once: headings nested into sections, read by every backend.

``sectionize`` is pandoc's ``makeSections``: a heading and what follows it, up to the next
heading of its level or higher, become a ``Section`` titled by the heading, nested as the
levels say. The EPUB's navigation and the PDF's bookmarks both read these sections, so the
two show the same outline, to the same ``OUTLINE_DEPTH``. It runs on the model just before
rendering, not in the readers: the model a reader makes stays as the page was.

Headings deeper than the outline stay headings, their levels now counted from the section
that holds them (the model's rule: a heading's level is relative to its section).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from publish.model import Block, Document, Heading, Inline, Link, Section
from publish.model_walk import query, transform
from publish.words import inline_text

OUTLINE_DEPTH = 4
"""Heading levels below a chapter that the contents and bookmarks show (a page's h2 to h5, or
whichever four ranks it uses: Capital ch. 1 runs h3 "SECTION 3", h4 its title, h5 "A.
Elementary…", h6 "1. The two poles…", and a reader looks for the subsections too)."""

TEXT_ID = "text"
"""The id a page's text (a book that is not divided into chapters) goes by."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the outline: where it leads and what it says, with the lines under it."""

    id: str
    title: tuple[Inline, ...]
    children: tuple[Entry, ...] = ()


def is_work(document: Document) -> bool:
    """A book of chapters (a work, an anthology): its body is nothing but sections."""
    return bool(document.body) and all(isinstance(block, Section) for block in document.body)


def sectionized(document: Document, depth: int = OUTLINE_DEPTH) -> Document:
    """The document with its headings nested into sections, inside each chapter of a work."""
    if is_work(document):
        body = tuple(
            dataclasses.replace(block, blocks=sectionize(_namespaced(block), prefix=block.id, depth=depth))
            if isinstance(block, Section)
            else block
            for block in document.body
        )
    else:
        body = sectionize(document.body, prefix=TEXT_ID, depth=depth)
    return dataclasses.replace(document, body=body)


def _namespaced(chapter: Section) -> tuple[Block, ...]:
    """A chapter's blocks with its headings' ids, and its links to them, under the chapter's id:
    in one document (the PDF) two chapters may both have a heading "S1" (a page's own anchor)."""
    ids = {heading.id for heading in query(chapter.blocks, Heading) if heading.id}
    if not ids:
        return chapter.blocks

    def heading(block: Block) -> Block:
        return (
            dataclasses.replace(block, id=f"{chapter.id}-{block.id}")
            if isinstance(block, Heading) and block.id in ids
            else block
        )

    def link(inline: Inline) -> Inline:
        if isinstance(inline, Link) and inline.target.startswith("#") and inline.target[1:] in ids:
            return dataclasses.replace(inline, target=f"#{chapter.id}-{inline.target[1:]}")
        return inline

    return transform(chapter.blocks, block=heading, inline=link)


def sectionize(blocks: Sequence[Block], *, prefix: str, depth: int = OUTLINE_DEPTH) -> tuple[Block, ...]:
    """``blocks`` with each heading of level ``depth`` or higher made a section; a heading
    without an id gives its section ``<prefix>-part-<n>``. A heading with no words stays a
    heading (an outline line must say something)."""
    return tuple(_nest(list(blocks), depth, prefix, count(1), base=0))


def _nest(blocks: list[Block], depth: int, prefix: str, numbers: count[int], base: int) -> list[Block]:
    result: list[Block] = []
    position = 0
    while position < len(blocks):
        block = blocks[position]
        position += 1
        if not _opens_section(block, depth):
            if isinstance(block, Heading) and base:
                block = dataclasses.replace(block, level=max(1, block.level - base))
            result.append(block)
            continue
        assert isinstance(block, Heading)
        end = position
        while end < len(blocks) and not _closes(blocks[end], block.level, depth):
            end += 1
        ident = block.id or f"{prefix}-part-{next(numbers)}"
        inner = _nest(blocks[position:end], depth, prefix, numbers, base=block.level)
        result.append(Section(id=ident, title=block.content, blocks=tuple(inner)))
        position = end
    return result


def _opens_section(block: Block, depth: int) -> bool:
    return isinstance(block, Heading) and block.level <= depth and bool(inline_text(block.content, notes=False).strip())


def _closes(block: Block, level: int, depth: int) -> bool:
    return _opens_section(block, depth) and isinstance(block, Heading) and block.level <= level


def outline(blocks: Sequence[Block]) -> tuple[Entry, ...]:
    """The sections among ``blocks`` and within them, as the outline's lines."""
    return tuple(
        Entry(id=block.id, title=block.title, children=outline(block.blocks))
        for block in blocks
        if isinstance(block, Section)
    )
