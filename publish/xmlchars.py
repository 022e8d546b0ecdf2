"""The characters XML 1.0 forbids, in one definition: every EPUB and PDF is XML inside.

An ESC byte in a page's title (or ``&#27;`` in its markup) reached the model, and ebooklib's
NCX, lxml's serialiser and WeasyPrint each refuse it with their own exception. XML 1.0 allows
tab, line feed and carriage return among the C0 controls, and no surrogate nor U+FFFE/U+FFFF;
those are removed wherever text enters the model (``model_repair``, the user's overrides) and
again where the body XHTML is written, so no backend ever sees one. One ``str.translate``
table, so the cost is one linear pass, and ``clean`` returns the very string when it is clean.
"""

from __future__ import annotations

import re

_FORBIDDEN_POINTS = (
    *(point for point in range(0x20) if point not in (0x09, 0x0A, 0x0D)),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
)
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""One forbidden character; ``search`` finds whether a text holds any (C speed, no copy)."""

# A vertical tab or form feed separates lines or pages of a plain text: a line feed keeps the
# words on either side apart, where dropping it would run them together.
_TABLE: dict[int, str | None] = {point: None for point in _FORBIDDEN_POINTS} | {0x0B: "\n", 0x0C: "\n"}


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (the same object when it has none)."""
    return text.translate(_TABLE) if FORBIDDEN.search(text) else text


def count(text: str) -> int:
    """How many forbidden characters ``text`` holds."""
    return len(FORBIDDEN.findall(text))
