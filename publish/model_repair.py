"""What no backend can take, taken out of a Document at the one door every Document passes.

Three things in a page a browser shrugs off end a run in a backend: a malformed address
(``href="http://[::1"``: ``urllib`` raises), a character XML 1.0 forbids (an ESC in a title:
ebooklib's NCX raises), and blocks nested past what a layout engine recurses through (75 lists
deep: WeasyPrint's ``RecursionError``). ``repair`` runs at the end of ``normalise.read`` and
again on the assembled book in ``pipeline.typeset`` (a work, an anthology, the user's
overrides), so readers stay free to copy what the page holds and the backends need not check:

- N050: a link whose address is malformed keeps its words and loses its target; a picture
  whose source is malformed becomes the paragraph of words that describes it.
- N051: the forbidden characters are removed from every text, attribute and metadata field.
- N052: a list, quotation, table or section nested deeper than ``limits.nesting_depth`` has
  its blocks set, in reading order, in the ancestor at the limit: every word stays; so have
  emphases, links and the like nested deeper than that in a paragraph.

A clean document comes back as the very same object, after one walk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar, assert_never

from publish import xmlchars
from publish.errors import Diagnostic, PublishError, Severity
from publish.limits import DEFAULT, Limits
from publish.model import (
    Aside,
    Block,
    Break,
    Contributor,
    Document,
    EditorialInsertion,
    Emphasis,
    Epigraph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Note,
    PageMarker,
    Paragraph,
    Quotation,
    Section,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Table,
    Text,
    Verse,
)
from publish.urls import is_wellformed

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_CONTAINERS = (Quotation, Epigraph, Aside, ListBlock, Table, Section)
_SHOWN = 3  # malformed addresses a diagnostic quotes before "and N more"
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Repaired:
    document: Document
    diagnostics: tuple[Diagnostic, ...]


def repair(document: Document, where: str, *, limits: Limits = DEFAULT) -> Repaired:
    """``document`` with nothing a backend refuses, and a diagnostic for each kind of change."""
    walk = _Walk(limits.nesting_depth)
    try:
        body = walk.blocks(document.body, 0)
        metadata = walk.metadata(document.metadata)
    except RecursionError:
        # Only a Document built by hand can get here: a reader's tree is bounded while parsing.
        raise PublishError(where, "the document is nested too deeply to read") from None
    if body is not document.body or metadata is not document.metadata:
        document = Document(metadata=metadata, body=body)
    return Repaired(document=document, diagnostics=walk.diagnostics(where, limits.nesting_depth))


@dataclass(slots=True)
class _Walk:
    """One pass over the model; ``level`` counts the containers around a block (0 in the body)."""

    depth: int
    inline_depth: int = 0
    removed: int = 0
    flattened: int = 0
    malformed: list[str] = field(default_factory=list)

    def diagnostics(self, where: str, depth: int) -> tuple[Diagnostic, ...]:
        found = []
        if self.malformed:
            shown = ", ".join(repr(url) for url in self.malformed[:_SHOWN])
            more = f" and {len(self.malformed) - _SHOWN} more" if len(self.malformed) > _SHOWN else ""
            many = f"{len(self.malformed)} malformed addresses" if len(self.malformed) > 1 else "a malformed address"
            message = f"{many} ({shown}{more}): the words are kept, as text, without the link or picture"
            found.append(_warning("N050", where, message))
        if self.removed:
            what = "character" if self.removed == 1 else "characters"
            message = f"{self.removed} {what} XML forbids (controls, U+FFFE/U+FFFF, lone surrogates) removed"
            found.append(_warning("N051", where, message))
        if self.flattened:
            message = (
                f"nested more than {depth} deep: {self.flattened} list(s), quotation(s), table(s), section(s)"
                f" or emphases below that level set in the one at level {depth}, every word kept"
            )
            found.append(_warning("N052", where, message))
        return tuple(found)

    def text(self, text: str) -> str:
        if xmlchars.FORBIDDEN.search(text) is None:
            return text
        self.removed += xmlchars.count(text)
        return xmlchars.clean(text)

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def texts(self, texts: tuple[str, ...]) -> tuple[str, ...]:
        return _same_or(texts, tuple(self.text(text) for text in texts))

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...], level: int) -> tuple[Block, ...]:
        return _same_or(blocks, tuple(self.block(block, level) for block in blocks))

    def inner(self, blocks: tuple[Block, ...], level: int) -> tuple[Block, ...]:
        """The blocks a container at ``level`` holds: flat when they would sit past the limit."""
        if level + 1 < self.depth:
            return self.blocks(blocks, level + 1)
        if not any(isinstance(block, _CONTAINERS) for block in blocks):
            return self.blocks(blocks, self.depth)
        flat = tuple(self._leaves(blocks))
        return self.blocks(flat, self.depth)

    def _leaves(self, blocks: tuple[Block, ...]) -> Iterator[Block]:
        """Every block below ``blocks`` that holds no blocks, in reading order."""
        return self._flat(blocks, _held)

    def _flat(self, items: tuple[_T, ...], held: Callable[[_T], tuple[_T, ...] | None]) -> Iterator[_T]:
        """What lies below ``items`` without what held it (``held`` says what an item holds, or
        None for a leaf), in reading order; iterative, so a thousand levels cost no stack."""
        stack: list[Iterator[_T]] = [iter(items)]
        while stack:
            for item in stack[-1]:
                inner = held(item)
                if inner is None:
                    yield item
                    continue
                self.flattened += 1
                stack.append(iter(inner))
                break
            else:
                stack.pop()

    def block(self, block: Block, level: int) -> Block:
        match block:
            case Paragraph(content=content):
                return _with(block, content=self.inlines(content, level), old=content)
            case Heading(content=content, id=ident):
                heading = _with(block, content=self.inlines(content, level), old=content)
                return heading if ident is None else _with(heading, id=self.text(ident), old=ident)
            case Quotation(blocks=blocks) | Epigraph(blocks=blocks) | Aside(blocks=blocks):
                return _with(block, blocks=self.inner(blocks, level), old=blocks)
            case Section():
                return self.section(block, level)
            case Verse(stanzas=stanzas):
                lines = tuple(tuple(self.inlines(line, level) for line in stanza) for stanza in stanzas)
                same = all(_unchanged(new, old) for new, old in zip(lines, stanzas, strict=True))
                return block if same else replace(block, stanzas=lines)
            case ListBlock(items=items):
                held = tuple(_with(item, blocks=self.inner(item.blocks, level), old=item.blocks) for item in items)
                return block if _unchanged(held, items) else replace(block, items=held)
            case Table():
                return self.table(block, level)
            case Figure(source=source, alt=alt, caption=caption):
                clean, words, caption_words = self.text(source), self.text(alt), self.inlines(caption, level)
                if not is_wellformed(clean.strip()):
                    self.malformed.append(clean)
                    return _in_words(words, caption_words)
                changed = _with(_with(block, source=clean, old=source), alt=words, old=alt)
                return _with(changed, caption=caption_words, old=caption)
            case Break():
                return block
            case _:
                assert_never(block)

    def section(self, section: Section, level: int) -> Section:
        changed = _with(section, id=self.text(section.id), old=section.id)
        changed = _with(changed, title=self.inlines(section.title, level), old=section.title)
        changed = _with(changed, blocks=self.inner(section.blocks, level), old=section.blocks)
        if section.metadata is not None and (metadata := self.metadata(section.metadata)) is not section.metadata:
            changed = replace(changed, metadata=metadata)
        return changed

    def table(self, table: Table, level: int) -> Table:
        rows = tuple(
            _same_or(row, tuple(_with(cell, blocks=self.inner(cell.blocks, level), old=cell.blocks) for cell in row))
            for row in table.rows
        )
        changed = table if _unchanged(rows, table.rows) else replace(table, rows=rows)
        return _with(changed, caption=self.inlines(table.caption, level), old=table.caption)

    # --- inlines --------------------------------------------------------------------------

    def inlines(self, inlines: tuple[Inline, ...], level: int) -> tuple[Inline, ...]:
        """A run of inlines; ``self.inline_depth`` counts the emphasis, links and the like
        around it, and past the limit their words are set without them (sup in sup a hundred
        deep made WeasyPrint divide by a font size of zero)."""
        self.inline_depth += 1
        try:
            return self._inlines(inlines, level)
        finally:
            self.inline_depth -= 1

    def _inlines(self, inlines: tuple[Inline, ...], level: int) -> tuple[Inline, ...]:
        given = inlines
        if self.inline_depth > self.depth and any(_held_inlines(inline) is not None for inline in inlines):
            inlines = tuple(self._inline_leaves(inlines))
        out: list[Inline] = []
        for inline in inlines:
            changed = self.inline(inline, level)
            if isinstance(changed, Link) and not is_wellformed(changed.target.strip()):
                self.malformed.append(changed.target)
                out.extend(changed.content)  # the words stay, the link goes
            else:
                out.append(changed)
        return _same_or(given, tuple(out))

    def _inline_leaves(self, inlines: tuple[Inline, ...]) -> Iterator[Inline]:
        """The words, breaks, page markers and notes below ``inlines``, without what held them."""
        return self._flat(inlines, _held_inlines)

    def inline(self, inline: Inline, level: int) -> Inline:
        match inline:
            case Text(text=text):
                return _with(inline, text=self.text(text), old=text)
            case LineBreak():
                return inline
            case PageMarker(page=page, volume=volume):
                marker = _with(inline, page=self.text(page), old=page)
                return marker if volume is None else _with(marker, volume=self.text(volume), old=volume)
            case Emphasis(content=content) | Strong(content=content) | SmallCaps(content=content):
                return _with(inline, content=self.inlines(content, level), old=content)
            case Superscript(content=content) | Subscript(content=content) | EditorialInsertion(content=content):
                return _with(inline, content=self.inlines(content, level), old=content)
            case Link(content=content, target=target):
                changed = _with(inline, content=self.inlines(content, level), old=content)
                return _with(changed, target=self.text(target), old=target)
            case Note(marker=marker, blocks=blocks):
                note = _with(inline, marker=self.text(marker), old=marker)
                around, self.inline_depth = self.inline_depth, 0  # a note's paragraphs start afresh
                try:
                    return _with(note, blocks=self.inner(blocks, level), old=blocks)
                finally:
                    self.inline_depth = around
            case _:
                assert_never(inline)

    # --- metadata -------------------------------------------------------------------------

    def metadata(self, metadata: Metadata) -> Metadata:
        """Every string of the record cleaned; the record itself when none changed."""
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(metadata):
            value = getattr(metadata, item.name)
            if isinstance(value, str):
                new: Any = self.text(value)
            elif isinstance(value, tuple) and all(isinstance(entry, str) for entry in value):
                new = self.texts(value)
            elif isinstance(value, tuple):
                new = _same_or(value, tuple(self.contributor(entry) for entry in value))
            else:
                continue
            if new is not value:
                changes[item.name] = new
        return replace(metadata, **changes) if changes else metadata

    def contributor(self, contributor: Contributor) -> Contributor:
        return _with(contributor, name=self.text(contributor.name), old=contributor.name)


def _in_words(alt: str, caption: tuple[Inline, ...]) -> Paragraph:
    """A picture that cannot be shown, as the text that describes it (its alt, then its caption)."""
    content: tuple[Inline, ...] = (Text(text=alt),) if alt.strip() else ()
    if caption:
        content += ((LineBreak(),) if content else ()) + caption
    return Paragraph(content=content)


def _held_inlines(inline: Inline) -> tuple[Inline, ...] | None:
    """What an emphasis, a link or the like holds; None for a word, a break, a marker or a note."""
    match inline:
        case Emphasis(content=content) | Strong(content=content) | SmallCaps(content=content):
            return content
        case Superscript(content=content) | Subscript(content=content) | EditorialInsertion(content=content):
            return content
        case Link(content=content):
            return content
        case Text() | LineBreak() | PageMarker() | Note():
            return None
        case _:
            assert_never(inline)


def _held(block: Block) -> tuple[Block, ...] | None:
    """A container's blocks in reading order, its title or caption as a paragraph first; None
    for a block that holds none (the leaves a flattened container keeps)."""
    match block:
        case Quotation(blocks=blocks) | Epigraph(blocks=blocks) | Aside(blocks=blocks):
            return blocks
        case ListBlock(items=items):
            return tuple(inner for item in items for inner in item.blocks)
        case Table(rows=rows, caption=caption):
            cells = tuple(inner for row in rows for cell in row for inner in cell.blocks)
            return ((Paragraph(content=caption),) if caption else ()) + cells
        case Section(title=title, blocks=blocks):
            return ((Paragraph(content=title),) if title else ()) + blocks
        case Paragraph() | Heading() | Verse() | Figure() | Break():
            return None
        case _:
            assert_never(block)


_Node = TypeVar("_Node", bound="DataclassInstance")


def _with(node: _Node, *, old: object, **field: object) -> _Node:
    """``node`` with one field replaced, or ``node`` itself when the new value is the old one."""
    ((_, value),) = field.items()
    return node if value is old else replace(node, **field)


def _unchanged(new: Sequence[object], old: Sequence[object]) -> bool:
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))


def _same_or(old: tuple[_T, ...], new: tuple[_T, ...]) -> tuple[_T, ...]:
    return old if _unchanged(new, old) else new


def _warning(code: str, where: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, severity=Severity.WARNING, where=where, message=message)
