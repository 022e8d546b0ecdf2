"""Whole works: an index page and the chapter pages it links to, made into one Document.

Reading a work is split in two pure steps around the disk: ``chapter_links`` says which
pages the index links to, in reading order; the caller reads them (only the CLI and batch
touch files); ``assemble_work`` makes one Document with a Section per chapter, titled from
the chapter page where the index says only "I", "II".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.model import (
    Block,
    Contributor,
    Document,
    Epigraph,
    Heading,
    Metadata,
    Paragraph,
    Quotation,
    Role,
    Section,
    Text,
    Verse,
)
from publish.model_walk import Node, query
from publish.normalise.archive import ARCHIVE, absolute, relink
from publish.normalise.contents import split_index
from publish.normalise.decode import decode
from publish.normalise.draft import identifier_for
from publish.normalise.html.parse import parse_html, text_of
from publish.normalise.lexicon import lexicon_for
from publish.urls import split, unquote
from publish.words import block_text, inline_text
from publish.workfiles import ChapterLink

_PAGE = re.compile(r"\.html?$", re.IGNORECASE)
_MIN_LABEL_WORDS = 2
_OPENING_ID = "ch-index"
_LINE_WORDS = 20
_ENTRY_NUMBER = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:\d+|[ivxlcdm]+)[.):]\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Chapter:
    href: str
    label: str
    document: Document


def chapter_links(index: bytes | _Element, origin: str) -> list[ChapterLink]:
    """Links from an index page (its bytes, or its parsed tree) to pages in its own folder, in
    reading order, each page once."""
    root = parse_html(decode(index, origin).text) if isinstance(index, bytes) else index
    body = root.find("body")
    own_name = origin.replace("\\", "/").rsplit("/", 1)[-1].split("__")[-1].lower()
    links: list[ChapterLink] = []
    seen: set[str] = set()
    for anchor in (body if body is not None else root).iter("a"):
        href = _page_href(anchor.get("href"))
        if href is None or href.lower() == own_name or href in seen:
            continue
        seen.add(href)
        links.append(ChapterLink(href=href, label=" ".join(text_of(anchor).split())))
    return links


def assemble_work(
    index: Document, chapters: Sequence[Chapter], missing: Sequence[ChapterLink], where: str
) -> tuple[Document, tuple[Diagnostic, ...]]:
    """One book: the index's metadata, its own text as an opening section, a section per chapter."""
    contents = split_index(index.body)
    untranscribed = _untranscribed(contents.unlinked, chapters)
    diagnostics = _absent(missing, untranscribed, where)
    targets = {chapter.href: section_id(chapter.href) for chapter in chapters}
    if index.metadata.origin and index.metadata.origin.startswith(ARCHIVE):
        targets |= {unquote(absolute(href, index.metadata.origin)): ident for href, ident in targets.items()}
    sections = [_section(chapter, index.metadata) for chapter in chapters]
    if contents.own and sections and (motto := _motto(contents.own)):
        sections[0] = dataclasses.replace(sections[0], blocks=(motto, *sections[0].blocks))
    elif contents.own:
        sections.insert(0, _opening(contents.own, index.metadata.language))
    # What the book lacks, as facts: the renderers say "this edition is partial" in its language.
    metadata = dataclasses.replace(
        index.metadata,
        missing_pages=tuple(link.href for link in missing),
        untranscribed_parts=tuple(untranscribed),
    )
    return Document(metadata=metadata, body=_relink(sections, targets)), diagnostics


def absent_parts(index: Document, missing: Sequence[ChapterLink], where: str) -> tuple[Diagnostic, ...]:
    """N040/N041 for an index read as a page because its chapters are (nearly) all absent.

    ``assemble_work`` warns of the pages it lacks; an index whose linked pages are missing too
    many to make a work of was read as one page and said nothing, though it lacks them all.
    """
    if not missing:
        return ()
    return _absent(missing, _untranscribed(split_index(index.body).unlinked, ()), where)


def _absent(missing: Sequence[ChapterLink], untranscribed: Sequence[str], where: str) -> tuple[Diagnostic, ...]:
    return (
        *(_warning("N040", where, f"linked page {link.href} is missing") for link in missing),
        *(_warning("N041", where, f"contents entry {entry!r} links to no page") for entry in untranscribed),
    )


def _warning(code: str, where: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, severity=Severity.WARNING, where=where, message=message)


def _opening(blocks: tuple[Block, ...], language: str) -> Section:
    """The index page's own text (an introduction, an editor's note) opens the book; its own
    heading titles it when it starts with one."""
    if isinstance(blocks[0], Heading) and len(blocks) > 1:
        return Section(id=_OPENING_ID, title=blocks[0].content, blocks=blocks[1:])
    title = _about_the_work(language)
    return Section(id=_OPENING_ID, title=(Text(text=title),), blocks=blocks)


_MOTTO_WORDS = 150
_SOURCE_WORDS = 12  # "Karl Marx, Capital": a quotation's source line, not prose


def _motto(blocks: tuple[Block, ...]) -> Epigraph | None:
    """The index's own text as the book's motto when it is one: quotations (or lines of verse)
    with their sources, as a dedication in verse is. A publisher sets these at the head of the text with no
    heading; titling them "About this work" would invent one. Longer prose (an introduction,
    acknowledgements, an editor's note) keeps its own section."""
    if any(isinstance(block, Heading | Section) for block in blocks):
        return None
    quoted = any(isinstance(block, Quotation | Epigraph | Verse) for block in blocks)
    if not quoted or len(block_text(blocks).split()) > _MOTTO_WORDS:
        return None  # a short note in prose may be the editors' ("Transcribed in 1999"): no motto
    if any(
        isinstance(block, Paragraph) and len(inline_text(block.content).split()) > _SOURCE_WORDS for block in blocks
    ):
        return None  # a paragraph of prose beside the quotation: an introduction that quotes
    inner = tuple(part for block in blocks for part in (block.blocks if isinstance(block, Quotation) else (block,)))
    return Epigraph(blocks=inner)


def _about_the_work(language: str) -> str:
    """ "About this work" in the book's language, else in English (the registry's, always there)."""
    for lexicon in (lexicon_for(language), lexicon_for("en")):
        if lexicon is not None and lexicon.about_the_work:
            return lexicon.about_the_work
    raise LookupError("the English lexicon has no about_the_work")


def _untranscribed(entries: Sequence[str], chapters: Sequence[Chapter]) -> list[str]:
    """Unlinked contents entries that no chapter holds as a heading (or a line standing alone):
    Cannon's index lists each part's chapters unlinked under the linked part, and those are
    in the book."""
    headings = [" ".join(_words(text)) for chapter in chapters for text in _headings(chapter)]
    found = []
    for entry in entries:
        core = " ".join(_words(_ENTRY_NUMBER.sub("", entry)))
        held = (core in heading or (heading.count(" ") >= 2 and heading in core) for heading in headings)
        if core and not any(held):
            found.append(entry)
    return found


def _headings(chapter: Chapter) -> Iterator[str]:
    metadata = chapter.document.metadata
    yield chapter.label
    yield metadata.title
    if metadata.subtitle:
        yield metadata.subtitle
    found: Iterator[Heading | Paragraph | Section] = query(
        chapter.document.body, (Heading, Paragraph, Section), into=_is_section
    )
    for block in found:
        if isinstance(block, Heading):
            yield inline_text(block.content, notes=False)
        elif isinstance(block, Paragraph):
            text = inline_text(block.content, notes=False)
            if len(_words(text)) <= _LINE_WORDS:
                yield text  # a heading set as a paragraph (Cannon's p.sub)
        else:
            yield inline_text(block.title, notes=False)


def _is_section(node: Node) -> bool:
    """Headings are looked for in the text and its sections, not in quotations, lists or notes."""
    return isinstance(node, Section)


def _section(chapter: Chapter, work: Metadata) -> Section:
    metadata = chapter.document.metadata
    title = _chapter_title(chapter)
    ident = section_id(chapter.href)
    blocks: tuple[Block, ...] = chapter.document.body
    if metadata.subtitle and _words(metadata.subtitle) != _words(title):
        blocks = (Heading(level=1, content=(Text(text=metadata.subtitle),)), *blocks)
    own = _own_credits(metadata, work, title)
    return Section(id=ident, title=(Text(text=title),), blocks=blocks, metadata=own)


def _own_credits(chapter: Metadata, work: Metadata, title: str) -> Metadata | None:
    """What a chapter page says about itself that the work does not: another author (a debate,
    a collection of obituaries), its own date (a lecture, an article of a series), its own
    source or transcribers. It goes under the chapter's title and into the colophon."""
    authors = chapter.authors if chapter.authors and not _same_people(chapter.authors, work.authors) else ()
    date = chapter.date if chapter.date and chapter.date != work.date else None
    source = chapter.source if chapter.source and chapter.source != work.source else None
    contributors = chapter.contributors if _credits(chapter.contributors) - _credits(work.contributors) else ()
    if not (authors or date or source or contributors):
        return None
    return Metadata(
        title=title, language=chapter.language, authors=authors, date=date, source=source, contributors=contributors
    )


def _credits(contributors: Sequence[Contributor]) -> set[tuple[str, Role]]:
    """Each (person, role) credited: a chapter's markup credit is the work's, whatever other
    roles the work gives the same person."""
    return {(contributor.name, role) for contributor in contributors for role in contributor.roles}


def _same_people(first: Sequence[str], second: Sequence[str]) -> bool:
    """ "J. C. Mariategui" and "Jose Carlos Mariategui" are one author: surnames decide."""
    return _surnames(first) == _surnames(second)


def _surnames(names: Sequence[str]) -> set[str]:
    return {parts[-1] for name in names if (parts := _words(name))}


def section_id(href: str) -> str:
    return "ch-" + re.sub(r"[^a-z0-9]+", "-", href.lower().rsplit(".", 1)[0]).strip("-")


def _relink(blocks: Sequence[Block], targets: dict[str, str]) -> tuple[Block, ...]:
    """Links between the work's pages (relative, or absolute in the archive) become links
    between its sections."""

    def change(target: str) -> str:
        page = unquote(target.split("#")[0])
        return f"#{targets[page]}" if page in targets else target

    return relink(blocks, change)


def _chapter_title(chapter: Chapter) -> str:
    """The chapter's heading: the index's label ("Chapter I. A Disastrous Dogma") when it says as
    much as the page's own, the page's own when the index only numbers it ("I", "II")."""
    metadata = chapter.document.metadata
    own = metadata.subtitle or metadata.title
    label = chapter.label
    if label and (not own or len(_words(label)) >= _MIN_LABEL_WORDS or len(_words(label)) > len(_words(own))):
        return label
    return own or label


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _page_href(href: str | None) -> str | None:
    """A link to a page in the same folder ("ch01.htm", "ch01.htm#s2"), or None."""
    if not href:
        return None
    parts = split(href.strip())
    if parts is None:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith(("/", "..")) or "/" in path:
        return None
    return path if _PAGE.search(path) else None


def assemble_anthology(items: Sequence[Document], *, title: str, author: str | None) -> Document:
    """Separate texts as one book: each keeps its own author, date and source in its section."""
    authors: list[str] = [author] if author else []
    if not authors:
        for item in items:
            authors.extend(name for name in item.metadata.authors if name not in authors)
    language = items[0].metadata.language if items else "en"
    metadata = Metadata(
        title=title,
        language=language,
        authors=tuple(authors),
        identifier=_anthology_identifier(items, title),
    )
    sections = tuple(
        Section(
            id=f"item-{number}",
            title=(Text(text=item.metadata.title),),
            blocks=item.body,
            metadata=item.metadata,
        )
        for number, item in enumerate(items, start=1)
    )
    return Document(metadata=metadata, body=sections)


def _anthology_identifier(items: Sequence[Document], title: str) -> str:
    """The same selection under the same title is the same book on every build."""
    seed = "\n".join([title, *(item.metadata.identifier or item.metadata.title for item in items)])
    return identifier_for(None, seed.encode("utf-8"))
