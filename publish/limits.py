"""The bounds every stage keeps, in one place, so a hostile or broken input costs bounded time
and memory and the README can state each one.

A folder publish did not write may hold a 2 GB "page", a FIFO named like a picture, a word of
five million letters or lists nested a thousand deep. Each bound here is the point past which
publish refuses (a one-line ``PublishError``) or repairs with a diagnostic, instead of reading,
laying out or recursing without end. The defaults sit far above anything the archive holds; a
user with a genuine outlier raises one from the command line or ``publish.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    input_bytes: int = 8 * MIB
    """A page, a chapter or a plain-text copy: the archive's largest page is about 3 MB. Time and
    memory grow with the text (a 5 MB page's PDF: 69 s and 670 MB, measured), so the bound sits
    a little above the largest page, not far above it."""
    picture_bytes: int = 20 * MIB
    """One picture file, in the EPUB and the PDF alike."""
    cover_bytes: int = 20 * MIB
    """A ``--cover`` picture."""
    selection_bytes: int = 1 * MIB
    """A selection or anthology TOML, and ``publish.toml``."""
    nesting_depth: int = 32
    """Blocks inside blocks (lists in lists, quotations in quotations): deeper is flattened."""
    paragraph_words: int = 5_000
    """Words in one paragraph, past which it is cut into paragraphs of that many words."""
    word_chars: int = 200
    """Letters in one unbreakable word, past which it gets break opportunities."""


DEFAULT = Limits()
