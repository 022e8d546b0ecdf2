"""``read(bytes, origin)``: any archive text to a Document, whichever format it comes in.

The format is sniffed from the bytes (an HTML page starts with markup, whatever its file
name, or holds it all through its head when its first bytes are broken: ``markup_sniff``);
``READERS`` is the one registry of formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from publish.errors import Diagnostic, PublishError
from publish.limits import DEFAULT, Limits
from publish.model import Document
from publish.model_repair import repair
from publish.normalise.decode import decode, head_as_utf8, looks_binary
from publish.normalise.html import notes_page, read_html
from publish.normalise.markup_sniff import HEAD_BYTES, looks_like_html
from publish.normalise.plaintext import read_plain_text

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The page's model, its format, and for an HTML page the family it was read as (None for text)."""

    document: Document
    format: str
    diagnostics: tuple[Diagnostic, ...]
    family: str | None = None


Reader = Callable[[str, str, bytes], tuple[Document, tuple[Diagnostic, ...], str | None]]


def _read_html(text: str, origin: str, content: bytes) -> tuple[Document, tuple[Diagnostic, ...], str | None]:
    result = read_html(text, origin=origin, content=content)
    return result.document, result.diagnostics, result.family


def _read_text(text: str, origin: str, content: bytes) -> tuple[Document, tuple[Diagnostic, ...], str | None]:
    result = read_plain_text(text, origin=origin, content=content)
    return result.document, result.diagnostics, None


READERS: dict[str, Reader] = {"html": _read_html, "text": _read_text}


def sniff(data: bytes) -> str:
    head = head_as_utf8(data, HEAD_BYTES)
    return "html" if _HTML_START.match(head) or looks_like_html(head) else "text"


def read(
    data: bytes,
    origin: str,
    *,
    notes_pages: Mapping[str, bytes] | None = None,
    taken: Collection[str] = (),
    limits: Limits = DEFAULT,
) -> ReadResult:
    """Read one archive text; raise PublishError when it holds nothing that can be published.

    In a work, ``notes_pages`` (file name -> bytes) are separate notes pages whose notes this
    page calls, and ``taken`` the notes other pages took from this one if it is such a page
    (see ``html.notes_page``). What no backend can take is repaired on the way out (``model_repair``:
    malformed addresses, characters XML forbids, blocks nested past ``limits.nesting_depth``).
    """
    check_readable(data, origin)
    decoded = decode(data, origin)
    kind = sniff(data)
    text = decoded.text
    if kind == "html" and notes_pages:
        own_name = origin.replace("\\", "/").rsplit("/", 1)[-1].split("__")[-1]
        pages = {name: decode(page, name).text for name, page in notes_pages.items()}
        text = notes_page.graft(text, own_name, pages)
    if kind == "html" and taken:
        text = notes_page.prune(text, taken)
    document, diagnostics, family = READERS[kind](text, origin, data)
    repaired = repair(document, origin, limits=limits)
    found = decoded.diagnostics + diagnostics + repaired.diagnostics
    return ReadResult(document=repaired.document, format=kind, diagnostics=found, family=family)


def check_readable(data: bytes, origin: str) -> None:
    if not data.strip():
        raise PublishError(origin, "the file is empty")
    if looks_binary(data):
        raise PublishError(origin, "this is a binary file, not a text or HTML page")
