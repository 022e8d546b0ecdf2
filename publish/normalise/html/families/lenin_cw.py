"""Lenin's Collected Works pages made by tx2html.

``<!-- t2h-body -->`` opens the text and ``<!-- vol=19 pg=021 … -->`` comments mark the
printed edition's pages (kept as page markers by the body converter); ``p.pagenoteb`` holds
the edition's editorial notes; the footer is a navigation table. The header is the shared one.
"""

from __future__ import annotations

from lxml.etree import Comment, _Element

from publish.normalise.html.families.cues import BASE

CUES = BASE


def score(root: _Element) -> int:
    comments = [node.text or "" for node in root.iter(Comment)]
    markers = sum(1 for text in comments if "t2h-" in text or "vol=" in text)
    return 10 + markers if markers else 0
