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

_SPACE_RUN = re.compile(r"  +")
_Container = Emphasis | Strong | SmallCaps | Superscript | Subscript | Link


def collapse(text: str) -> str:
    """Source whitespace to single spaces; no-break spaces are the author's and stay.

    Every run of ASCII white space becomes one space: line breaks and tabs become spaces, then
    runs of spaces merge. Plain string replacements, not one pattern that could start at any
    space (every word's end), which made this one of the reader's costliest calls.
    """
    for control in "\n\t\r\f\v":
        if control in text:
            text = text.replace(control, " ")
    return _SPACE_RUN.sub(" ", text) if "  " in text else text


def tidy(inlines: Iterable[Inline]) -> tuple[Inline, ...]:
    """Merge adjacent text, drop empty containers, trim the block's outer whitespace.

    Inlines that come through unchanged are kept as they are, not copied: most of a paragraph
    needs no tidying, and the model's values are immutable.
    """
    inlines = list(inlines)
    texts = [inline.text for inline in inlines if isinstance(inline, Text)]
    if len(texts) == len(inlines):
        # Plain text, the commonest content: what merging, collapsing and trimming come to.
        text = "".join(texts).strip(" \u00a0")
        return (Text(text=text),) if text else ()
    collapsed = _collapse(_merge(inlines), [True])
    return tuple(_trim_end(_trim_start(collapsed)))


def _with_content(container: _Container, content: Sequence[Inline]) -> _Container:
    """``container`` holding ``content``: itself when that is what it holds already."""
    held = container.content
    if (
        isinstance(held, tuple)
        and len(content) == len(held)
        and all(new is old for new, old in zip(content, held, strict=True))
    ):
        return container
    return dataclasses.replace(container, content=tuple(content))


def _collapse(inlines: list[Inline], after_space: list[bool]) -> list[Inline]:
    """Drop a space that follows another across inline boundaries, as a browser's layout does.

    ``after_space`` is a one-item list so the flag can flow through nested containers.
    """
    result: list[Inline] = []
    for inline in inlines:
        if isinstance(inline, Text):
            if after_space[0] and inline.text.startswith(" "):
                inline = Text(text=inline.text[1:])
            if inline.text:
                result.append(inline)
                after_space[0] = inline.text.endswith(" ")
            continue
        if isinstance(inline, LineBreak):
            last = result[-1] if result else None
            if isinstance(last, Text) and last.text.endswith(" "):
                kept = last.text.rstrip(" ")  # a space alone before the break goes whole
                result[-1:] = [Text(text=kept)] if kept else []
            after_space[0] = True
        elif isinstance(inline, _Container):
            inline = _with_content(inline, _collapse(list(inline.content), after_space))
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
            content = _merge(inline.content)
            if not content and not isinstance(inline, Link):
                continue
            inline = _with_content(inline, content)
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
            return inlines if len(text) == len(first.text) else [Text(text=text), *inlines[1:]]
        if isinstance(first, _Container):
            inner = _trim_start(list(first.content))
            if not inner:
                inlines = inlines[1:]
                continue
            return [_with_content(first, inner), *inlines[1:]]
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
            return inlines if len(text) == len(last.text) else [*inlines[:-1], Text(text=text)]
        if isinstance(last, _Container):
            inner = _trim_end(list(last.content))
            if not inner:
                inlines = inlines[:-1]
                continue
            return [*inlines[:-1], _with_content(last, inner)]
        return inlines
    return inlines


def plain_text(inlines: Sequence[Inline]) -> str:
    """The visible text of inlines, without notes (a note is not part of the sentence)."""
    return inline_text(inlines, notes=False)
