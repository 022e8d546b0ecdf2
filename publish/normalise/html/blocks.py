"""HTML body content to model blocks and inlines.

Page families decide what is header and furniture; whatever they leave as body comes here.
The archive's classes carry meaning this converter keeps (the family's cues say which:
``p.quoteb`` is a quotation, ``p.sig`` a letter's signature, ``span.inote`` an editor's
insertion), ``<br>``-lined short lines are verse, notes are placed at their call from the
resolved anchor graph, and page markers in comments become ``PageMarker`` inlines. Unknown
elements keep their text: a word must never be lost for want of a rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml.etree import _Comment, _Element

from publish.model import (
    Aside,
    Block,
    Break,
    EditorialInsertion,
    Emphasis,
    Epigraph,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Note,
    NoteKind,
    PageMarker,
    Paragraph,
    ParagraphRole,
    Quotation,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Text,
    Verse,
)
from publish.normalise.archive import absolute
from publish.normalise.html.anchors import HeadingAnchors
from publish.normalise.html.block_builder import Builder
from publish.normalise.html.furniture import is_navigation, is_top_link
from publish.normalise.html.links import is_external, is_page, uri
from publish.normalise.html.note_calls import NoNotes, NoteCall, NoteLookup, strip_prefix
from publish.normalise.html.parse import classes
from publish.normalise.html.pictures import figure, is_button, is_image_only
from publish.normalise.html.roles import is_display, is_sentence_heading, next_level, paragraph_role
from publish.normalise.html.tables import table_blocks
from publish.normalise.html.tags import (
    BLOCK_TAGS,
    EMPHASIS,
    HEADINGS,
    SKIP,
    STRONG,
    is_block_level,
    tag,
)
from publish.normalise.html.verse import BREAK_TEXT, as_verse, flat_text, lines_of, stanzas
from publish.normalise.inlines import collapse, tidy
from publish.normalise.lexicon import Lexicon

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues


@dataclass(slots=True)
class Converter:
    """Converts one page's body, by its family's ``cues``; keeps the state a page needs (pending page markers)."""

    cues: Cues
    notes: NoteLookup = field(default_factory=NoNotes)
    base: str | None = None
    """The page's archive URL: links to other archive pages are made absolute against it."""
    lexicon: Lexicon | None = None
    """The words it reads with (salutations, numbered lines): every language's when None."""
    heading_levels: dict[str, int] = field(default_factory=dict)
    anchors: HeadingAnchors = field(default_factory=HeadingAnchors)
    """The headings the page's own links lead to (its contents list's), by the ids they take."""
    heading_ids: set[str] = field(default_factory=set)
    """The ids the headings made so far carry: a link may lead only to one of these."""
    _pending: list[PageMarker] = field(default_factory=list)
    _in_note: bool = False
    _captioning: bool = False
    _in_consumed: dict[_Element, bool] = field(default_factory=dict)
    """Whether an element is, or lies inside, one the notes consumed: asked of every block's parent."""

    # --- blocks -------------------------------------------------------------------------

    def blocks(self, elements: Iterable[_Element], *, own: bool = False) -> tuple[Block, ...]:
        """Convert sibling elements (and the text between them) into blocks.

        ``own`` converts a note's own elements, which the body skips as consumed.
        """
        builder = Builder(self, lexicon=self.lexicon)
        for element in elements:
            self._add(builder, element, own=own)
        builder.flush()
        return builder.finished()

    def children(self, element: _Element) -> tuple[Block, ...]:
        builder = Builder(self, lexicon=self.lexicon)
        if text := element.text:  # (each read of .text or .tail decodes the string again)
            builder.add_text(text)
        for child in element:
            self._add(builder, child)
        builder.flush()
        return builder.finished()

    def _add(self, builder: Builder, element: _Element, *, own: bool = False) -> None:
        name = tag(element)
        if isinstance(element, _Comment):
            marker = self.page_marker(element)
            if marker is not None:
                builder.add_marker(marker)
        elif self._skipped(element, name, own=own):
            pass
        elif name is not None and name not in SKIP:
            if name == "img" and element.get("src"):
                builder.add_block(figure(element))
            elif element in self.notes.refs or not is_block_level(element, name):
                builder.add_inline(self.inline(element))
            else:
                for block in self._block(element, name):
                    builder.add_block(block)
        if tail := element.tail:
            builder.add_text(tail)

    def _skipped(self, element: _Element, name: str | None, *, own: bool) -> bool:
        """Note text (placed at its call instead), note markers, and site navigation rows."""
        if element in self.notes.strip or (element in self.notes.consumed and not own):
            return True
        parent = element.getparent()
        if not own and not self._in_note and self.notes.consumed and parent is not None and self._consumed(parent):
            return True  # a layout table unwrapped into the body that a note took whole
        return not own and not self._in_note and name in BLOCK_TAGS and is_navigation(element, self.cues, self.lexicon)

    def _consumed(self, element: _Element) -> bool:
        """``element`` or one of its ancestors went into a note; known once for all its children."""
        known = self._in_consumed.get(element)
        if known is None:
            parent = element.getparent()
            known = element in self.notes.consumed or (parent is not None and self._consumed(parent))
            self._in_consumed[element] = known
        return known

    def _block(self, element: _Element, tag: str) -> list[Block]:
        names, cues = classes(element), self.cues
        if tag in HEADINGS:
            return self._heading(element)
        if tag == "hr":
            return [Break()]
        if tag in ("ul", "ol"):
            return self._list(element)
        if tag == "table":
            return table_blocks(self, element)
        if tag == "pre":
            return self._pre(element)
        if tag == "blockquote" or names & cues.quotation:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Quotation(blocks=inner)] if inner else []
        if names & cues.editor_aside and not self._in_note:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Aside(kind=NoteKind.EDITOR, blocks=inner)] if inner else []
        if names & cues.epigraph:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Epigraph(blocks=inner)] if inner else []
        if tag in ("p", "address", "center", "div") and is_image_only(element):
            return [figure(image) for image in element.iter("img")]
        if tag in ("p", "address"):
            return list(self._paragraphs(element))
        return list(self.children(element))

    def _paragraphs(self, element: _Element) -> tuple[Block, ...]:
        """A ``<p>`` is one paragraph, or verse when it holds short ``<br>``-separated lines.

        Pictures set into a paragraph (floated illustrations) come out as figures before it,
        so their descriptions do not run into the text.
        """
        figures = tuple(figure(image) for image in element.iter("img") if image.get("src"))
        return figures + self._paragraph(element, self.inlines_of(element, captioning=bool(figures)))

    def _paragraph(self, element: _Element, content: tuple[Inline, ...]) -> tuple[Block, ...]:
        if not content:
            return ()
        text = flat_text(content)
        if BREAK_TEXT.match(text):
            return (Break(),)
        names = classes(element)
        role = paragraph_role(names, text, self.cues, self.lexicon)
        force = bool(names & self.cues.verse)
        if role is ParagraphRole.BODY and (verse := as_verse(content, force=force, lexicon=self.lexicon)):
            return (verse,)
        if role is ParagraphRole.BODY and is_display(element, content):
            role = ParagraphRole.DISPLAY
        return (Paragraph(content=content, role=role),)

    def _heading(self, element: _Element) -> list[Block]:
        figures = [figure(image) for image in element.iter("img") if image.get("src")]
        return [*figures, *self._heading_block(element, self.inlines_of(element, captioning=bool(figures)))]

    def _heading_block(self, element: _Element, content: tuple[Inline, ...]) -> list[Block]:
        if not content:
            return []
        if BREAK_TEXT.match(flat_text(content)):
            return [Break()]  # "* * *" set as a heading is a break between passages
        name = tag(element) or "h6"
        if name in ("h5", "h6") and is_sentence_heading(lines_of(content), self.lexicon):
            return [Epigraph(blocks=(Paragraph(content=content),))]
        level = self.heading_levels.setdefault(name, next_level(self.heading_levels, name))
        ident = self.anchors.ids.get(element) or element.get("id") or element.get("name")
        if ident:
            self.heading_ids.add(ident)
        return [Heading(level=level, content=content, id=ident)]

    def _list(self, element: _Element) -> list[Block]:
        """Each ``<li>`` an item; whatever else a list holds (a paragraph, a quotation, or words
        loose in the list or after an item, where a page closed its ``</li>`` early) an item of
        its own, so no word of a badly made list is lost."""
        parts: list[tuple[Block, ...]] = [self.loose(element.text)]
        for child in element:
            if tag(child) == "li":
                parts += [self.children(child), self.loose(child.tail)]
            else:  # an element (with its tail), or a comment that marks a printed page
                parts.append(self.blocks([child]))
        items = tuple(ListItem(blocks=blocks) for blocks in parts if blocks)
        if not items:
            return []
        kind = ListKind.ORDERED if tag(element) == "ol" else ListKind.BULLET
        start = element.get("start", "1")
        return [ListBlock(kind=kind, items=items, start=int(start) if start.isdigit() else 1)]

    def loose(self, text: str | None) -> tuple[Block, ...]:
        """Words a page left loose where only elements belong (in a list, a table, a row)."""
        if not text or not text.strip():
            return ()
        builder = Builder(self, lexicon=self.lexicon)
        builder.add_text(text)
        builder.flush()
        return builder.finished()

    def _pre(self, element: _Element) -> list[Block]:
        lines = [line.rstrip() for line in "".join(element.itertext()).strip("\n").split("\n")]
        lined = stanzas([(Text(text=line.strip()),) if line.strip() else () for line in lines])
        return [Verse(stanzas=lined)] if lined else []

    # --- inlines ------------------------------------------------------------------------

    def inlines_of(self, element: _Element, *, captioning: bool = False) -> tuple[Inline, ...]:
        """The element's inlines, tidied; ``captioning`` leaves out its pictures' alt texts (the
        figures made of them, or the caption beside them, say those)."""
        self._captioning = captioning
        try:
            return tidy(self.inlines_of_children(element))
        finally:
            self._captioning = False

    def inlines_of_children(self, element: _Element) -> list[Inline]:
        result: list[Inline] = list(self.take_markers())
        if text := element.text:
            result.append(Text(text=collapse(text)))
        strip, consumed, refs = self.notes.strip, self.notes.consumed, self.notes.refs
        for child in element:
            name = tag(child)
            if isinstance(child, _Comment):
                marker = self.page_marker(child)
                if marker is not None:
                    result.append(marker)
            elif (
                child in strip
                or child in consumed
                or (name in BLOCK_TAGS and not self._in_note and is_navigation(child, self.cues, self.lexicon))
            ):
                pass
            elif name is not None and name not in SKIP:
                if name in BLOCK_TAGS and child not in refs:
                    result.append(Text(text=" "))
                result.extend(self.inline(child))
            if tail := child.tail:
                result.append(Text(text=collapse(tail)))
        return result

    def inline(self, element: _Element) -> list[Inline]:
        call = self.notes.refs.get(element)
        if call is not None:
            return [self.note(call)]
        name = tag(element) or ""
        if name == "br":
            return [LineBreak()]
        names = classes(element)
        if name == "a" and is_top_link(element, self.lexicon):
            return []
        if name == "img":
            alt = collapse(element.get("alt") or "").strip()
            return [Text(text=alt)] if alt and not self._captioning and not is_button(element) else []
        content = tuple(self.inlines_of_children(element))
        if names & self.cues.insertion:
            return [EditorialInsertion(content=content)]
        if names & self.cues.small_caps:
            return [SmallCaps(content=content)]
        if name in EMPHASIS:
            return [Emphasis(content=content)]
        if name in STRONG:
            return [Strong(content=content)]
        if name == "sup":
            return [Superscript(content=content)]
        if name == "sub":
            return [Subscript(content=content)]
        if name == "a" and content and (target := self._link_target(element.get("href"))):
            return [Link(content=content, target=target)]
        return list(content)

    def _link_target(self, href: str | None) -> str | None:
        """Where a link leads in the book: another page, the web, or a heading of this page; None
        for an anchor the book cannot reach (a place in running text)."""
        if is_external(href) or is_page(href):
            return absolute(uri(href or ""), self.base)
        heading = self.anchors.targets.get((href or "").strip()[1:]) if (href or "").strip().startswith("#") else None
        return f"#{heading}" if heading else None

    def note(self, call: NoteCall) -> Note:
        """The note ``call`` calls, its blocks converted as the note's own."""
        was_in_note, self._in_note = self._in_note, True
        pending, self._pending = self._pending, []
        try:
            blocks = self.blocks(call.note_elements, own=True)
        finally:
            self._in_note, self._pending = was_in_note, pending
        for element in call.note_elements:
            prefix = self.notes.marker_prefix.get(element)
            if prefix:
                blocks = strip_prefix(blocks, prefix)
                break
        return Note(marker=call.marker, kind=call.kind, blocks=blocks)

    def finish(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """Page markers after the last paragraph (a page that ends the chapter) join that paragraph."""
        markers = self.take_markers()
        if not markers:
            return blocks
        if blocks and isinstance(blocks[-1], Paragraph):
            last = blocks[-1]
            return (*blocks[:-1], dataclasses.replace(last, content=(*last.content, *markers)))
        return (*blocks, Paragraph(content=tuple(markers)))

    def take_markers(self) -> list[PageMarker]:
        """The page markers waiting for a paragraph, handed to the one that opens."""
        markers, self._pending = self._pending, []
        return markers

    def defer_markers(self, markers: Iterable[PageMarker]) -> None:
        self._pending.extend(markers)

    def page_marker(self, comment: _Element) -> PageMarker | None:
        """A printed page's number, where the family marks them in comments (Lenin's ``<!-- vol=19 pg=021 -->``)."""
        pattern = self.cues.page_marker
        match = pattern.search(comment.text or "") if pattern is not None else None
        if match is None:
            return None
        return PageMarker(page=match.group("page").lstrip("0") or "0", volume=match.group("volume"))


def inlines_of_children(element: _Element, cues: Cues) -> list[Inline]:
    """Inline content of an element with no note graph (headers, credit blocks)."""
    return Converter(cues).inlines_of_children(element)
