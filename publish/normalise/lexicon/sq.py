"""Albanian (``shqip/``): credit labels and navigation."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("sq",),
    roles=(((Role.TRANSLATOR,), "perkthyer"),),
    written=("shkruar",),
    source=("burimi",),
    published=("botuar",),
    not_names=("arkivi",),
    navigation=("kryefaqe",),
    archive_names=("arkivi",),
    stopwords=("të", "e", "në", "dhe", "i", "që", "për", "me", "një", "nga", "është", "se", "si"),
)
