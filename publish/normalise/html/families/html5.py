"""2020s HTML5 pages: ``<!DOCTYPE html>``, UTF-8, ``menu.js``, inline styles, semantic wrappers.

``<main>``/``<article>``/``<section>`` wrappers are unwrapped by the layout step; scripts and
styles are never text. The header is the shared one.
"""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE

CUES = BASE


def score(root: _Element) -> int:
    scripts = [s for s in root.iter("script") if "menu" in (s.get("src") or "") or "location" in (s.text or "")]
    semantic = root.find(".//main") is not None or root.find(".//article") is not None
    return 3 * len(scripts[:1]) + 2 * semantic
