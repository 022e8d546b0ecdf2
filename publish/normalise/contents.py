"""The contents list on a work's index page, told apart from the page's own text.

An index page is two things at once: a table of contents (which the book replaces with its
own) and, often, text of its own that belongs in the book: an editor's introduction (Cannon's
*Struggle for a Proletarian Party*), the background of the work (Marx's *Gotha Programme*), a
note on the transcription (*Zombie Capitalism*). Dropping the whole index loses those words;
keeping it whole prints a dead contents list. So each block is weighed by how much of its text
is link text leading into the work: a contents block is mostly that. Short unlinked blocks
among the contents ("Part I", "Table of Contents:") label the list and go with it.

An entry in the list that links nowhere is a part of the work the archive has not transcribed;
the book is made without it and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from publish.model import Block, Break, Heading, Inline, LineBreak, Link, ListBlock, Note
from publish.model_walk import holds_blocks, holds_inlines, parts, query
from publish.normalise.archive import ARCHIVE
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import furniture_words
from publish.words import inline_text

_LABEL_WORDS = 12  # "Part One: Understanding the System: Marx and Beyond" is a label, a paragraph is not
_CAPTION_WORDS = 4  # "Table of Contents:" just before the list
_CAPTION_REACH = 3
_CONTENTS_SHARE = 0.5
_NUMBERED = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:\d+|[ivxlcdm]+|[a-z])[.):]\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IndexText:
    own: tuple[Block, ...]
    """The index page's own text, without its contents list."""
    unlinked: tuple[str, ...]
    """Entries of the contents list that lead to no page (untranscribed parts)."""


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    words: int
    linked: int


def split_index(body: Sequence[Block], lexicon: Lexicon | None = None) -> IndexText:
    lines = [_lines(block) for block in body]
    listing = [_is_listing(block_lines) for block_lines in lines]
    if not any(listing):
        return IndexText(own=tuple(body), unlinked=())
    first = listing.index(True)
    last = len(listing) - 1 - listing[::-1].index(True)
    entries = [listing[n] or _is_entries(lines[n]) if first <= n <= last else False for n in range(len(body))]
    dropped = {n for n in range(first, last + 1) if entries[n]}
    for number in range(last, first - 1, -1):  # a label ("Part I") heads the entries after it
        if not entries[number] and _words(lines[number]) <= _LABEL_WORDS and number + 1 in dropped:
            dropped.add(number)
    dropped |= _caption(body, lines, first, furniture_words(resolve(lexicon)).contents_words)
    after = last + 1  # a list right after the last entry is what that entry holds (Cannon's Part IX)
    while after < len(body) and isinstance(body[after], ListBlock) and _is_short_lines(lines[after]):
        dropped.add(after)
        after += 1
    own = _trim_breaks([block for number, block in enumerate(body) if number not in dropped])
    unlinked = tuple(
        line.text
        for number in sorted(dropped)
        for line in lines[number]
        if not line.linked and line.words >= 2 and _NUMBERED.match(line.text)
    )
    return IndexText(own=tuple(own), unlinked=unlinked)


def _is_listing(lines: Sequence[_Line]) -> bool:
    """Entries, at least one of them linked: "Chronology" linked above "Chapter 1. Iron and
    empires" unlinked is still the contents list (of a work mostly not transcribed)."""
    entries = sum(line.linked or (line.words if _NUMBERED.match(line.text) else 0) for line in lines)
    return any(line.linked for line in lines) and entries >= _CONTENTS_SHARE * _words(lines)


def _is_entries(lines: Sequence[_Line]) -> bool:
    """Numbered entries with no link, among the contents: what a linked part holds (Cannon)."""
    numbered = sum(line.words for line in lines if _NUMBERED.match(line.text))
    return bool(lines) and numbered >= _CONTENTS_SHARE * _words(lines)


def _caption(
    body: Sequence[Block], lines: Sequence[Sequence[_Line]], first: int, contents_words: frozenset[str]
) -> set[int]:
    """The heading of the list ("Contents", "Table of Contents:") and short lines between it
    and the first linked entry (Cannon's "Introduction by Dave Holmes", whose link the
    reader dropped as it pointed at the page itself)."""
    for number in range(first - 1, max(-1, first - _CAPTION_REACH - 1), -1):
        block_lines = lines[number]
        if _words(block_lines) > _LABEL_WORDS or any(line.linked for line in block_lines):
            return set()
        text = " ".join(line.text for line in block_lines)
        named = bool(contents_words & set(re.findall(r"\w+", text.casefold())))
        if named and _words(block_lines) <= _CAPTION_WORDS:
            return set(range(number, first))
        if (
            number == first - 1
            and _words(block_lines) <= _CAPTION_WORDS
            and (isinstance(body[number], Heading) or text.rstrip().endswith(":"))
        ):
            return {number}
    return set()


def _is_short_lines(lines: Sequence[_Line]) -> bool:
    return bool(lines) and all(not line.linked and line.words <= _LABEL_WORDS for line in lines)


def _words(lines: Sequence[_Line]) -> int:
    return sum(line.words for line in lines)


def _trim_breaks(blocks: list[Block]) -> list[Block]:
    while blocks and isinstance(blocks[0], Break):
        blocks.pop(0)
    while blocks and isinstance(blocks[-1], Break):
        blocks.pop()
    return blocks


def _lines(block: Block) -> list[_Line]:
    """The block as the lines a reader sees: list items, verse lines, cells, lines broken by <br>."""
    lines: list[_Line] = []
    for part in parts(block):
        if holds_blocks(part):
            lines += [line for inner in part for line in _lines(inner)]
        elif holds_inlines(part):
            lines += [_line(run) for run in _split(part)]
    return lines


def _split(content: Sequence[Inline]) -> list[tuple[Inline, ...]]:
    parts: list[list[Inline]] = [[]]
    for inline in content:
        if isinstance(inline, LineBreak):
            parts.append([])
        else:
            parts[-1].append(inline)
    return [tuple(part) for part in parts if inline_text(part, notes=False).strip()]


def _line(content: Sequence[Inline]) -> _Line:
    text = " ".join(inline_text(content, notes=False).split())
    return _Line(text=text, words=_count(text), linked=sum(_count(text) for text in _link_texts(content)))


def _link_texts(content: Iterable[Inline]) -> Iterable[str]:
    """The text of links into the archive, notes left out (a note's links are no contents entry)."""
    for link in query(content, Link, into=_outside_notes):
        if _is_local(link.target):
            yield inline_text(link.content, notes=False)


def _outside_notes(node: object) -> bool:
    return not isinstance(node, Note | Link)


def _is_local(target: str) -> bool:
    """A link to an archive page (in the work or beside it) or a place on the index itself."""
    return target.startswith(ARCHIVE) or ("://" not in target and not target.startswith("mailto:"))


def _count(text: str) -> int:
    return len(re.findall(r"[^\W_]+", text))
