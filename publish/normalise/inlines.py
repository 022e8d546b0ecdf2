"""Small helpers both readers use to keep inline content tidy.

Readers emit runs of ``Text`` as they meet them; these helpers merge neighbours, collapse
source whitespace (line wrapping in the archive's files means nothing) and trim the edges of
a block, so equal texts give equal models whichever reader made them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from publish.model import (
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Note,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Text,
)
from publish.words import inline_text

# Only what collapsing changes: a line break, tab … or a space followed by more white space.
# Matching every single space (and putting it back) made this the reader's costliest call.
_SPACE = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")
_Container = Emphasis | Strong | SmallCaps | Superscript | Subscript | Link


def collapse(text: str) -> str:
    """Source whitespace to single spaces; no-break spaces are the author's and stay."""
    return _SPACE.sub(" ", text)


def tidy(inlines: Iterable[Inline]) -> tuple[Inline, ...]:
    """Merge adjacent text, drop empty containers, trim the block's outer whitespace."""
    collapsed = _collapse(_merge(inlines), [True])
    return tuple(_trim_end(_trim_start(collapsed)))


def _collapse(inlines: list[Inline], after_space: list[bool]) -> list[Inline]:
    """Drop a space that follows another across inline boundaries, as a browser's layout does.

    ``after_space`` is a one-item list so the flag can flow through nested containers.
    """
    result: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text):
            text = inline.text[1:] if after_space[0] and inline.text.startswith(" ") else inline.text
            if text:
                result.append(Text(text=text))
                after_space[0] = text.endswith(" ")
            continue
        if isinstance(inline, LineBreak):
            if result and isinstance(result[-1], Text) and result[-1].text.endswith(" "):
                result[-1] = Text(text=result[-1].text.rstrip(" "))
            after_space[0] = True
        elif isinstance(inline, _Container):
            inline = dataclasses.replace(inline, content=tuple(_collapse(list(inline.content), after_space)))
        elif isinstance(inline, Note):
            after_space[0] = False  # a note's call is visible: the space after it stays
        result.append(inline)
    return result


def _merge(inlines: Iterable[Inline]) -> list[Inline]:
    result: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text):
            if not inline.text:
                continue
            if result and isinstance(result[-1], Text):
                result[-1] = Text(text=result[-1].text + inline.text)
                continue
        elif isinstance(inline, _Container):
            content = tuple(_merge(inline.content))
            if not content and not isinstance(inline, Link):
                continue
            inline = dataclasses.replace(inline, content=content)
        result.append(inline)
    return result


def _trim_start(inlines: list[Inline]) -> list[Inline]:
    while inlines:
        first = inlines[0]
        if isinstance(first, LineBreak):
            inlines = inlines[1:]
            continue
        if isinstance(first, Text):
            text = first.text.lstrip(" \u00a0")
            if not text:
                inlines = inlines[1:]
                continue
            return [Text(text=text), *inlines[1:]]
        if isinstance(first, _Container):
            inner = _trim_start(list(first.content))
            if not inner:
                inlines = inlines[1:]
                continue
            return [dataclasses.replace(first, content=tuple(inner)), *inlines[1:]]
        return inlines
    return inlines


def _trim_end(inlines: list[Inline]) -> list[Inline]:
    while inlines:
        last = inlines[-1]
        if isinstance(last, LineBreak):
            inlines = inlines[:-1]
            continue
        if isinstance(last, Text):
            text = last.text.rstrip(" \u00a0")
            if not text:
                inlines = inlines[:-1]
                continue
            return [*inlines[:-1], Text(text=text)]
        if isinstance(last, _Container):
            inner = _trim_end(list(last.content))
            if not inner:
                inlines = inlines[:-1]
                continue
            return [*inlines[:-1], dataclasses.replace(last, content=tuple(inner))]
        return inlines
    return inlines


def plain_text(inlines: Sequence[Inline]) -> str:
    """The visible text of inlines, without notes (a note is not part of the sentence)."""
    return inline_text(inlines, notes=False)
