"""Header pieces shared by page families: credit blocks split at their line breaks, dates."""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.normalise.credits import apply_credit_line
from publish.normalise.dates import parse_date
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.blocks import inlines_of_children
from publish.normalise.inlines import plain_text, tidy

_PARENTHESISED = re.compile(r"^\((?P<inner>.*)\)$")


def lines_of(element: _Element) -> list[str]:
    """An element's visible text, one entry per ``<br>``-separated line."""
    text = plain_text(tidy(inlines_of_children(element)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def read_credit_block(element: _Element, draft: MetadataDraft, *, first_is_source: bool) -> None:
    for index, line in enumerate(lines_of(element)):
        apply_credit_line(draft, line, unlabelled_is_source=first_is_source and index == 0)


def header_date(text: str) -> str | None:
    """A heading such as "(8 June 2002)" that is a date and nothing else."""
    match = _PARENTHESISED.match(text.strip())
    inner = match.group("inner") if match else text
    iso = parse_date(inner)
    if iso is None or len(inner.split()) > 6:
        return None
    return iso
