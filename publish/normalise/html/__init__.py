"""MIA HTML pages to the model: pick the page family by evidence, then convert the body.

The family (``families.FAMILIES``, the one registry) gives the cues every step reads the page
by. Notes are resolved over the whole page before the body is converted, so each lands at its
call.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.model import Block, Document, Figure
from publish.normalise import language
from publish.normalise.archive import archive_url
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.anchors import heading_anchors
from publish.normalise.html.blocks import Converter
from publish.normalise.html.depth import READ_DEPTH
from publish.normalise.html.families import family_of
from publish.normalise.html.header_notes import header_notes
from publish.normalise.html.layout import flatten
from publish.normalise.html.notes import find_notes
from publish.normalise.html.page import split_page
from publish.normalise.html.page_authors import complete_authors
from publish.normalise.html.parse import parse_page, text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import furniture_words
from publish.words import block_text


@dataclass(frozen=True, slots=True)
class HtmlRead:
    document: Document
    family: str
    diagnostics: tuple[Diagnostic, ...]


def read_html(text: str, *, origin: str, content: bytes) -> HtmlRead:
    root, cut = parse_page(text, origin)
    body_element = root.find("body")
    family = family_of(root)
    cues = family.cues
    elements = flatten(body_element if body_element is not None else root, cues)
    url = archive_url(origin, text)
    draft = MetadataDraft(origin=url or origin)
    parts = split_page(elements, draft, cues)
    lexicon = resolve(None)  # the page's language is not known yet: every language's words
    notes = find_notes(root, origin, cues, lexicon)
    anchors = heading_anchors(parts.body)
    converter, body = _convert(parts.body, Converter(cues, notes=notes, base=url, lexicon=lexicon, anchors=anchors))
    if unreached := set(anchors.targets.values()) - converter.heading_ids:
        # a linked heading that became no heading (an epigraph, a rule): its links stay text
        fresh = Converter(cues, notes=notes, base=url, lexicon=lexicon, anchors=anchors.without(unreached))
        converter, body = _convert(parts.body, fresh)
    body += header_notes(converter, parts.body, draft)
    text = block_text(body)
    draft.language = _language(root, origin, text)
    diagnostics = [*_too_deep(cut, origin), *parts.diagnostics, *notes.diagnostics]
    diagnostics += _emptiness(body, text, draft, origin, lexicon)
    if draft.title is None:
        title = root.find(".//title")
        if title is not None and text_of(title):
            draft.title = text_of(title)
        else:
            message = "no title found; using the file name"
            diagnostics.append(Diagnostic(code="N011", severity=Severity.WARNING, where=origin, message=message))
    complete_authors(root, body, draft, origin, lexicon)
    fallback = origin.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "Untitled"
    metadata = draft.freeze(fallback_title=fallback, content=content)
    return HtmlRead(document=Document(metadata=metadata, body=body), family=family.name, diagnostics=tuple(diagnostics))


def _too_deep(cut: int, origin: str) -> list[Diagnostic]:
    """N053 when markup lay deeper than the reader walks (``depth``): its words became plain paragraphs."""
    if not cut:
        return []
    message = f"markup nested over {READ_DEPTH} elements deep: {cut} element(s) below read as plain paragraphs"
    return [Diagnostic(code="N053", severity=Severity.WARNING, where=origin, message=message)]


def _convert(elements: list[_Element], converter: Converter) -> tuple[Converter, tuple[Block, ...]]:
    return converter, converter.finish(converter.blocks(elements))


_FEW_WORDS = 80  # an error title over fewer words than this: the archive's "not found" page


def _emptiness(
    body: tuple[Block, ...], text: str, draft: MetadataDraft, origin: str, lexicon: Lexicon | None = None
) -> list[Diagnostic]:
    """Pages that hold no text to publish (``text``, the body's): the archive's error pages and
    wrappers around scans."""
    words = len(text.split(maxsplit=_FEW_WORDS))  # counted no further than both rules need
    error_page = furniture_words(resolve(lexicon)).error_page
    if draft.title and error_page.search(draft.title) and words < _FEW_WORDS:
        message = "this is the archive's 'file not found' page, not a text"
        return [Diagnostic(code="N012", severity=Severity.WARNING, where=origin, message=message)]
    if words == 0:
        figures = sum(1 for block in body if isinstance(block, Figure))
        what = f"it only shows {figures} image(s), a scanned text perhaps" if figures else "it is empty"
        return [Diagnostic(code="N010", severity=Severity.WARNING, where=origin, message=f"no text to publish: {what}")]
    return []


def _language(root: _Element, origin: str, text: str) -> str:
    by_path = language.from_path(origin)
    if by_path and language.script_agrees(by_path, text):
        return by_path
    declared = None
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"), _meta_language(root)):
        if value and (declared := language.normalise_tag(value)):
            break
    by_text = language.from_text(text)
    if declared and (by_text is None or by_text == declared.split("-")[0]):
        return declared
    return by_text or declared or "en"


def _meta_language(root: _Element) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language":
            return meta.get("content")
    return None
