"""The fallback for pages no family claims: the shared header and footer rules, nothing else."""

from __future__ import annotations

from lxml.etree import _Element

from publish.normalise.draft import MetadataDraft
from publish.normalise.html.page import PageParts, split_page


def score(root: _Element) -> int:
    return 0


def read(elements: list[_Element], draft: MetadataDraft) -> PageParts:
    return split_page(elements, draft)
