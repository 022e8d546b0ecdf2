"""MIA HTML pages to the model: pick the page family by evidence, then convert the body.

``FAMILIES`` is the one registry of page families; each module offers ``score(root)`` (how
much the page looks like it) and ``read(root, draft)``. The generic family scores 0 and
catches every page the others do not claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.model import Document
from publish.normalise.draft import MetadataDraft
from publish.normalise.html import doc_css, generic
from publish.normalise.html.blocks import blocks_from
from publish.normalise.html.page import PageParts
from publish.normalise.html.parse import parse_html


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    score: Callable[[_Element], int]
    read: Callable[[_Element, MetadataDraft], PageParts]


FAMILIES: tuple[Family, ...] = (
    Family("doc_css", doc_css.score, doc_css.read),
    Family("generic", generic.score, generic.read),
)


@dataclass(frozen=True, slots=True)
class HtmlRead:
    document: Document
    family: str
    diagnostics: tuple[Diagnostic, ...]


def read_html(text: str, *, origin: str, content: bytes) -> HtmlRead:
    root = parse_html(text)
    family = max(FAMILIES, key=lambda candidate: candidate.score(root))
    draft = MetadataDraft(origin=origin, language=_language(root))
    parts = family.read(root, draft)
    body = blocks_from(parts.body)
    diagnostics = list(parts.diagnostics)
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
    fallback = origin.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Untitled"
    metadata = draft.freeze(fallback_title=fallback, content=content)
    return HtmlRead(document=Document(metadata=metadata, body=body), family=family.name, diagnostics=tuple(diagnostics))


def _language(root: _Element) -> str | None:
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")):
        if value and value.strip():
            return value.strip()
    return None
