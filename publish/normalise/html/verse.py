"""Verse and breaks told from prose: short ``<br>``-broken lines, centred tables of lines, ``* * *``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.etree import _Element

from publish.model import Inline, LineBreak, Text, Verse
from publish.model_walk import broken_lines
from publish.normalise.html.parse import own_cells, text_of
from publish.normalise.inlines import tidy
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import enumerated

# Only break characters, at least one of them a star, bullet or section sign. The "at least one"
# is a lookahead, not a mark between two runs of the same characters, which would backtrack
# quadratically on a long run of stars that fails at its end.
BREAK_TEXT = re.compile(r"^(?=.*?[*•·◊§⁂])[\s*•·◊§⁂_~=.–—-]*$", re.DOTALL)
MAX_VERSE_LINE = 75


def as_verse(content: Sequence[Inline], *, force: bool, lexicon: Lexicon | None = None) -> Verse | None:
    """Lines broken by ``<br>`` that are short, several and not prose are a poem's lines."""
    if not force and sum(1 for inline in content if isinstance(inline, LineBreak)) < 2:
        return None  # fewer than three lines: most paragraphs are known without splitting them
    lines = broken_lines(content)
    texts = [flat_text(line).strip() for line in lines]
    filled = [text for text in texts if text]
    if not force and (len(filled) < 3 or max(len(text) for text in filled) > MAX_VERSE_LINE):
        return None
    if not force and sum(text.endswith((".", ",", ";", ":")) for text in filled) == len(filled) > 3:
        return None
    if not force and sum(1 for text in filled if enumerated(resolve(lexicon)).match(text)) * 2 > len(filled):
        return None
    lined = stanzas([tidy(line) for line in lines])
    return Verse(stanzas=lined) if lined else None


def lines_of(content: Sequence[Inline]) -> list[str]:
    """The text of each line ``<br>`` breaks ``content`` into."""
    return [flat_text(line).strip() for line in broken_lines(content)]


def stanzas(lines: Sequence[tuple[Inline, ...]]) -> tuple[tuple[tuple[Inline, ...], ...], ...]:
    """Lines into stanzas: an empty line parts two."""
    found: list[list[tuple[Inline, ...]]] = [[]]
    for line in lines:
        if line:
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return tuple(tuple(stanza) for stanza in found if stanza)


def flat_text(inlines: Sequence[Inline]) -> str:
    """The text of inlines and of everything inside them but notes, as one string."""
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif hasattr(inline, "content"):
            parts.append(flat_text(inline.content))
    return "".join(parts)


def is_verse_table(table: _Element) -> bool:
    """A centred one-column table of short lines (Lafargue's epigraphs and songs)."""
    cells = own_cells(table)
    if not cells or len(cells) > 3 or table.get("align", "").lower() != "center":
        return False
    return all(len(text_of(cell)) < 2000 for cell in cells) and all(cell.find(".//table") is None for cell in cells)
