"""Index and border pages: a work's table of contents or an author's list of writings.

Their lists and link tables are the content (a reader browsing the archive wants them), so
nothing but the header and the site navigation is removed.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE
from publish.normalise.html.parse import raw_text

CUES = BASE


def score(root: _Element) -> int:
    links = [a for a in root.iter("a") if a.get("href") and not (a.get("href") or "").startswith("#")]
    if len(links) <= 20:
        return 0  # an article's few links: no need to measure its paragraphs
    paragraphs = [p for p in root.iter("p") if len(raw_text(p)) > 300]
    return 4 if len(links) > 4 * len(paragraphs) else 0
