"""Gathering a run of converted content into blocks: loose inlines between blocks become paragraphs.

Page markers met where no paragraph is open wait for the next one (``MarkerQueue``: the
converter's pending markers), so a printed page's number lands inside the text it opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from publish.model import Aside, Block, Break, Heading, Inline, PageMarker, Paragraph, Quotation, Text
from publish.normalise.html.verse import as_verse
from publish.normalise.inlines import collapse, tidy
from publish.normalise.lexicon import Lexicon


class MarkerQueue(Protocol):
    def take_markers(self) -> list[PageMarker]: ...
    def defer_markers(self, markers: Iterable[PageMarker]) -> None: ...


@dataclass(slots=True)
class Builder:
    """Collects blocks, gathering loose inline content between block elements into paragraphs."""

    markers: MarkerQueue
    blocks: list[Block] = field(default_factory=list)
    pending: list[Inline] = field(default_factory=list)
    lexicon: Lexicon | None = None
    """Whose words tell a numbered list from a poem (every language's when None)."""

    def add_inline(self, inlines: Iterable[Inline]) -> None:
        self.pending.extend(inlines)

    def add_text(self, text: str) -> None:
        """Loose source text. White space with nothing before it is dropped at once, as tidying
        would drop it: most of it is the line break between two blocks."""
        text = collapse(text)
        if self.pending or text != " ":
            self.pending.append(Text(text=text))

    def add_marker(self, marker: PageMarker) -> None:
        if self.pending and any(not isinstance(i, Text) or i.text.strip() for i in self.pending):
            self.pending.append(marker)
        else:
            self.markers.defer_markers([marker])

    def add_block(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)

    def flush(self) -> None:
        if all(isinstance(inline, Text) and not inline.text.strip(" \u00a0") for inline in self.pending):
            self.pending = []  # the white space between blocks: tidying would trim it all away
            return
        content = tidy([*self.markers.take_markers(), *self.pending])
        self.pending = []
        if content and any(not isinstance(inline, PageMarker) for inline in content):
            verse = as_verse(content, force=False, lexicon=self.lexicon)
            self.blocks.append(verse or Paragraph(content=content))
        elif content:
            self.markers.defer_markers(i for i in content if isinstance(i, PageMarker))

    def finished(self) -> tuple[Block, ...]:
        """The blocks, consecutive quotation paragraphs as one quotation and editor asides as one
        aside, and no break beside a heading (a heading already divides the text: a rule drawn
        above or below it is the page's decoration, a "* * *" the book would print for nothing)."""
        merged: list[Block] = []
        for block in self.blocks:
            previous = merged[-1] if merged else None
            if isinstance(block, Quotation) and isinstance(previous, Quotation):
                merged[-1] = Quotation(blocks=previous.blocks + block.blocks)
            elif isinstance(block, Aside) and isinstance(previous, Aside) and previous.kind is block.kind:
                merged[-1] = Aside(kind=block.kind, blocks=previous.blocks + block.blocks)
            else:
                merged.append(block)
        return tuple(
            block
            for number, block in enumerate(merged)
            if not (isinstance(block, Break) and _beside_heading(merged, number))
        )


def _beside_heading(blocks: list[Block], number: int) -> bool:
    """The break at ``number``, or the run of breaks it is one of, touches a heading."""
    before = next((block for block in reversed(blocks[:number]) if not isinstance(block, Break)), None)
    after = next((block for block in blocks[number + 1 :] if not isinstance(block, Break)), None)
    return isinstance(before, Heading) or isinstance(after, Heading)
