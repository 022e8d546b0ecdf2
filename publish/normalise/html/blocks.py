"""HTML body content to model blocks and inlines.

Page families decide what is header and furniture; whatever they leave as body comes here.
The archive's classes carry meaning this converter keeps (``p.quoteb`` is a quotation,
``p.sig`` a letter's signature, ``span.inote`` an editor's insertion, ``<br>``-lined short
lines are verse), notes are placed at their call from the resolved anchor graph, and page
markers in comments become ``PageMarker`` inlines. Unknown elements keep their text: a word
must never be lost for want of a rule.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

from lxml.etree import _Comment, _Element

from publish.errors import Diagnostic
from publish.model import (
    Aside,
    Block,
    Break,
    EditorialInsertion,
    Emphasis,
    Epigraph,
    Figure,
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
    Table,
    TableCell,
    Text,
    Verse,
)
from publish.normalise.archive import absolute
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.furniture import is_navigation, is_top_link
from publish.normalise.html.parse import classes, has_descendant, own_cells, own_rows, text_of
from publish.normalise.inlines import collapse, tidy

_EMPHASIS = {"em", "i", "cite", "var", "dfn"}
_STRONG = {"strong", "b"}
_SKIP = {"script", "style", "head", "title", "meta", "link", "noscript", "form", "input", "button", "select", "map"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_CONTAINERS = {
    "div", "center", "dl", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "body",
    "dt", "dd", "li", "tr", "td", "th", "caption", "fieldset", "legend", "details", "summary", "figcaption", "font",
    "tbody", "thead", "tfoot", "span", "html", "frameset", "noframes",
}  # fmt: skip
_BLOCK_TAGS = {"p", "blockquote", "ul", "ol", "table", "hr", "pre", "address", *_HEADINGS, *_CONTAINERS} - {
    "span",
    "font",
}
_QUOTE_CLASSES = {"quoteb", "quote", "indentb", "inline", "quotec", "blockquote", "indent", "extract"}
_VERSE_CLASSES = {"verse", "poem", "poetry", "stanza", "song"}
_SIGNATURE_CLASSES = {"sig", "signature", "sign", "signed"}
_DATELINE_CLASSES = {"dateline", "date", "place", "address", "salutation-date"}
_EDITOR_ASIDE_CLASSES = {"pagenoteb", "pagenote", "editor", "ednote", "intro", "preface-ed"}
_EPIGRAPH_CLASSES = {"epigraph", "motto"}
_INSERTION_CLASSES = {"inote", "editornote", "ed"}
_SMALLCAPS_CLASSES = {"sc", "smallcaps", "small-caps", "smcap"}
_PAGE_MARKER = re.compile(r"\bvol\s*=\s*(?P<volume>\w+)\s+pg\s*=\s*(?P<page>\w+)", re.IGNORECASE)
_SALUTATION = re.compile(
    r"^(?:(?:my\s+)?dear(?:est)?|respected|esteemed|werter|lieber|liebe|cher|chère|querido|querida)\b[^.?]{0,50}[,:!]?$"
    r"|^(?:comrades?|citizens?|friends?|gentlemen|sirs?)[,:!]$",
    re.IGNORECASE,
)
_BREAK_TEXT = re.compile(r"^[\s*•·◊§⁂_~=.–—-]*[*•·◊§⁂][\s*•·◊§⁂_~=.–—-]*$")
_MAX_VERSE_LINE = 75
_MAX_CAPTION = 400
_ENUMERATED = re.compile(r"^(?:\(?\d{1,3}[.):]|\(?[a-zA-Z][.)]|[IVXLC]+\.|(?:section|chapter|part)\s+\w+)\s", re.I)
_MAX_HEADING_WORDS = 12


class NoteLookup(Protocol):
    """What the converter needs from the page's resolved note graph (``notes.find_notes``)."""

    @property
    def refs(self) -> Mapping[_Element, NoteCall]: ...
    @property
    def consumed(self) -> frozenset[_Element]: ...
    @property
    def strip(self) -> frozenset[_Element]: ...
    @property
    def marker_prefix(self) -> Mapping[_Element, str]: ...


class NoteCall(Protocol):
    @property
    def marker(self) -> str: ...
    @property
    def kind(self) -> NoteKind: ...
    @property
    def note_elements(self) -> tuple[_Element, ...]: ...


@dataclass(frozen=True, slots=True)
class NoNotes:
    refs: Mapping[_Element, NoteCall] = field(default_factory=dict)
    consumed: frozenset[_Element] = frozenset()
    strip: frozenset[_Element] = frozenset()
    marker_prefix: Mapping[_Element, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(slots=True)
class Converter:
    """Converts one page's body; keeps the state a page needs (pending page markers)."""

    notes: NoteLookup = field(default_factory=NoNotes)
    base: str | None = None
    """The page's archive URL: links to other archive pages are made absolute against it."""
    heading_levels: dict[str, int] = field(default_factory=dict)
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
        builder = _Builder(self)
        for element in elements:
            self._add(builder, element, own=own)
        builder.flush()
        return _merge_adjacent(builder.blocks)

    def children(self, element: _Element) -> tuple[Block, ...]:
        builder = _Builder(self)
        if text := element.text:  # (each read of .text or .tail decodes the string again)
            builder.add_text(text)
        for child in element:
            self._add(builder, child)
        builder.flush()
        return _merge_adjacent(builder.blocks)

    def _add(self, builder: _Builder, element: _Element, *, own: bool = False) -> None:
        tag = _tag(element)
        if isinstance(element, _Comment):
            marker = page_marker(element)
            if marker is not None:
                builder.add_marker(marker)
        elif self._skipped(element, tag, own=own):
            pass
        elif tag is not None and tag not in _SKIP:
            if tag == "img" and element.get("src"):
                builder.add_block(_figure(element))
            elif element in self.notes.refs or not _is_block_level(element, tag):
                builder.add_inline(self.inline(element))
            else:
                for block in self._block(element, tag):
                    builder.add_block(block)
        if tail := element.tail:
            builder.add_text(tail)

    def _skipped(self, element: _Element, tag: str | None, *, own: bool) -> bool:
        """Note text (placed at its call instead), note markers, and site navigation rows."""
        if element in self.notes.strip or (element in self.notes.consumed and not own):
            return True
        parent = element.getparent()
        if not own and not self._in_note and self.notes.consumed and parent is not None and self._consumed(parent):
            return True  # a layout table unwrapped into the body that a note took whole
        return not own and not self._in_note and tag in _BLOCK_TAGS and is_navigation(element)

    def _consumed(self, element: _Element) -> bool:
        """``element`` or one of its ancestors went into a note; known once for all its children."""
        known = self._in_consumed.get(element)
        if known is None:
            parent = element.getparent()
            known = element in self.notes.consumed or (parent is not None and self._consumed(parent))
            self._in_consumed[element] = known
        return known

    def _block(self, element: _Element, tag: str) -> list[Block]:
        names = classes(element)
        if tag in _HEADINGS:
            return self._heading(element)
        if tag == "hr":
            return [Break()]
        if tag in ("ul", "ol"):
            return self._list(element)
        if tag == "table":
            return self._table(element)
        if tag == "pre":
            return self._pre(element)
        if tag == "blockquote" or names & _QUOTE_CLASSES:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Quotation(blocks=inner)] if inner else []
        if names & _EDITOR_ASIDE_CLASSES and not self._in_note:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Aside(kind=NoteKind.EDITOR, blocks=inner)] if inner else []
        if names & _EPIGRAPH_CLASSES:
            inner = self.children(element) if tag != "p" else self._paragraphs(element)
            return [Epigraph(blocks=inner)] if inner else []
        if tag in ("p", "address", "center", "div") and _is_image_only(element):
            return [_figure(image) for image in element.iter("img")]
        if tag in ("p", "address"):
            return list(self._paragraphs(element))
        return list(self.children(element))

    def _paragraphs(self, element: _Element) -> tuple[Block, ...]:
        """A ``<p>`` is one paragraph, or verse when it holds short ``<br>``-separated lines.

        Pictures set into a paragraph (floated illustrations) come out as figures before it,
        so their descriptions do not run into the text.
        """
        figures = tuple(_figure(image) for image in element.iter("img") if image.get("src"))
        self._captioning = bool(figures)
        try:
            content = tidy(self.inlines_of_children(element))
        finally:
            self._captioning = False
        return figures + self._paragraph(element, content)

    def _paragraph(self, element: _Element, content: tuple[Inline, ...]) -> tuple[Block, ...]:
        if not content:
            return ()
        text = _text(content)
        if _BREAK_TEXT.match(text):
            return (Break(),)
        names = classes(element)
        role = _role(names, text)
        if role is ParagraphRole.BODY and (verse := _as_verse(content, force=bool(names & _VERSE_CLASSES))):
            return (verse,)
        return (Paragraph(content=content, role=role),)

    def _heading(self, element: _Element) -> list[Block]:
        figures = [_figure(image) for image in element.iter("img") if image.get("src")]
        self._captioning = bool(figures)
        try:
            content = tidy(self.inlines_of_children(element))
        finally:
            self._captioning = False
        return [*figures, *self._heading_block(element, content)]

    def _heading_block(self, element: _Element, content: tuple[Inline, ...]) -> list[Block]:
        if not content:
            return []
        if _BREAK_TEXT.match(_text(content)):
            return [Break()]  # "* * *" set as a heading is a break between passages
        tag = _tag(element) or "h6"
        if tag in ("h5", "h6") and len(_text(content).split()) > _MAX_HEADING_WORDS:
            return [Epigraph(blocks=(Paragraph(content=content),))]
        level = self.heading_levels.setdefault(tag, _next_level(self.heading_levels, tag))
        ident = element.get("id") or element.get("name")
        return [Heading(level=level, content=content, id=ident)]

    def _list(self, element: _Element) -> list[Block]:
        items = tuple(
            ListItem(blocks=self.children(child) if _tag(child) == "li" else self.blocks([child]))
            for child in element
            if _tag(child) is not None
        )
        items = tuple(item for item in items if item.blocks)
        if not items:
            return []
        kind = ListKind.ORDERED if _tag(element) == "ol" else ListKind.BULLET
        start = element.get("start", "1")
        return [ListBlock(kind=kind, items=items, start=int(start) if start.isdigit() else 1)]

    def _table(self, element: _Element) -> list[Block]:
        images = list(element.iter("img"))
        if len(images) == 1 and len(own_cells(element)) <= 3 and images[0].get("src") and _short(element):
            self._captioning = True
            try:
                caption = tidy(self.inlines_of_children(element))
            finally:
                self._captioning = False
            figure = _figure(images[0])
            return [Figure(source=figure.source, alt=figure.alt, caption=caption)]
        if _is_verse_table(element):
            blocks = self.children_of_cells(element)
            if all(isinstance(block, (Verse, Paragraph)) for block in blocks):
                return blocks
        rows: list[tuple[TableCell, ...]] = []
        for row in own_rows(element):
            cells = tuple(
                TableCell(
                    content=tidy(self.inlines_of_children(cell)),
                    header=_tag(cell) == "th",
                    colspan=_span(cell.get("colspan")),
                    rowspan=_span(cell.get("rowspan")),
                )
                for cell in row
                if _tag(cell) in ("td", "th")
            )
            if any(cell.content for cell in cells):
                rows.append(cells)
        caption_element = element.find("caption")
        caption_content = tidy(self.inlines_of_children(caption_element)) if caption_element is not None else ()
        return [Table(rows=tuple(rows), caption=caption_content)] if rows else []

    def children_of_cells(self, table: _Element) -> list[Block]:
        blocks: list[Block] = []
        for cell in own_cells(table):
            for block in self.children(cell):
                lined = isinstance(block, Paragraph) and any(isinstance(i, LineBreak) for i in block.content)
                if isinstance(block, Paragraph) and (lined or len(_text(block.content)) <= _MAX_VERSE_LINE):
                    blocks.append(_as_verse(block.content, force=True) or block)
                else:
                    blocks.append(block)
        return blocks

    def _pre(self, element: _Element) -> list[Block]:
        lines = [line.rstrip() for line in "".join(element.itertext()).strip("\n").split("\n")]
        stanzas = _stanzas([(Text(text=line.strip()),) if line.strip() else () for line in lines])
        return [Verse(stanzas=stanzas)] if stanzas else []

    # --- inlines ------------------------------------------------------------------------

    def inlines_of_children(self, element: _Element) -> list[Inline]:
        result: list[Inline] = list(self._take_markers())
        if text := element.text:
            result.append(Text(text=collapse(text)))
        strip, consumed, refs = self.notes.strip, self.notes.consumed, self.notes.refs
        for child in element:
            tag = _tag(child)
            if isinstance(child, _Comment):
                marker = page_marker(child)
                if marker is not None:
                    result.append(marker)
            elif (
                child in strip
                or child in consumed
                or (tag in _BLOCK_TAGS and not self._in_note and is_navigation(child))
            ):
                pass
            elif tag is not None and tag not in _SKIP:
                if tag in _BLOCK_TAGS and child not in refs:
                    result.append(Text(text=" "))
                result.extend(self.inline(child))
            if tail := child.tail:
                result.append(Text(text=collapse(tail)))
        return result

    def inline(self, element: _Element) -> list[Inline]:
        call = self.notes.refs.get(element)
        if call is not None:
            return [self._note(call)]
        tag = _tag(element) or ""
        if tag == "br":
            return [LineBreak()]
        names = classes(element)
        if tag == "a" and is_top_link(element):
            return []
        if tag == "img":
            alt = collapse(element.get("alt") or "").strip()
            return [Text(text=alt)] if alt and not self._captioning and not _is_button(element) else []
        content = tuple(self.inlines_of_children(element))
        if names & _INSERTION_CLASSES:
            return [EditorialInsertion(content=content)]
        if names & _SMALLCAPS_CLASSES:
            return [SmallCaps(content=content)]
        if tag in _EMPHASIS:
            return [Emphasis(content=content)]
        if tag in _STRONG:
            return [Strong(content=content)]
        if tag == "sup":
            return [Superscript(content=content)]
        if tag == "sub":
            return [Subscript(content=content)]
        if tag == "a" and (_is_external(element.get("href")) or _is_page(element.get("href"))) and content:
            return [Link(content=content, target=absolute(_uri(element.get("href") or ""), self.base))]
        return list(content)

    def _note(self, call: NoteCall) -> Note:
        was_in_note, self._in_note = self._in_note, True
        pending, self._pending = self._pending, []
        try:
            blocks = self.blocks(call.note_elements, own=True)
        finally:
            self._in_note, self._pending = was_in_note, pending
        for element in call.note_elements:
            prefix = self.notes.marker_prefix.get(element)
            if prefix:
                blocks = _strip_prefix(blocks, prefix)
                break
        return Note(marker=call.marker, kind=call.kind, blocks=blocks)

    def header_notes(self, body: Sequence[_Element], draft: MetadataDraft) -> tuple[Block, ...]:
        """Notes called from the header (a note on the title) close the body as asides, where the page has them.

        The title is a plain string in the metadata, so the call's marker is taken off it.
        """
        blocks = {element for element in body if isinstance(element.tag, str)}
        asides: list[Block] = []
        for element, call in self.notes.refs.items():
            if element in blocks or any(ancestor in blocks for ancestor in element.iterancestors()):
                continue
            note = self._note(call)
            asides.append(Aside(kind=call.kind, blocks=note.blocks))
            marker = text_of(element).strip()
            for field_name in ("title", "subtitle", "collection"):
                value = getattr(draft, field_name)
                if value and marker and value.rstrip().endswith(marker):
                    setattr(draft, field_name, value.rstrip()[: -len(marker)].rstrip())
        return tuple(asides)

    def finish(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """Page markers after the last paragraph (a page that ends the chapter) join that paragraph."""
        markers = self._take_markers()
        if not markers:
            return blocks
        if blocks and isinstance(blocks[-1], Paragraph):
            last = blocks[-1]
            return (*blocks[:-1], dataclasses.replace(last, content=(*last.content, *markers)))
        return (*blocks, Paragraph(content=tuple(markers)))

    def _take_markers(self) -> list[PageMarker]:
        markers, self._pending = self._pending, []
        return markers


@dataclass(slots=True)
class _Builder:
    """Collects blocks, gathering loose inline content between block elements into paragraphs."""

    converter: Converter
    blocks: list[Block] = field(default_factory=list)
    pending: list[Inline] = field(default_factory=list)

    def add_inline(self, inlines: Iterable[Inline]) -> None:
        self.pending.extend(inlines)

    def add_text(self, text: str) -> None:
        """Loose source text. White space with nothing before it is dropped at once, as tidying
        would drop it: most of it is the line break between two blocks."""
        text = collapse(text)
        if self.pending or text != " ":
            self.pending.append(Text(text=text))

    def add_marker(self, marker: PageMarker) -> None:
        if self.pending and any(not isinstance(i, Text) or i.text.strip() for i in self.pending):
            self.pending.append(marker)
        else:
            self.converter._pending.append(marker)

    def add_block(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def flush(self) -> None:
        if all(isinstance(inline, Text) and not inline.text.strip(" \u00a0") for inline in self.pending):
            self.pending = []  # the white space between blocks: tidying would trim it all away
            return
        content = tidy([*self.converter._take_markers(), *self.pending])
        self.pending = []
        if content and any(not isinstance(inline, PageMarker) for inline in content):
            verse = _as_verse(content, force=False)
            self.blocks.append(verse or Paragraph(content=content))
        elif content:
            self.converter._pending.extend(i for i in content if isinstance(i, PageMarker))


def page_marker(comment: _Element) -> PageMarker | None:
    """Lenin's Collected Works mark printed pages as ``<!-- vol=19 pg=021 src=... -->``."""
    match = _PAGE_MARKER.search(comment.text or "")
    if match is None:
        return None
    return PageMarker(page=match.group("page").lstrip("0") or "0", volume=match.group("volume"))


def _as_verse(content: Sequence[Inline], *, force: bool) -> Verse | None:
    """Lines broken by ``<br>`` that are short, several and not prose are a poem's lines."""
    if not force and sum(1 for inline in content if isinstance(inline, LineBreak)) < 2:
        return None  # fewer than three lines: most paragraphs are known without splitting them
    lines: list[list[Inline]] = [[]]
    for inline in content:
        if isinstance(inline, LineBreak):
            lines.append([])
        else:
            lines[-1].append(inline)
    texts = [_text(line).strip() for line in lines]
    filled = [text for text in texts if text]
    if not force and (len(filled) < 3 or max(len(text) for text in filled) > _MAX_VERSE_LINE):
        return None
    if not force and sum(text.endswith((".", ",", ";", ":")) for text in filled) == len(filled) > 3:
        return None
    if not force and sum(1 for text in filled if _ENUMERATED.match(text)) * 2 > len(filled):
        return None
    stanzas = _stanzas([tidy(line) for line in lines])
    return Verse(stanzas=stanzas) if stanzas else None


def _stanzas(lines: Sequence[tuple[Inline, ...]]) -> tuple[tuple[tuple[Inline, ...], ...], ...]:
    stanzas: list[list[tuple[Inline, ...]]] = [[]]
    for line in lines:
        if line:
            stanzas[-1].append(line)
        elif stanzas[-1]:
            stanzas.append([])
    return tuple(tuple(stanza) for stanza in stanzas if stanza)


def _text(inlines: Sequence[Inline]) -> str:
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif hasattr(inline, "content"):
            parts.append(_text(inline.content))
    return "".join(parts)


def _role(names: frozenset[str], text: str) -> ParagraphRole:
    """The paragraph's role from its classes, or from its ``text`` (a letter's "Dear Comrade,")."""
    if names & _SIGNATURE_CLASSES:
        return ParagraphRole.SIGNATURE
    if names & _DATELINE_CLASSES:
        return ParagraphRole.DATELINE
    if _SALUTATION.match(text.strip()):
        return ParagraphRole.SALUTATION
    return ParagraphRole.BODY


def _strip_prefix(blocks: tuple[Block, ...], prefix: str) -> tuple[Block, ...]:
    """Drop a note's own leading marker text ("1. ") from its first paragraph."""
    if not blocks or not isinstance(blocks[0], Paragraph):
        return blocks
    first = blocks[0]
    content = list(first.content)
    if content and isinstance(content[0], Text) and content[0].text.startswith(prefix):
        rest = content[0].text[len(prefix) :].lstrip()
        content[0] = Text(text=rest)
        return (dataclasses.replace(first, content=tidy(content)), *blocks[1:])
    return blocks


def _merge_adjacent(blocks: list[Block]) -> tuple[Block, ...]:
    """Consecutive quotation paragraphs are one quotation; consecutive editor asides one aside."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if isinstance(block, Quotation) and isinstance(previous, Quotation):
            merged[-1] = Quotation(blocks=previous.blocks + block.blocks)
        elif isinstance(block, Aside) and isinstance(previous, Aside) and previous.kind is block.kind:
            merged[-1] = Aside(kind=block.kind, blocks=previous.blocks + block.blocks)
        else:
            merged.append(block)
    return tuple(merged)


def _next_level(levels: Mapping[str, int], tag: str) -> int:
    """Headings are numbered by rank among those the body uses, so h4-only bodies start at 1."""
    rank = _HEADINGS[tag]
    higher = [level for other, level in levels.items() if _HEADINGS[other] < rank]
    lower = [level for other, level in levels.items() if _HEADINGS[other] > rank]
    if lower and not higher:
        return max(1, min(lower) - 1) if min(lower) > 1 else 1
    return (max(higher) + 1) if higher else 1


def _is_button(image: _Element) -> bool:
    """An image that links to another page ("Shachtman button") is a navigation button, not a picture."""
    link = next(image.iterancestors("a"), None)
    href = (link.get("href") or "").strip().lower() if link is not None else ""
    return bool(href) and not href.startswith("#") and href.split("#")[0].endswith((".htm", ".html", "/"))


def _short(element: _Element) -> bool:
    """Short enough to be a caption, not a page of text set beside a picture."""
    return len(text_of(element)) < _MAX_CAPTION


def _is_image_only(element: _Element) -> bool:
    return has_descendant(element, "img") and not text_of(element).replace("\u00a0", " ").strip()


def _figure(image: _Element) -> Figure:
    return Figure(source=(image.get("src") or "").strip(), alt=collapse(image.get("alt") or "").strip())


def _is_verse_table(table: _Element) -> bool:
    """A centred one-column table of short lines (Lafargue's epigraphs and songs)."""
    cells = own_cells(table)
    if not cells or len(cells) > 3 or table.get("align", "").lower() != "center":
        return False
    return all(len(text_of(cell)) < 2000 for cell in cells) and all(cell.find(".//table") is None for cell in cells)


def _is_block_level(element: _Element, tag: str) -> bool:
    """A block tag, or an inline one wrapped around blocks (``<font>`` around paragraphs)."""
    return tag in _BLOCK_TAGS or any(_tag(child) in _BLOCK_TAGS for child in element.iterdescendants())


def _span(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1


def _uri(href: str) -> str:
    """A link as a valid URI: pages write spaces and other raw characters into their hrefs."""
    return quote(href.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def _is_page(href: str | None) -> bool:
    """A link to another archive page ("ch02.htm", "../1920/x.htm#p3"), kept for works to resolve."""
    path = (href or "").strip().split("#")[0].split("?")[0].lower()
    return bool(path) and ":" not in path and path.endswith((".htm", ".html"))


def _is_external(href: str | None) -> bool:
    return bool(href) and (href or "").strip().lower().startswith(("http://", "https://", "mailto:"))


def _tag(element: _Element) -> str | None:
    """The element's tag name, or None for comments and processing instructions (their tag is a function)."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else None


def inlines_of_children(element: _Element) -> list[Inline]:
    """Inline content of an element with no note graph (headers, credit blocks)."""
    return Converter().inlines_of_children(element)
