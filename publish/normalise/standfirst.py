"""Telling a standfirst from the first paragraph of the body.

A standfirst ("Chris Harman on Lenin and the revolutionary party") is a short line set
between the credits and the text. In HTML it usually has a class; in plain text only its
shape tells: short, and not a finished sentence.
"""

from __future__ import annotations

_MAX_WORDS = 30


def looks_like_standfirst(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= _MAX_WORDS:
        return False
    return not text.rstrip("”’\"')»").endswith((".", "!", "?", ":", ";", ","))
