"""Greek (``ellinika/``)."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(languages=("el",), source=("πηγή",))
