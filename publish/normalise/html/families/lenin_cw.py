"""Lenin's Collected Works pages made by tx2html.

``<!-- t2h-body -->`` opens the text and ``<!-- vol=19 pg=021 … -->`` comments mark the
printed edition's pages (kept as page markers by the body converter); ``p.pagenoteb`` holds
the edition's editorial notes; ``span.infobloc_copyleft`` the copyleft line; the footer is a
navigation table. The header is the shared one.
"""

from __future__ import annotations

import re

from lxml.etree import Comment, _Element

from publish.normalise.html.families.cues import BASE, Cues

CUES = BASE.extended(
    Cues(
        editor_aside=frozenset({"pagenoteb"}),
        editor_note=frozenset({"pagenoteb"}),
        credits=frozenset({"infobloc_copyleft"}),
        page_marker=re.compile(r"\bvol\s*=\s*(?P<volume>\w+)\s+pg\s*=\s*(?P<page>\w+)", re.IGNORECASE),
    )
)


def score(root: _Element) -> int:
    comments = [node.text or "" for node in root.iter(Comment)]
    markers = sum(1 for text in comments if "t2h-" in text or "vol=" in text)
    return 10 + markers if markers else 0
