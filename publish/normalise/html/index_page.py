"""Index and border pages: a work's table of contents or an author's list of writings.

Their lists and link tables are the content (a reader browsing the archive wants them), so
nothing but the header and the site navigation is removed.
"""

from __future__ import annotations

from lxml.etree import _Element


def score(root: _Element) -> int:
    links = [a for a in root.iter("a") if a.get("href") and not (a.get("href") or "").startswith("#")]
    paragraphs = [p for p in root.iter("p") if len("".join(p.itertext())) > 300]
    if len(links) > 20 and len(links) > 4 * len(paragraphs):
        return 4
    return 0
