"""Estonian (``eesti/``): credit labels and navigation."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("et",),
    roles=(((Role.TRANSLATOR,), r"t[õo]lki(?:nud|s)"),),
    written=("kirjutatud",),
    source=("allikas",),
    published=("ilmunud",),
    navigation=("sisukord", "pealeht"),
    stopwords=("ja", "on", "et", "ei", "see", "oma", "kui", "mis", "ka", "nii", "ta", "aga", "siis"),
)
