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
    Block,
    EditorialInsertion,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    Note,
    Paragraph,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from publish.model_walk import holds_blocks, holds_inlines, parts

_HYPHENS = "-\u2010\u2011\u00ad"
_WORD = re.compile(r"[\w" + re.escape(_HYPHENS) + r"'’]+")
_LINE_END_HYPHEN = re.compile(r"(?<![-\u2010])[-\u2010\u00ad]\s*\n\s*")
_CONTAINERS = (Emphasis, Strong, SmallCaps, Superscript, Subscript, Link, EditorialInsertion)
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
    """A block's parts one per line (a table's caption and cells, the lines of a verse, the
    items of a list); a figure without a caption reads as its alt text."""
    if isinstance(block, (Paragraph, Heading)):  # nearly every block: the shortest way for them
        return inline_text(block.content, notes=notes)
    if isinstance(block, Figure):
        return inline_text(block.caption, notes=notes) or block.alt
    return "\n".join(_part(part, notes) for part in parts(block))


def _part(part: tuple[Block, ...] | tuple[Inline, ...], notes: bool) -> str:
    if holds_blocks(part):
        return block_text(part, notes=notes)
    return inline_text(part, notes=notes) if holds_inlines(part) else ""


def inline_text(inlines: Iterable[Inline], *, notes: bool = True) -> str:
    """The text a reader reads; ``notes=False`` leaves out notes (a note is not part of the sentence)."""
    texts: list[str] = []
    for inline in inlines:  # plain type tests first, not ``match``: this runs for every inline of a book
        if isinstance(inline, Text):
            texts.append(inline.text)
        elif isinstance(inline, Note):
            texts.append(" " + block_text(inline.blocks, notes=notes) + " " if notes else "")
        elif isinstance(inline, LineBreak):
            texts.append("\n")
        elif isinstance(inline, _CONTAINERS):  # the commonest containers, without asking ``parts``
            texts.append(inline_text(inline.content, notes=notes))
        else:  # a container's words run on with its neighbours'; a page marker has none
            texts.extend(_part(part, notes) for part in parts(inline))
    return "".join(texts)
