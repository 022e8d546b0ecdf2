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
    def text(inlines: Iterable[Inline]) -> str:
        return inline_text(inlines, notes=notes)

    match block:
        case Paragraph(content=content) | Heading(content=content):
            return text(content)
        case Quotation(blocks=inner) | Section(blocks=inner) | Epigraph(blocks=inner) | Aside(blocks=inner):
            title = text(block.title) + "\n" if isinstance(block, Section) else ""
            return title + block_text(inner, notes=notes)
        case Verse(stanzas=stanzas):
            return "\n".join(text(line) for stanza in stanzas for line in stanza)
        case ListBlock(items=items):
            return "\n".join(block_text(item.blocks, notes=notes) for item in items)
        case Table(rows=rows, caption=caption):
            return text(caption) + "\n" + "\n".join(text(c.content) for row in rows for c in row)
        case Figure(alt=alt, caption=caption):
            return text(caption) or alt
        case Break():
            return ""
    raise TypeError(f"unknown block {block!r}")


def inline_text(inlines: Iterable[Inline], *, notes: bool = True) -> str:
    """The text a reader reads; ``notes=False`` leaves out notes (a note is not part of the sentence)."""
    parts: list[str] = []
    for inline in inlines:
        match inline:
            case Text(text=text):
                parts.append(text)
            case Emphasis() | Strong() | SmallCaps() | Superscript() | Subscript() | Link() | EditorialInsertion():
                parts.append(inline_text(inline.content, notes=notes))
            case Note(blocks=blocks):
                parts.append(" " + block_text(blocks, notes=notes) + " " if notes else "")
            case LineBreak():
                parts.append("\n")
            case PageMarker():
                pass
    return "".join(parts)
