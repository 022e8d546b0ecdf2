"""Icelandic (``islenska/``): credit labels, navigation and the words of its headers.

The module is ``is_`` because ``is`` is a Python keyword.
"""

from __future__ import annotations

from publish.model import Role
from publish.normalise.lexicon.base import Lexicon

LEXICON = Lexicon(
    languages=("is",),
    roles=(
        ((Role.TRANSCRIBER,), r"stafrænn\s+texti(?:\s+við)?"),
        ((Role.TRANSLATOR,), r"þýða(?:\s+við)?|þýðing"),
    ),
    written=("skrifaður", "skrifað"),
    source=("heimild",),
    published=(r"fyrstur\s+útgefandi", r"fyrst\s+birt"),
    credit_by=("við",),
    name_ends=("fyrir",),
    name_joins=("og",),
    byline=("af", "eftir"),
    bare_by=("af", "eftir"),
    chapter_words=("kafli",),
    navigation=("efst", "til baka"),
    contents_words=("efnisyfirlit",),
    stopwords=("og", "að", "er", "í", "á", "sem", "það", "við", "til", "ekki", "með", "um", "var", "af", "hann"),
)
