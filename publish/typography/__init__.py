"""The typography pass: straight keyboard punctuation to the typography of the text's language.

It runs between normalising a page and rendering it, on the model alone, so every backend
gets the same curly quotes and dashes. Only punctuation changes: the tree keeps its shape
and every word, and applying the pass twice gives what applying it once gave.
"""

from __future__ import annotations

from dataclasses import replace

from publish.model import Document, Metadata
from publish.typography import walk
from publish.typography.registry import RULES, Rules, rules_for

__all__ = ["RULES", "Rules", "apply_typography", "rules_for"]


def apply_typography(document: Document) -> Document:
    """The document with its body and human-readable metadata typeset for its language.

    Names, dates, identifiers, paths and URLs are left alone: they are data, not prose.
    A language with no rules comes back as it is.
    """
    rules = rules_for(document.metadata.language)
    if rules is None:
        return document
    return replace(
        document,
        metadata=_metadata(document.metadata, rules),
        body=walk.blocks(document.body, rules),
    )


def _metadata(metadata: Metadata, rules: Rules) -> Metadata:
    def optional(text: str | None) -> str | None:
        return None if text is None else walk.string(text, rules)

    return replace(
        metadata,
        title=walk.string(metadata.title, rules),
        subtitle=optional(metadata.subtitle),
        source=optional(metadata.source),
        standfirst=optional(metadata.standfirst),
        credits=tuple(walk.string(credit, rules) for credit in metadata.credits),
    )
