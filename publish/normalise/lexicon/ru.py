"""Russian (``russkij/``): its dates (CLDR's genitive months, "1917 г.")."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(languages=("ru",))
