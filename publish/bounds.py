"""Bounds on what a page asks the layout engines to set: words per paragraph, letters per word.

Both engines lay a paragraph out as a whole and cannot break a line inside a word: a 5 MB
page in one paragraph took WeasyPrint 86 s and 770 MB, and a 5 MB word 174 s for a page that
showed 81 of its letters, the rest run off the edge. So before typography (which then works
on shorter contexts too) a paragraph longer than ``Limits.paragraph_words`` is cut into
paragraphs of that many words (N060), and a word longer than ``Limits.word_chars`` gets a
break opportunity (U+200B, invisible) every ``SPACING`` letters (N061), so it wraps, in the PDF
and the EPUB alike, and no letter is lost. Archive pages are far inside both bounds (the
corpus's longest paragraph is about 750 words), so neither changes a real book.

A "word" here is what a line cannot break inside: a run of letters between breakable spaces
(a no-break space joins, so ``a\u00a0a\u00a0a…`` is one word) and not in a script that breaks
between its letters anyway (Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar), where
each letter counts as a word of its own. Each pass is one scan of the text: no regular
expression here backtracks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from publish.errors import Diagnostic, Severity
from publish.limits import DEFAULT, Limits
from publish.model import (
    Aside,
    Block,
    Document,
    EditorialInsertion,
    Emphasis,
    Epigraph,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Note,
    Paragraph,
    Quotation,
    Section,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
)
from publish.model_walk import Node, query, transform

BREAK = "\u200b"
"""The zero-width space: a line may break there, and nothing is drawn."""
SPACING = 20
"""Letters between the break opportunities of a long word: fewer than the narrowest line holds
(about 30 in large print on A6). A piece wider than the line would run off its edge, letters
lost, and WeasyPrint's time over such pieces grows with the square of the word (a 200,000-letter
word broken every 200 letters took 204 s; every 20, 8 s for 152 pages showing every letter)."""

_SPACES = " \t\n\r\f\v\u1680\u2000-\u2006\u2008-\u200a\u200b\u205f\u3000"
"""Where a line may break: spaces other than the no-break ones (U+00A0, U+2007, U+202F)."""
_OWN_WORDS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
)
"""Scripts a line breaks between letters of (dictionary or per-letter breaking): each letter a word."""
_WORDS = re.compile(rf"[^{_SPACES}{_OWN_WORDS}]+|[{_OWN_WORDS}]")
_JOINERS = "\u200c\u200d\u2060\ufe0e\ufe0f"


@cache
def _long_word(most: int) -> re.Pattern[str]:
    # Starts only where a word starts (after a space, a letter of its own or the text's start),
    # so each word is scanned once, however long.
    return re.compile(rf"(?<![^{_SPACES}{_OWN_WORDS}])[^{_SPACES}{_OWN_WORDS}]{{{most + 1},}}")


def bound(document: Document, *, limits: Limits = DEFAULT) -> tuple[Document, tuple[Diagnostic, ...]]:
    """``document`` with long words given break opportunities and long paragraphs cut, and a
    diagnostic for each kind of change; the same document object when nothing needed it."""
    bounder = _Bounder(limits)
    body = bounder.blocks(transform(document.body, block=bounder.block, inline=bounder.inline))
    if body is document.body:
        return document, ()
    where = document.metadata.origin or document.metadata.title or "document"
    return replace(document, body=body), _diagnostics(bounder, limits, where)


def _diagnostics(tally: _Bounder, limits: Limits, where: str) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    if tally.paragraphs:
        found.append(
            Diagnostic(
                code="N060",
                severity=Severity.WARNING,
                where=where,
                message=f"{_count(tally.paragraphs, 'paragraph')} longer than {limits.paragraph_words:,} words "
                f"(the longest {tally.longest_paragraph:,}) cut into paragraphs of {limits.paragraph_words:,} words",
            )
        )
    if tally.words:
        found.append(
            Diagnostic(
                code="N061",
                severity=Severity.WARNING,
                where=where,
                message=f"{_count(tally.words, 'word')} longer than {limits.word_chars:,} letters "
                f"(the longest {tally.longest_word:,}) given a line break opportunity "
                f"every {min(limits.word_chars, SPACING)} letters",
            )
        )
    return tuple(found)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"


def _broken(word: str, most: int) -> str:
    pieces: list[str] = []
    start = 0
    while len(word) - start > most:
        cut = start + most
        while cut < len(word) and _holds_together(word, cut):
            cut += 1
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return BREAK.join(piece for piece in pieces if piece)


def _holds_together(word: str, at: int) -> bool:
    """Whether a break before ``word[at]`` would part a letter from its accent or a joined pair."""
    return bool(unicodedata.combining(word[at])) or word[at] in _JOINERS or word[at - 1] in _JOINERS


_Container = Emphasis | Strong | SmallCaps | Superscript | Subscript | EditorialInsertion | Link


class _Bounder:
    """One walk's rules and what they changed (for one diagnostic of each kind, not one per
    paragraph or word). Blocks holding blocks get their paragraphs cut; text its words broken."""

    def __init__(self, limits: Limits) -> None:
        self.words_most, self.paragraph_most = limits.word_chars, limits.paragraph_words
        self.long_word = _long_word(limits.word_chars)
        self.paragraphs = self.longest_paragraph = self.words = self.longest_word = 0

    def block(self, node: Block) -> Block:
        match node:
            case Section(blocks=held) | Quotation(blocks=held) | Epigraph(blocks=held) | Aside(blocks=held):
                cut = self.blocks(held)
                return node if cut is held else replace(node, blocks=cut)
            case ListBlock(items=items):
                listed = tuple(self._item(item) for item in items)
                return node if all(a is b for a, b in zip(listed, items, strict=True)) else replace(node, items=listed)
            case Table(rows=rows):
                cells = tuple(tuple(self._cell(cell) for cell in row) for row in rows)
                same = all(a is b for new, old in zip(cells, rows, strict=True) for a, b in zip(new, old, strict=True))
                return node if same else replace(node, rows=cells)
            case _:
                return node

    def _item(self, item: ListItem) -> ListItem:
        cut = self.blocks(item.blocks)
        return item if cut is item.blocks else replace(item, blocks=cut)

    def _cell(self, cell: TableCell) -> TableCell:
        cut = self.blocks(cell.blocks)
        return cell if cut is cell.blocks else replace(cell, blocks=cut)

    def inline(self, node: Inline) -> Inline:
        if isinstance(node, Text):
            return self._text(node)
        if isinstance(node, Note):
            cut = self.blocks(node.blocks)
            return node if cut is node.blocks else replace(node, blocks=cut)
        return node

    def _text(self, node: Text) -> Text:
        if len(node.text) <= self.words_most or self.long_word.search(node.text) is None:
            return node
        return Text(text=self.long_word.sub(self._broken, node.text))

    def _broken(self, match: re.Match[str]) -> str:
        self.words += 1
        self.longest_word = max(self.longest_word, len(match[0]))
        return _broken(match[0], min(self.words_most, SPACING))

    def blocks(self, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        """``blocks`` with each over-long paragraph cut, or ``blocks`` itself if none is."""
        out: list[Block] = []
        changed = False
        for block in blocks:
            pieces = self._paragraphs(block) if isinstance(block, Paragraph) else None
            if pieces is None:
                out.append(block)
            else:
                out.extend(pieces)
                changed = True
        return tuple(out) if changed else blocks

    def _paragraphs(self, paragraph: Paragraph) -> list[Paragraph] | None:
        """The paragraph cut into paragraphs of at most ``paragraph_most`` words, or None if it is not longer."""
        texts = [node.text for node in query(paragraph.content, Text, into=_not_note)]
        if sum(map(len, texts)) <= self.paragraph_most:  # each word is at least one letter
            return None
        count = sum(len(_WORDS.findall(text)) for text in texts)
        if count <= self.paragraph_most:
            return None
        self.paragraphs += 1
        self.longest_paragraph = max(self.longest_paragraph, count)
        pieces = _Cutter(self.paragraph_most).pieces(paragraph.content)
        return [replace(paragraph, content=tuple(piece)) for piece in pieces if piece]


def _not_note(node: Node) -> bool:
    return not isinstance(node, Note)


class _Cutter:
    """Inlines cut into runs of at most ``most`` words, at a space between words; an emphasis
    or link the cut falls in is split into two of the same kind."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.filled = 0  # words in the current run

    def pieces(self, inlines: Sequence[Inline]) -> list[list[Inline]]:
        """The runs; the first continues the run before ``inlines``, each next one starts a paragraph."""
        out: list[list[Inline]] = [[]]
        for node in inlines:
            if isinstance(node, Text):
                parts = self._text(node.text)
            elif isinstance(node, _Container):
                parts = [[replace(node, content=tuple(part))] if part else [] for part in self.pieces(node.content)]
            else:
                parts = [[node]]
            out[-1].extend(parts[0])
            out.extend(parts[1:])
        return out

    def _text(self, text: str) -> list[list[Inline]]:
        parts: list[list[Inline]] = []
        start = 0
        for match in _WORDS.finditer(text):
            if self.filled >= self.most and match.start() > 0:  # at 0 the word may go on from the inline before
                parts.append(_texts(text[start : match.start()].rstrip(" \t\r\n")))
                start, self.filled = match.start(), 0
            self.filled += 1
        parts.append(_texts(text[start:]))
        return parts


def _texts(text: str) -> list[Inline]:
    return [Text(text=text)] if text else []
