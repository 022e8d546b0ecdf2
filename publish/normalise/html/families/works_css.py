"""The works.css family (Marx/Engels, Lenin's and most of the archive's own transcriptions).

``p.title`` over ``h1``/``h3``, a ``p.information`` block with ``span.info`` labels, and
often credits at the bottom in another ``p.information``; ``p.footer`` navigation. Its own
cues: ``p.information`` and the ``div.border`` frame works-rd.css draws around the page.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE, Cues
from publish.normalise.html.parse import classes

_CLASSES = frozenset({"information", "info", "title", "footer"})

CUES = BASE.extended(Cues(credits=frozenset({"information"}), layout=frozenset({"border"})))


def score(root: _Element) -> int:
    points = 0
    for link in root.iter("link"):
        href = (link.get("href") or "").lower()
        if "works" in href or "border" in href or "draper" in href or "table.css" in href:
            points += 3
    for element in root.iter("p", "span"):
        points += len(classes(element) & _CLASSES) and 1
    return points
