"""Polish (``polski/``): credit labels and the archive's error page."""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("pl",),
    roles=(((Role.TRANSLATOR,), "przekład"),),
    written=("napisane",),
    source=("źródło",),
    published=("opublikowane",),
    issue_words=("nr",),
    error_page=("nie znaleziono",),
    stopwords=("się", "nie", "że", "na", "to", "jest", "do", "jak", "ale", "przez", "od", "po"),
)
