"""Words for fidelity checks: did every word of the text reach the model, the EPUB, the PDF?

Comparison ignores what typography and layout legitimately change: quote and apostrophe
shapes, dashes, case, and hyphens (a word broken at a line end comes back as "revolu-" +
"tion", a compound as "non-" + "party"; both compare equal once hyphens are dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    Note,
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

_HYPHENS = "-\u2010\u2011\u00ad"
_WORD = re.compile(r"[\w" + re.escape(_HYPHENS) + r"'’]+")
_LINE_END_HYPHEN = re.compile(r"(?<![-\u2010])[-\u2010\u00ad]\s*\n\s*")
_DASH_RUN = re.compile(r"-{2,}")  # "party--and" is two words, as typography's em dash makes it


def words(text: str) -> list[str]:
    """Normalised words of ``text``; a hyphen at a line end joins the two halves."""
    text = _DASH_RUN.sub(" ", unicodedata.normalize("NFKC", _LINE_END_HYPHEN.sub("", text)))
    result = []
    for token in _WORD.findall(text):
        word = re.sub(r"[" + re.escape(_HYPHENS) + r"'’_]", "", token).casefold()
        if word:
            result.append(word)
    return result


@dataclass(frozen=True, slots=True)
class Missing:
    """The first source word not found in order, with some context to find it by eye."""

    index: int
    word: str
    context: str


def first_missing(expected: Sequence[str], found: Sequence[str]) -> Missing | None:
    """None if ``expected`` is a subsequence of ``found`` (extra words, like running heads, are fine)."""
    position = 0
    for index, word in enumerate(expected):
        while position < len(found) and found[position] != word:
            position += 1
        if position == len(found):
            return Missing(index=index, word=word, context=" ".join(expected[max(0, index - 6) : index + 6]))
        position += 1
    return None


def block_text(blocks: Iterable[Block], *, notes: bool = True) -> str:
    """Every word a reader reads in these blocks; notes at their call, or left out with ``notes=False``."""
    return "\n".join(_block(block, notes) for block in blocks)


def _block(block: Block, notes: bool) -> str:
    if isinstance(block, (Paragraph, Heading)):  # nearly every block: no pattern matching for them
        return inline_text(block.content, notes=notes)
    match block:
        case Quotation(blocks=inner) | Section(blocks=inner) | Epigraph(blocks=inner) | Aside(blocks=inner):
            title = inline_text(block.title, notes=notes) + "\n" if isinstance(block, Section) else ""
            return title + block_text(inner, notes=notes)
        case Verse(stanzas=stanzas):
            return "\n".join(inline_text(line, notes=notes) for stanza in stanzas for line in stanza)
        case ListBlock(items=items):
            return "\n".join(block_text(item.blocks, notes=notes) for item in items)
        case Table(rows=rows, caption=caption):
            cells = "\n".join(inline_text(cell.content, notes=notes) for row in rows for cell in row)
            return inline_text(caption, notes=notes) + "\n" + cells
        case Figure(alt=alt, caption=caption):
            return inline_text(caption, notes=notes) or alt
        case Break():
            return ""
    raise TypeError(f"unknown block {block!r}")


_CONTAINERS = (Emphasis, Strong, SmallCaps, Superscript, Subscript, Link, EditorialInsertion)


def inline_text(inlines: Iterable[Inline], *, notes: bool = True) -> str:
    """The text a reader reads; ``notes=False`` leaves out notes (a note is not part of the sentence)."""
    parts: list[str] = []
    for inline in inlines:  # plain type tests, not ``match``: this runs for every inline of a book
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif isinstance(inline, _CONTAINERS):
            parts.append(inline_text(inline.content, notes=notes))
        elif isinstance(inline, Note):
            parts.append(" " + block_text(inline.blocks, notes=notes) + " " if notes else "")
        elif isinstance(inline, LineBreak):
            parts.append("\n")  # a page marker reads as nothing
    return "".join(parts)
