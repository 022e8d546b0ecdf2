"""The fallback for pages no family claims: the shared header and footer rules, nothing else."""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.html.families.cues import BASE

CUES = BASE


def score(root: _Element) -> int:
    return 0
