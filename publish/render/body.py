"""The model's blocks and inlines as XHTML elements, shared by the EPUB and PDF backends.

One dispatch over the closed unions (``match`` + ``assert_never``) so ``mypy --strict`` names
any node a change forgets. Notes differ by medium: an e-book links a call to a note it
gathers at the end of the chapter (``NoteMode.ENDNOTES``); a printed page floats the note
to its foot, so the note's text stays where it is called (``NoteMode.FOOTNOTES``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import assert_never

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
    ListKind,
    Metadata,
    Note,
    PageMarker,
    Paragraph,
    ParagraphRole,
    Quotation,
    Section,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
    Verse,
)
from publish.model_walk import query
from publish.render.editorial import NOTE_LABELS, aside_element, note_label
from publish.render.markup import Element, element, text_content
from publish.render.paragraphs import lead_in, paragraph_lines, set_lines
from publish.render.tables import has_long_cell, plain_cell_text
from publish.render.translations import human_date, join_names, translations
from publish.words import block_text, inline_text


class NoteMode(StrEnum):
    ENDNOTES = "endnotes"
    FOOTNOTES = "footnotes"


@dataclass(slots=True)
class BodyWriter:
    """Renders one flow of blocks; ``top_heading`` is the element level of a level-1 Heading."""

    notes: NoteMode
    top_heading: int = 2
    pictures: Mapping[str, str] | None = None
    """Where each picture is in the book, by its source; a picture not there is described in
    words. None: every source as it stands (the PDF renderer fetches them itself)."""
    places: Mapping[str, str] = field(default_factory=dict)
    id_prefix: str = ""
    gathered: list[tuple[str, Note]] = field(default_factory=list)
    long_note_words: int | None = None
    forced_endnotes: frozenset[str] = frozenset()
    deferred: list[tuple[str, Note]] = field(default_factory=list)
    set_as_endnotes: set[str] = field(default_factory=set)
    language: str = "en"
    """The book's language, for the few words the body adds (a missing picture, a note's label)."""
    _asides: int = 0

    def blocks(self, blocks: tuple[Block, ...], depth: int = 0) -> list[Element | str]:
        result: list[Element | str] = []
        opened = False  # the author's text has begun: an aside before it is a preface
        for block in blocks:
            if isinstance(block, Aside):
                result.append(self._aside(block, depth, preface=not opened))
                continue
            result.append(self.block(block, depth))
            opened = opened or not isinstance(block, (Heading, Break))
        return result

    def block(self, block: Block, depth: int = 0) -> Element:  # noqa: C901 - one case per node type
        match block:
            case Paragraph(content=content, role=role):
                lines = paragraph_lines(content)
                children = set_lines(lines, self.inlines) if lines else self.inlines(content)
                paragraph = element("p").extend(lead_in(children))
                names = [*([role.value] if role is not ParagraphRole.BODY else []), *(["lines"] if lines else [])]
                if names:
                    paragraph.attrs["class"] = " ".join(names)
                return paragraph
            case Heading(level=level, content=content, id=ident):
                heading = element(f"h{min(6, self.top_heading + depth + level - 1)}").extend(self.inlines(content))
                if ident:
                    heading.attrs["id"] = self.id_prefix + ident
                return heading
            case Quotation(blocks=inner):
                return element("blockquote").extend(self.blocks(inner, depth))
            case Epigraph(blocks=inner):
                epigraph = element("blockquote", class_="epigraph", epub_type="epigraph", role="doc-epigraph")
                return epigraph.extend(self.blocks(inner, depth))
            case Aside():
                return self._aside(block, depth, preface=False)
            case Verse(stanzas=stanzas):
                return element("div", class_="verse").extend([self._stanza(stanza) for stanza in stanzas])
            case ListBlock(kind=kind, items=items, start=start):
                tag = "ol" if kind is ListKind.ORDERED else "ul"
                listing = element(tag).extend([element("li").extend(self.blocks(item.blocks, depth)) for item in items])
                if kind is ListKind.ORDERED and start != 1:
                    listing.attrs["start"] = str(start)
                return listing
            case Table():
                return self._table(block)
            case Figure(source=source, alt=alt, caption=caption):
                href = source if self.pictures is None else self.pictures.get(source)
                if href is None:
                    # The book does not carry this picture: say what it showed.
                    figure = element("figure", class_="picture-missing")
                    _ = translations(self.language).gettext
                    said = _("[Picture: %(description)s]") % {"description": alt} if alt else _("[Picture]")
                    figure.append(element("p", said))
                else:
                    figure = element("figure").append(element("img", src=href, alt=alt))
                if caption:
                    figure.append(element("figcaption").extend(self.inlines(caption)))
                return figure
            case Break():
                return element("hr", class_="break")
            case Section(id=ident, title=title, blocks=inner, metadata=metadata):
                heading = element(f"h{min(6, self.top_heading + depth)}").extend(self.inlines(title))
                label = plain_title(title)
                if self.notes is NoteMode.FOOTNOTES and next(query(title, (Note, LineBreak)), None) is not None:
                    heading.attrs["data-bookmark"] = label  # the bookmark without the note's number
                section = element("section", id=self.id_prefix + ident, aria_label=label).append(heading)
                if metadata is not None:
                    section.append(element("p", byline(metadata), class_="byline"))
                section.extend(self.blocks(inner, depth + 1))
                return section.extend(self.deferred_notes() if depth == 0 else [])
            case _:
                assert_never(block)

    def _aside(self, aside: Aside, depth: int, *, preface: bool) -> Element:
        self._asides += 1
        ident = f"{self.id_prefix}aside-{self._asides}"
        inner = self.blocks(aside.blocks, depth)
        return aside_element(aside, inner, preface=preface, language=self.language, ident=ident)

    def _link(self, content: tuple[Inline, ...], target: str) -> Element:
        href = self._href(target)
        if href is None:  # another archive page this book does not hold: its words, no link
            return element("span").extend(self.inlines(content))
        return element("a", href=href).extend(self.inlines(content))

    def _href(self, target: str) -> str | None:
        """Absolute URLs stay; "#id" goes where that node is (``places``: id -> file, for split books)."""
        if "://" in target or target.startswith("mailto:"):
            return target
        if target.startswith("#"):
            ident = target[1:]
            return f"{self.places[ident]}#{ident}" if ident in self.places else target
        return None

    def _stanza(self, stanza: tuple[tuple[Inline, ...], ...]) -> Element:
        lines = [element("span", class_="line").extend(self.inlines(line)) for line in stanza]
        paragraph = element("p", class_="stanza")
        for number, line in enumerate(lines):
            if number:
                paragraph.append(element("br"))
            paragraph.append(line)
        return paragraph

    def _table(self, table: Table) -> Element:
        if self.notes is NoteMode.FOOTNOTES and has_long_cell(table):
            return self._table_as_text(table)
        result = element("table")
        if table.caption:
            result.append(element("caption").extend(self.inlines(table.caption)))
        for row in table.rows:
            cells: list[Element | str] = []
            for cell in row:
                cell_element = element("th" if cell.header else "td").extend(self._cell(cell))
                if cell.colspan > 1:
                    cell_element.attrs["colspan"] = str(cell.colspan)
                if cell.rowspan > 1:
                    cell_element.attrs["rowspan"] = str(cell.rowspan)
                cells.append(cell_element)
            row_element = element("tr").extend(cells)
            if any(plain_cell_text(cell) is None and cell.blocks for cell in row):  # a table in a cell
                row_element.attrs["class"] = "grouping"  # the cells beside it face its middle, as a brace does
            result.append(row_element)
        return result

    def _cell(self, cell: TableCell) -> list[Element | str]:
        """A cell's one paragraph as the cell's own text (no ``<p>`` margins in a grid); a cell
        of several blocks (a table in a table) as its blocks."""
        content = plain_cell_text(cell)
        return self.blocks(cell.blocks) if content is None else self.inlines(content)

    def _table_as_text(self, table: Table) -> Element:
        """A table with a cell longer than a page can hold, row after row as paragraphs: a page
        cannot split a table row, and WeasyPrint drops what does not fit (a page-long cell in
        an archive's layout table would lose all but its first lines)."""
        result = element("div", class_="table-as-text")
        if table.caption:
            result.append(element("p", class_="caption").extend(self.inlines(table.caption)))
        for row in table.rows:
            cells: list[Element | str] = [
                element(
                    "p" if plain_cell_text(cell) is not None else "div", class_="header-cell" if cell.header else "cell"
                ).extend(self._cell(cell))
                for cell in row
                if cell.blocks
            ]
            result.append(element("div", class_="row").extend(cells))
        return result

    def inlines(self, inlines: tuple[Inline, ...]) -> list[Element | str]:
        result: list[Element | str] = []
        for inline in inlines:
            if isinstance(inline, Note) and result and isinstance(result[-1], str):
                # "slavery. [2] The" in the archive: a raised call sits on the word it follows.
                result[-1] = result[-1].rstrip()
            result.append(self.inline(inline))
        return result

    def inline(self, inline: Inline) -> Element | str:
        match inline:
            case Text(text=text):
                return text
            case Emphasis(content=content):
                return element("em").extend(self.inlines(content))
            case Strong(content=content):
                return element("strong").extend(self.inlines(content))
            case SmallCaps(content=content):
                return element("span", class_="smallcaps").extend(self.inlines(content))
            case EditorialInsertion(content=content):
                # Another hand's words inside the author's sentence: set in their own type.
                return element("span", class_="inserted").extend(self.inlines(content))
            case Superscript(content=content):
                return element("sup").extend(self.inlines(content))
            case Subscript(content=content):
                return element("sub").extend(self.inlines(content))
            case Link(content=content, target=target):
                return self._link(content, target)
            case Note():
                return self._note(inline)
            case LineBreak():
                return element("br")
            case PageMarker(page=page):
                ident = self.id_prefix + page_id(inline)
                return element("span", id=ident, role="doc-pagebreak", epub_type="pagebreak", aria_label=page)
            case _:
                assert_never(inline)

    def _note(self, note: Note) -> Element:
        number = len(self.gathered) + 1
        ident = f"{self.id_prefix}note-{number}"
        self.gathered.append((ident, note))
        if self.notes is NoteMode.FOOTNOTES:
            too_long = self.long_note_words is not None and note_words(note) > self.long_note_words
            if too_long or ident in self.forced_endnotes:
                # Longer than a page's foot can hold: it goes to the end of the chapter instead.
                self.deferred.append((ident, note))
                self.set_as_endnotes.add(ident)
                call_id = f"{self.id_prefix}noteref-{number}"
                return element("a", self_marker(note), href=f"#{ident}", id=call_id, class_="endnote-call")
            body = element("span", id=ident, class_=f"footnote {note.kind.value}", data_marker=self_marker(note))
            return body.extend([*note_label(note.kind, self.language), *self._inline_blocks(note.blocks)])
        return element(
            "a",
            self_marker(note),
            href=f"#{ident}",
            id=f"{self.id_prefix}noteref-{number}",
            role="doc-noteref",
            epub_type="noteref",
            class_=f"noteref {note.kind.value}",
        )

    def _opened(self, note: Note, back: Element) -> list[Element | str]:
        """A note's blocks opened by its back-link and whose note it is ("Editor's note"): in its
        first paragraph, or in a paragraph of their own when it opens with a list or a quotation."""
        inner = self.blocks(note.blocks)
        opening = [back, " ", *note_label(note.kind, self.language)]
        if inner and isinstance(inner[0], Element) and inner[0].tag == "p":
            inner[0].children[:0] = opening
        else:
            inner.insert(0, element("p", *opening))
        return inner

    def _inline_blocks(self, blocks: tuple[Block, ...]) -> list[Element | str]:
        """A footnote's blocks as spans laid out as blocks by the stylesheet: a footnote lives
        inside the paragraph that calls it, where HTML allows no block elements."""
        result: list[Element | str] = []
        for block in blocks:
            match block:
                case Paragraph(content=content) | Heading(content=content):
                    result.append(element("span", class_="note-p").extend(self.inlines(content)))
                case Verse(stanzas=stanzas):
                    verse = element("span", class_="note-verse")
                    for stanza in stanzas:
                        lines: list[Element | str] = [
                            element("span", class_="note-line").extend(self.inlines(line)) for line in stanza
                        ]
                        verse.append(element("span", class_="note-stanza").extend(lines))
                    result.append(verse)
                case Table(rows=rows):
                    table = element("span", class_="note-table")
                    for row in rows:
                        cells: list[Element | str] = [
                            element("span", class_="note-cell").extend(self._inline_blocks(cell.blocks)) for cell in row
                        ]
                        table.append(element("span", class_="note-row").extend(cells))
                    result.append(table)
                case ListBlock(items=items):
                    result.extend(
                        element("span", class_="note-item").extend(self._inline_blocks(item.blocks)) for item in items
                    )
                case Quotation(blocks=inner) | Epigraph(blocks=inner) | Aside(blocks=inner):
                    result.append(element("span", class_="note-quote").extend(self._inline_blocks(inner)))
                case Section(blocks=inner):
                    result.extend(self._inline_blocks(inner))
                case _:
                    result.append(element("span", self._plain_block(block), class_="note-p"))
        return result

    def _plain_block(self, block: Block) -> str:
        """A block a footnote cannot hold as markup (a figure, a break), as its words: a picture
        by its description (``pictures={}``), since a footnote shows no picture."""
        return text_content(BodyWriter(NoteMode.FOOTNOTES, pictures={}, language=self.language).block(block))

    def deferred_notes(self) -> list[Element | str]:
        """Notes too long for the foot of a page, gathered since the last call, as end notes."""
        if not self.deferred:
            return []
        notes = element("div", class_="endnotes")
        for ident, note in self.deferred:
            number = ident.rsplit("-", 1)[-1]
            back = element("a", self_marker(note), href=f"#{self.id_prefix}noteref-{number}", class_="endnote-marker")
            inner = self._opened(note, back)
            notes.append(element("div", id=ident, class_=f"endnote {note.kind.value}").extend(inner))
        self.deferred.clear()
        return [notes]

    def endnotes(self) -> list[Element | str]:
        """The notes gathered so far, as linked asides (EPUB pop-up footnotes)."""
        result: list[Element | str] = []
        for ident, note in self.gathered:
            number = ident.rsplit("-", 1)[-1]
            back = element("a", self_marker(note), href=f"#{self.id_prefix}noteref-{number}", role="doc-backlink")
            aside = element(
                "aside", id=ident, role="doc-footnote", epub_type="footnote", class_=f"note {note.kind.value}"
            )
            if note.kind in NOTE_LABELS:  # the author's notes need no label; others say whose they are
                aside.attrs["aria-label"] = translations(self.language).gettext(NOTE_LABELS[note.kind])
            result.append(aside.extend(self._opened(note, back)))
        return result


def note_words(note: Note) -> int:
    return len(block_text(note.blocks).split())


def page_id(marker: PageMarker) -> str:
    return f"page-{marker.volume}-{marker.page}" if marker.volume else f"page-{marker.page}"


def byline(metadata: Metadata) -> str:
    """An anthology item's author and date, under its title, in the item's language."""
    date = human_date(metadata.date, metadata.language)
    return ", ".join(part for part in (join_names(metadata.authors, metadata.language), date) if part)


def self_marker(note: Note) -> str:
    return note.marker or "*"


def plain_title(inlines: tuple[Inline, ...]) -> str:
    """A title as one line of words (a contents entry, a bookmark, an aria-label): without its
    notes, which are no part of the title, and with its line breaks as spaces."""
    lines = (line.strip() for line in inline_text(inlines, notes=False).split("\n"))
    return " ".join(line for line in lines if line)
