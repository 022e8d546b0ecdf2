"""The fuzz suite's failures, past and present: each known one still fails as ``known.py`` says
(when a fix lands it stops failing, the signal to move its entry to ``FIXED``), and each fixed
one makes a book now (its reproducer is the regression test)."""

from __future__ import annotations

import pytest

import publish
from tests.fuzz.harness import epub_of, pdf_of
from tests.fuzz.known import FIXED, KNOWN, Known


def test_known_failures_still_fail() -> None:
    for entry in KNOWN:
        with pytest.raises(entry.exception) as raised:
            doc = publish.read(entry.reproducer, origin="known.htm")
            epub_of(doc)  # the harness's checks: a control character makes a page not XML, found here
            if entry.pdf:
                pdf_of(doc)
        assert entry.matches(raised.value), f"{entry.name} fails otherwise now: {raised.value}"


@pytest.mark.parametrize("entry", FIXED, ids=[entry.name for entry in FIXED])
def test_a_fixed_failure_makes_a_book(entry: Known) -> None:
    doc = publish.read(entry.reproducer, origin="fixed.htm")
    epub_of(doc)
    pdf_of(doc)
