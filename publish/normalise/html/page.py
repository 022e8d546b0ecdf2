"""What every page family hands back: header facts in a metadata draft, and the body elements.

A family module only decides which elements are header, credits or furniture; turning the
rest into blocks is shared (``blocks.py``), so families stay small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.etree import _Element

from publish.errors import Diagnostic
from publish.normalise.draft import MetadataDraft


@dataclass(slots=True)
class PageParts:
    draft: MetadataDraft
    body: list[_Element]
    diagnostics: list[Diagnostic] = field(default_factory=list)
