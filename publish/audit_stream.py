"""The audit's one side from the model: its words in reading order, body first, then the notes.

MIA pages set note texts after the body, so that is where a reader of the page meets them;
the stream keeps which words came from which note, since a note's text may move in the
alignment and body text may not (see ``audit``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import get_args

from publish.audit_metadata import metadata_phrases
from publish.audit_source import SoftWord, fast_words
from publish.model import Document, Figure, Inline, LineBreak, Note, PageMarker, Superscript, Text
from publish.model_walk import Node, parts
from publish.words import words


@dataclass(slots=True)
class Stream:
    """The model's words in reading order, knowing which came from notes (which may move)."""

    words: list[str] = field(default_factory=list)
    body_length: int = 0
    note_spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    run: list[str] = field(default_factory=list)

    def boundary(self) -> None:
        self.add(fast_words("".join(self.run)))
        self.run = []

    def add(self, found: Iterable[str]) -> None:
        self.words.extend(found)


_JOINED = tuple(kind for kind in get_args(Inline) if kind not in (Superscript, LineBreak))
"""Inlines whose words run on with their neighbours' ("<em>T</em>he")."""


def model_words(document: Document) -> tuple[list[str], list[str]]:
    """The text stream (body without notes, then each note's words) and the metadata's words.

    MIA pages set note texts after the body, so that is where a reader of the page meets them.
    """
    stream = model_stream(document)
    return stream.words, [word for phrase in metadata_phrases(document.metadata) for word in phrase]


def model_stream(document: Document) -> Stream:
    stream = Stream()
    _walk(document.body, stream)
    stream.boundary()
    stream.body_length = len(stream.words)
    seen: set[Note] = set()
    position = 0
    while position < len(stream.notes):  # notes found inside notes join the queue
        note = stream.notes[position]
        position += 1
        if note not in seen:  # a note called twice is printed once on the page
            seen.add(note)
            start = len(stream.words)
            _walk(note.blocks, stream)
            stream.boundary()
            stream.note_spans.append((start, len(stream.words)))
    return stream


def _walk(nodes: Iterable[Node], stream: Stream) -> None:
    """Follow ``model_walk``'s parts, so a node type added later is read, not skipped.

    Inline containers join their words with their neighbours ("<em>T</em>he"); blocks,
    their parts (cells, lines of verse, list items), line breaks and superscripts separate
    them, as they do in the page.
    """
    for node in nodes:
        if isinstance(node, Text):
            stream.run.append(node.text)
        elif isinstance(node, Note):
            stream.boundary()
            stream.notes.append(node)
        elif isinstance(node, PageMarker):
            pass
        elif isinstance(node, Figure):
            stream.boundary()
            _walk(node.caption, stream)
            stream.boundary()
            stream.add(SoftWord(word) for word in words(node.alt))
        elif isinstance(node, _JOINED):
            for part in parts(node):
                _walk(part, stream)
        else:
            stream.boundary()
            for part in parts(node):
                _walk(part, stream)
                stream.boundary()
