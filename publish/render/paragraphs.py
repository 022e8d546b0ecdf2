"""How a paragraph's lines are set: the page's own line breaks, and a lead-in in capitals.

Books indent a paragraph's first line; a page on the archive does not, and breaks lines with
``<br>`` in letters' signatures, addresses and prose. Set as they come, the lines after a break
start flush under an indented first line: staggered. Each line the page breaks is set here as
a line of its own (``span.line``), which the stylesheets make a block, so every line starts
where the first does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from publish.model import Inline, LineBreak, Text
from publish.model_walk import broken_lines
from publish.render.markup import Element, element
from publish.words import inline_text


def paragraph_lines(content: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """A paragraph's lines between its own line breaks, without the empty ones a page leaves at
    either end ("1883.<br>&nbsp;"); none when it has fewer than two (nothing to set apart)."""
    if not any(isinstance(inline, LineBreak) for inline in content):
        return []
    kept = [tuple(line) for line in broken_lines(content) if inline_text(line).strip() or _holds_more_than_text(line)]
    return kept if len(kept) > 1 else []


def _holds_more_than_text(line: list[Inline]) -> bool:
    """A line with a note call or a page marker is kept though it has no words."""
    return any(not isinstance(inline, Text) for inline in line)


def set_lines(
    lines: list[tuple[Inline, ...]], inlines: Callable[[tuple[Inline, ...]], list[Element | str]]
) -> list[Element | str]:
    """The lines as ``span.line`` elements (``inlines`` writes each line's inlines); the ``<br>``
    between them stays for a reading system without the stylesheet, which hides it."""
    result: list[Element | str] = []
    for number, line in enumerate(lines):
        if number:
            result.append(element("br"))
        written = inlines(line)
        result.append(element("span", class_="line").extend(lead_in(written) if not number else written))
    return result


_LEAD_IN = re.compile(r"^((?:[A-Z][A-Z’'-]*\s+){0,4}[A-Z][A-Z’'-]+)(?=\s+[a-z])")


def lead_in(children: list[Element | str]) -> list[Element | str]:
    """A paragraph opening in capitals ("THE RICH and powerful", an archive's way of setting a
    lead-in) gets them as small capitals: the letters stay, the stylesheet sets them."""
    if not children or not isinstance(children[0], str):
        return children
    match = _LEAD_IN.match(children[0])
    if match is None:
        return children
    lead = element("span", match.group(1), class_="lead-in")
    return [lead, children[0][match.end(1) :], *children[1:]]
