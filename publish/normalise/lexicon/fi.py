"""Finnish (``suomi/``): credit labels and the archive's error page."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("fi",),
    roles=(((Role.TRANSLATOR,), "käännös"),),
    written=("kirjoitettu",),
    source=("lähde",),
    published=("julkaistu",),
    error_page=("ei löytynyt",),
    stopwords=("ja", "on", "ei", "se", "että", "oli", "hän", "mutta", "kun", "myös", "ovat"),
)
