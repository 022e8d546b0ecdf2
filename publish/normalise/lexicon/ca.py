"""Catalan (``catala/``): its dates ("5 de maig de 1918", "12 d’octubre")."""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(languages=("ca",))
