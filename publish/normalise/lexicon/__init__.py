"""The reader's knowledge of each language's words, as data: a ``Lexicon`` per language.

``registry.LEXICONS`` lists them; ``registry.combined()`` is their union, which the engines
read with by default. Month names and date orders are not here: they come from CLDR (Babel)
for each lexicon's ``languages`` (see ``publish.normalise.dates``).
"""

from __future__ import annotations

from publish.normalise.lexicon.base import Lexicon, combine
from publish.normalise.lexicon.registry import LEXICONS, combined, lexicon_for, resolve

__all__ = ["LEXICONS", "Lexicon", "combine", "combined", "lexicon_for", "resolve"]
