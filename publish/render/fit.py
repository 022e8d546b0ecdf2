"""``--fit``: small, bounded changes to reach a page count a folded pamphlet uses without blanks.

A booklet's pages come in fours; a pamphlet two pages over a multiple of four prints two
blank pages before its back cover. Setting the type, leading and margins a little smaller
(by 1.5 % a step, three steps at most: beyond that a reader notices) often saves those pages.
The first step that reaches a multiple of four wins; if none does, the pamphlet is left as
it was set, and the caller is told.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from publish.model import Document
from publish.render.options import PdfOptions
from publish.render.pdf import PdfResult, render_pdf

STEP = 0.015
STEPS = 3


@dataclass(frozen=True, slots=True)
class Fitted:
    result: PdfResult
    pages_before: int
    tightened: float
    """How much smaller type, leading and margins were set (0.0: unchanged)."""

    @property
    def report(self) -> str:
        if self.result.pages % 4 == 0 and not self.tightened:
            return f"fit: {self.pages_before} pages, already a multiple of 4"
        if self.tightened:
            return (
                f"fit: type, leading and margins set {self.tightened * 100:.1f} % smaller: "
                f"{self.result.pages} pages instead of {self.pages_before}"
            )
        return (
            f"fit: no change within {STEPS * STEP * 100:.1f} % reaches a multiple of 4; "
            f"{self.pages_before} pages as set"
        )


def fit(document: Document, options: PdfOptions) -> Fitted:
    first = render_pdf(document, options)
    if first.pages % 4 == 0:
        return Fitted(result=first, pages_before=first.pages, tightened=0.0)
    for step in range(1, STEPS + 1):
        amount = round(step * STEP, 4)
        tried = render_pdf(document, dataclasses.replace(options, tighten=amount))
        if tried.pages % 4 == 0 and tried.pages < first.pages:
            return Fitted(result=tried, pages_before=first.pages, tightened=amount)
        if tried.pages < first.pages - first.pages % 4:
            break  # past the multiple of 4 below: smaller still would only lose more
    return Fitted(result=first, pages_before=first.pages, tightened=0.0)
