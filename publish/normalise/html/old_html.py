"""Old upper-case HTML 4 pages: ``<CENTER><B>`` header lines, ``<FONT>``, mis-nested blocks.

lxml already repairs the nesting; the header is the shared one, which reads ``<center>``
lines ("by", "J. C. MARIATEGUI", "Translated by …") as header lines.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from publish.normalise.draft import MetadataDraft
from publish.normalise.html.page import PageParts, split_page

_UPPER_TAGS = re.compile(rb"<(?:CENTER|FONT|P|BR|B)\b")


def score(root: _Element) -> int:
    centers = len(root.findall(".//center")) + len(root.findall(".//font"))
    return min(centers, 6)


def read(elements: list[_Element], draft: MetadataDraft) -> PageParts:
    return split_page(elements, draft)
