"""The pure path from input bytes to a finished book, shared by the CLI and (later) batch.

read -> typography -> render; no disk access here, so batch workers and tests call the same
functions the command line does.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.errors import Diagnostic
from publish.model import Document
from publish.normalise import read
from publish.typography import apply_typography


@dataclass(frozen=True, slots=True)
class Loaded:
    document: Document
    format: str
    diagnostics: tuple[Diagnostic, ...]


def load(data: bytes, origin: str) -> Loaded:
    """Normalise one input and set its typography: the Document every backend receives."""
    result = read(data, origin)
    return typeset(result.document, result.format, result.diagnostics)


def typeset(document: Document, kind: str, diagnostics: tuple[Diagnostic, ...]) -> Loaded:
    return Loaded(document=apply_typography(document), format=kind, diagnostics=diagnostics)
