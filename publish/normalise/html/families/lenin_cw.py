"""Lenin's Collected Works pages made by tx2html.

``<!-- t2h-body -->`` opens the text and ``<!-- vol=19 pg=021 … -->`` comments mark the
printed edition's pages (kept as page markers by the body converter, this family's own cue, as
is ``span.infobloc_copyleft``, the copyleft line); ``p.pagenoteb`` holds the edition's
editorial notes, but pages of other families borrow it (works.css and old pages of Lenin's
texts), so it is a base cue. The footer is a navigation table; the header is the shared one.
"""

from __future__ import annotations

import re

from lxml.etree import Comment, _Element

from publish.normalise.html.families.cues import BASE, Cues

CUES = BASE.extended(
    Cues(
        credits=frozenset({"infobloc_copyleft"}),
        page_marker=re.compile(r"\bvol\s*=\s*(?P<volume>\w+)\s+pg\s*=\s*(?P<page>\w+)", re.IGNORECASE),
    )
)


def score(root: _Element) -> int:
    comments = [node.text or "" for node in root.iter(Comment)]
    markers = sum(1 for text in comments if "t2h-" in text or "vol=" in text)
    return 10 + markers if markers else 0
