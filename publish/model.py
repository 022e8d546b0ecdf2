"""The semantic intermediate model every reader produces and every backend consumes.

Readers and backends share nothing but these types (pandoc's reader -> AST -> writer split),
so the model is closed and plain: frozen, slotted, keyword-only dataclasses holding tuples.
A backend dispatches with ``match`` over the ``Block`` and ``Inline`` unions and ends with
``assert_never`` so that ``mypy --strict`` names any node it forgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

OMIT_EMPTY = {"json": "omit-empty"}
"""Field metadata: model JSON leaves the field out while it is empty (a field added later then
changes no stored file of a document that does not use it)."""


class NoteKind(StrEnum):
    """Who wrote a note: readers must keep the author's notes apart from the archive's."""

    AUTHOR = "author"
    EDITOR = "editor"
    TRANSLATOR = "translator"


class Role(StrEnum):
    """A contributor's part in the chain from the original text to this edition."""

    EDITOR = "editor"
    TRANSLATOR = "translator"
    TRANSCRIBER = "transcriber"
    MARKUP = "markup"
    PROOFREADER = "proofreader"


class ParagraphRole(StrEnum):
    """The part a paragraph plays in a letter or a speech; "body" for running text; "display"
    for short lines the page sets apart and centred (Capital's "20 yards of linen = 1 coat"):
    a backend centres them and keeps their line breaks."""

    BODY = "body"
    SALUTATION = "salutation"
    SIGNATURE = "signature"
    DATELINE = "dateline"
    DISPLAY = "display"


class ListKind(StrEnum):
    BULLET = "bullet"
    ORDERED = "ordered"


# --- inlines -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Emphasis:
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Strong:
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SmallCaps:
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Superscript:
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscript:
    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A link; ``target`` is an absolute URL, ``#id`` of a node in the same document, or the path
    of another archive page relative to this one (a work resolves those among its chapters; a
    backend shows an unresolved one as plain text)."""

    content: tuple[Inline, ...]
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A note holds its own blocks, so a dangling reference cannot exist (pandoc's Note)."""

    marker: str
    kind: NoteKind
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EditorialInsertion:
    """Words an editor or transcriber put into the author's text (MIA's ``span.inote``)."""

    content: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMarker:
    """Where a page of a printed edition began (e.g. Lenin's Collected Works, vol. 19 p. 21)."""

    page: str
    volume: str | None = None


Inline = (
    Text
    | Emphasis
    | Strong
    | SmallCaps
    | Superscript
    | Subscript
    | Link
    | Note
    | EditorialInsertion
    | LineBreak
    | PageMarker
)


# --- blocks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    content: tuple[Inline, ...]
    role: ParagraphRole = ParagraphRole.BODY


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading:
    """A heading inside a page; ``level`` 1 is the highest level below the document title."""

    level: int
    content: tuple[Inline, ...]
    id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Quotation:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Epigraph:
    """A quotation set at the head of a text or chapter, with its attribution among its blocks."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Aside:
    """Matter set apart from the text and anchored nowhere: an editor's preface to an article."""

    kind: NoteKind
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Verse:
    """Lines of verse grouped in stanzas: line breaks here are the author's, never reflowed."""

    stanzas: tuple[tuple[tuple[Inline, ...], ...], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBlock:
    kind: ListKind
    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCell:
    """A cell holds blocks, as pandoc's does: most hold one paragraph; one may hold a table of
    its own (Capital's General Form of Value sets a column of commodities in a cell) or lines."""

    blocks: tuple[Block, ...]
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    rows: tuple[tuple[TableCell, ...], ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """An image by its path relative to the source page, with the text a reader needs without it."""

    source: str
    alt: str
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Break:
    """A thematic break between passages (an ``<hr>`` or a row of asterisks in the source)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A nesting level: a chapter of a work, a part of a chapter; TOC and bookmarks read it.

    An anthology's item keeps its own metadata (author, date, source) here.
    """

    id: str
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    metadata: Metadata | None = None


Block = Paragraph | Heading | Quotation | Epigraph | Aside | Verse | ListBlock | Table | Figure | Break | Section


# --- metadata ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Contributor:
    """A person (or body) and every part they had in this edition.

    One person with two parts ("Transcription/Markup: Sally Ryan") is one contributor with two
    roles, so a catalogue lists each person once.
    """

    name: str
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """What the archive says about a text: every credit line ends up here, never in the body.

    Dates are ISO 8601 strings that may be partial ("1919", "1980-04", "2002-06-08").
    ``collection`` names the work or series a page belongs to ("Capital Volume One").
    ``credits`` keeps, verbatim, credit lines that no typed field can hold (an
    acknowledgement, say), so that no word of the page is lost.
    """

    title: str
    language: str
    subtitle: str | None = None
    collection: str | None = None
    authors: tuple[str, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    date: str | None = None
    written: str | None = None
    delivered: str | None = None
    first_published: str | None = None
    last_updated: str | None = None
    source: str | None = None
    standfirst: str | None = None
    rights: str | None = None
    credits: tuple[str, ...] = ()
    origin: str | None = None
    identifier: str | None = None
    missing_pages: tuple[str, ...] = field(default=(), metadata=OMIT_EMPTY)
    """A work's pages that its contents link to and that could not be read (the links as the
    contents give them): the book is partial, and its colophon says so in its own language."""
    untranscribed_parts: tuple[str, ...] = field(default=(), metadata=OMIT_EMPTY)
    """Entries of a work's contents that link to no page the book holds: parts the archive has
    not transcribed. Facts, not a sentence: the renderers word them (``render.context``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    metadata: Metadata
    body: tuple[Block, ...] = field(default=())
