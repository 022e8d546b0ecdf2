"""Dutch (``nederlands/``): its dates, and the small words of Dutch names."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(languages=("nl",), name_particles=("van", "der"))
