"""The MIA plain-text rendering of a page: header lines, credits, standfirst, body, footer.

The shape (see the seed text) is positional: author line, title, "(date)", a block of credit
lines, an optional standfirst, body paragraphs separated by blank lines, "Last updated on …".
Every part of the header is optional, because hand-made copies drop lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publish.errors import Diagnostic, Severity
from publish.model import Block, Document, Paragraph, Text
from publish.normalise.credits import apply_credit_line, names_in
from publish.normalise.dates import parse_date
from publish.normalise.draft import MetadataDraft
from publish.normalise.inlines import collapse
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import furniture_words
from publish.normalise.standfirst import looks_like_standfirst

_DATE_LINE = re.compile(r"^\((?P<date>[^()]+)\)$")
_MAX_HEADER_LINE = 120


@dataclass(frozen=True, slots=True)
class TextRead:
    document: Document
    diagnostics: tuple[Diagnostic, ...]


def read_plain_text(text: str, *, origin: str, content: bytes, lexicon: Lexicon | None = None) -> TextRead:
    paragraphs = _paragraphs(text)
    draft = MetadataDraft(origin=origin)
    diagnostics: list[Diagnostic] = []
    lexicon = resolve(lexicon)
    furniture = furniture_words(lexicon).page_furniture
    paragraphs = _read_footer(paragraphs, draft, lexicon)
    rest = _read_header(paragraphs, draft, lexicon)
    body: tuple[Block, ...] = tuple(
        Paragraph(content=(Text(text=collapse(" ".join(lines))),))
        for lines in rest
        if not furniture.match(" ".join(lines).strip())
    )
    if not body:
        diagnostics.append(
            Diagnostic(code="N010", severity=Severity.WARNING, where=origin, message="no body text found")
        )
    if draft.title is None:
        diagnostics.append(
            Diagnostic(
                code="N011", severity=Severity.WARNING, where=origin, message="no title found; using the file name"
            )
        )
    metadata = draft.freeze(fallback_title=_title_from_origin(origin), content=content)
    return TextRead(document=Document(metadata=metadata, body=body), diagnostics=tuple(diagnostics))


def _paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated groups of stripped lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _read_footer(paragraphs: list[list[str]], draft: MetadataDraft, lexicon: Lexicon) -> list[list[str]]:
    while paragraphs and furniture_words(lexicon).last_updated.match(paragraphs[-1][0]):
        for line in paragraphs[-1]:
            apply_credit_line(draft, line, lexicon=lexicon)
        paragraphs = paragraphs[:-1]
    return paragraphs


def _read_header(paragraphs: list[list[str]], draft: MetadataDraft, lexicon: Lexicon) -> list[list[str]]:
    """Consume author, title, date, credits and standfirst; return the body paragraphs."""
    position = 0
    if _is_header_line(paragraphs, position) and _is_header_line(paragraphs, position + 1):
        draft.authors.extend(names_in(paragraphs[0][0], lexicon)[0] or [paragraphs[0][0]])
        position = 1
    if _is_header_line(paragraphs, position):
        draft.title = paragraphs[position][0]
        position += 1
    if position < len(paragraphs) and len(paragraphs[position]) == 1:
        match = _DATE_LINE.match(paragraphs[position][0])
        if match and (iso := parse_date(match.group("date"), lexicon)):
            draft.date = iso
            position += 1
    if position < len(paragraphs) and _is_credit_block(paragraphs[position], lexicon):
        for index, line in enumerate(paragraphs[position]):
            apply_credit_line(draft, line, unlabelled_is_source=index == 0, lexicon=lexicon)
        position += 1
    if position + 1 < len(paragraphs) and looks_like_standfirst(collapse(" ".join(paragraphs[position]))):
        draft.standfirst = collapse(" ".join(paragraphs[position]))
        position += 1
    return paragraphs[position:]


def _is_header_line(paragraphs: list[list[str]], index: int) -> bool:
    if index >= len(paragraphs) or len(paragraphs[index]) != 1:
        return False
    line = paragraphs[index][0]
    return len(line) <= _MAX_HEADER_LINE and not _DATE_LINE.match(line) and not line.endswith((".", ","))


def _is_credit_block(lines: list[str], lexicon: Lexicon) -> bool:
    """A group of lines is the credits when one of them carries a credit label.

    Line count alone would mistake a wrapped first paragraph for credits.
    """
    for line in lines:
        probe = MetadataDraft()
        apply_credit_line(probe, line, lexicon=lexicon)
        if probe.contributors or probe.source or probe.written or probe.first_published or probe.rights:
            return True
    return False


def _title_from_origin(origin: str) -> str:
    stem = origin.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip() or "Untitled"
