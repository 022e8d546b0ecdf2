"""Swedish (``svenska/``)."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(languages=("sv",), byline=("av",), bare_by=("av",))
