"""Where a page lives on marxists.org, worked out from where a copy of it lies on disk.

A mirror of the archive keeps its URL layout (``…/archive/marx/works/1875/gotha/index.htm``
is ``https://www.marxists.org/archive/marx/works/1875/gotha/index.htm``), and a flattened
copy spells the same path with ``__`` (``archive__marx__works__1875__gotha__index.htm``).
Knowing the URL lets a link to a page outside the book stay a working link, lets the
colophon say where the text is online, and gives the book an identifier that is the same
for every copy of the page. A path with none of the archive's top-level folders in it
gives no URL, and neither does a page that never names the archive.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from publish.model import Block, Inline, Link
from publish.model_walk import transform
from publish.urls import join

ARCHIVE = "https://www.marxists.org/"

# The archive's top-level folders: the sections in English and the language archives.
_TOP = frozenset(
    {
        "archive", "reference", "history", "subject", "glossary", "admin",
        "espanol", "esperanto", "eesti", "ellinika", "islenska", "italiano", "norsk", "polski", "shqip", "suomi",
        "francais", "deutsch", "portugues", "nederlands", "svenska", "dansk", "catala", "cestina", "magyar",
        "romana", "russkij", "srpski", "hrvatski", "turkce", "bulgarian", "chinese", "japanese", "farsi",
        "arabic", "hebrew", "hindi", "bangla", "urdu", "indonesia", "tagalog", "vietnamese", "korean", "thai",
    }
)  # fmt: skip
_PAGE = re.compile(r"\.html?$", re.IGNORECASE)


def archive_url(origin: str, page: str) -> str | None:
    """The page's marxists.org URL, or None when its path or its text does not say.

    The path must run through one of the archive's top-level folders and the page must name
    the archive (its credits, breadcrumb or footer do): a folder of one's own that happens
    to be called "archive" is not marxists.org.
    """
    if origin.startswith(ARCHIVE):
        return origin
    if "marxists" not in page.casefold():
        return None
    parts = [part for part in origin.replace("\\", "/").split("/") if part]
    if not parts or not _PAGE.search(parts[-1]):
        return None
    for number, part in enumerate(parts[:-1]):
        if part in _TOP:
            return ARCHIVE + "/".join(parts[number:])
    flattened = parts[-1].split("__")
    if len(flattened) > 1 and flattened[0] in _TOP:
        return ARCHIVE + "/".join(flattened)
    return None


def absolute(target: str, base: str | None) -> str:
    """A link to another archive page, made absolute against the page's own URL when known."""
    if base is None or target.startswith("#") or "://" in target or target.startswith("mailto:"):
        return target
    return join(base, target) or target  # a malformed one stays as it is: model_repair unlinks it


def relink(blocks: Sequence[Block], change: Callable[[str], str]) -> tuple[Block, ...]:
    """``blocks`` with every link target passed through ``change`` (notes, captions and titles too)."""

    def retarget(inline: Inline) -> Inline:
        return dataclasses.replace(inline, target=change(inline.target)) if isinstance(inline, Link) else inline

    return transform(blocks, inline=retarget)
