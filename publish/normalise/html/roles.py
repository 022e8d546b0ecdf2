"""What a paragraph is in a letter or speech (signature, dateline, salutation), and a heading's level."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.model import Inline, ParagraphRole
from publish.normalise.html.tags import HEADINGS
from publish.normalise.html.verse import MAX_VERSE_LINE, lines_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import enumerated, salutation

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues


def paragraph_role(names: frozenset[str], text: str, cues: Cues, lexicon: Lexicon | None = None) -> ParagraphRole:
    """The paragraph's role from its classes, or from its ``text`` (a letter's "Dear Comrade,")."""
    if names & cues.signature:
        return ParagraphRole.SIGNATURE
    if names & cues.dateline:
        return ParagraphRole.DATELINE
    if salutation(resolve(lexicon)).match(text.strip()):
        return ParagraphRole.SALUTATION
    return ParagraphRole.BODY


_MAX_HEADING_WORDS = 12
_CENTRED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)


def is_display(element: _Element, content: Sequence[Inline]) -> bool:
    """Short lines the page centres in a paragraph of their own (a formula, an equation): set
    apart from the text, and never reflowed. Centred prose running longer stays running text."""
    centred = (element.get("align") or "").lower() == "center" or _CENTRED.search(element.get("style") or "")
    return bool(centred) and all(len(line) <= MAX_VERSE_LINE for line in lines_of(content))


def is_sentence_heading(lines: Sequence[str], lexicon: Lexicon | None = None) -> bool:
    """A small heading (h5, h6) that is a sentence, not a title: an epigraph set as a heading
    ("Let us be lazy in everything … – Lessing"). A numbered one ("1. The two poles of the
    expression of value. Relative form …") is a subsection's title however long it runs; a
    heading of several numbered lines is a list set in heading type, no title."""
    numbered = sum(1 for line in lines if enumerated(resolve(lexicon)).match(line))
    return sum(len(line.split()) for line in lines) > _MAX_HEADING_WORDS and numbered != 1


def next_level(levels: Mapping[str, int], tag: str) -> int:
    """Headings are numbered by rank among those the body uses, so h4-only bodies start at 1."""
    rank = HEADINGS[tag]
    higher = [level for other, level in levels.items() if HEADINGS[other] < rank]
    lower = [level for other, level in levels.items() if HEADINGS[other] > rank]
    if lower and not higher:
        return max(1, min(lower) - 1) if min(lower) > 1 else 1
    return (max(higher) + 1) if higher else 1
