"""The class vocabulary the reader's engines look for, as one value a page family hands them.

MIA pages say what a block is by its class (``p.quoteb`` a quotation, ``p.sig`` a signature,
``p.updat`` the "Last updated" line), but each markup family has its own words for it. The
engines (the body converter, the header, footer and note readers) ask a ``Cues`` value, never a
module of their own, so a family adds a word by extending ``BASE`` and no other family reads it.
``BASE`` holds the words the archive uses across families: a class one family's pages made
common is honoured on every page, because pages of every family borrow it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, kw_only=True)
class Cues:
    """Class names by what they mark; ``page_marker`` reads printed page numbers from comments."""

    # the body converter (blocks and inlines)
    quotation: frozenset[str] = _NONE
    verse: frozenset[str] = _NONE
    signature: frozenset[str] = _NONE
    dateline: frozenset[str] = _NONE
    editor_aside: frozenset[str] = _NONE
    epigraph: frozenset[str] = _NONE
    insertion: frozenset[str] = _NONE
    small_caps: frozenset[str] = _NONE
    # the header and the foot
    header_line: frozenset[str] = _NONE
    """Lines that are header even when they read like prose (``p.title``, ``p.author``)."""
    credits: frozenset[str] = _NONE
    """Credit blocks (``p.information``, ``p.info``)."""
    work_title: frozenset[str] = _NONE
    """The line over the title naming the work, the author or the collection (``p.title``)."""
    updated: frozenset[str] = _NONE
    """The "Last updated" line (``p.updat``)."""
    standfirst: frozenset[str] = _NONE
    """A standfirst under the title (doc.css's ``p.c``), when its text reads like one."""
    # site furniture and layout
    breadcrumb: frozenset[str] = _NONE
    """Navigation by class alone, whatever its link words."""
    navigation: frozenset[str] = _NONE
    """Navigation when it holds only links or nothing (a breadcrumb is navigation too)."""
    layout: frozenset[str] = _NONE
    """A ``div`` that frames the page, not a part of it (``div.border``)."""
    page_frame: frozenset[str] = _NONE
    """A ``blockquote`` holding a block of one of these classes frames the page."""
    # notes
    note: frozenset[str] = _NONE
    editor_note: frozenset[str] = _NONE
    translator_note: frozenset[str] = _NONE
    note_furniture: frozenset[str] = _NONE
    """Blocks that end a note: navigation and page-maintenance lines."""
    page_marker: re.Pattern[str] | None = None
    """A comment marking a printed page, with ``volume`` and ``page`` groups."""
    any_note: frozenset[str] = field(init=False, default=_NONE)
    """Every note class, whoever wrote the note: known once, asked of every candidate note."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "navigation", self.navigation | self.breadcrumb)
        object.__setattr__(self, "any_note", self.note | self.editor_note | self.translator_note)

    def extended(self, own: Cues) -> Cues:
        """These cues and a family's ``own``: each set the union of both, ``own``'s page marker first."""
        merged: dict[str, object] = {}
        for item in dataclasses.fields(self):
            if item.init:
                mine, theirs = getattr(self, item.name), getattr(own, item.name)
                merged[item.name] = mine | theirs if isinstance(mine, frozenset) else theirs or mine
        return Cues(**merged)  # type: ignore[arg-type]

    def class_names(self) -> frozenset[str]:
        """Every class name these cues know: what no engine module may spell for itself."""
        return frozenset().union(*(value for value in _sets(self)))


def _sets(cues: Cues) -> list[frozenset[str]]:
    return [value for item in dataclasses.fields(cues) if isinstance(value := getattr(cues, item.name), frozenset)]


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


BASE = Cues(
    quotation=_names("quoteb quote indentb inline quotec blockquote indent extract"),
    verse=_names("verse poem poetry stanza song"),
    signature=_names("sig signature sign signed"),
    dateline=_names("dateline date place address salutation-date"),
    editor_aside=_names("pagenoteb pagenote editor ednote intro preface-ed"),
    epigraph=_names("epigraph motto"),
    insertion=_names("inote editornote ed"),
    small_caps=_names("sc smallcaps small-caps smcap"),
    header_line=_names("title author subtitle date center a t"),
    credits=_names("info infobloc source credits"),
    work_title=_names("title"),
    breadcrumb=_names("toplink footer navigation nav breadcrumb next prev"),
    navigation=_names("index"),
    layout=_names("main content container wrapper page text body box"),
    page_frame=_names("footer title toplink"),
    note=_names("note notes endnote endnotes footnote footnotes fnote notet anote enote"),
    editor_note=_names("ednote inote pagenote pagenoteb editornote ednotes mianote"),
    translator_note=_names("tnote trnote transnote"),
    note_furniture=_names("link toplink updat footer next prev previous nav navigation toc"),
)
"""What the pages of every family use; a family's cues are these and its own."""
