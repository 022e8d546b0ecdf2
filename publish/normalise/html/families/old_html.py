"""Old upper-case HTML 4 pages: ``<CENTER><B>`` header lines, ``<FONT>``, mis-nested blocks.

lxml already repairs the nesting; the header is the shared one, which reads ``<center>``
lines ("by", "J. C. MARIATEGUI", "Translated by …") as header lines.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE

CUES = BASE


def score(root: _Element) -> int:
    centers = sum(1 for _ in root.iterdescendants("center", "font"))
    return min(centers, 6)
