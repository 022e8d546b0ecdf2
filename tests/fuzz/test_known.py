"""Each known failure still fails as ``known.py`` says: when a fix lands, its entry here turns
XPASS (strict), which is the signal to delete the entry."""

from __future__ import annotations

import pytest

import publish
from tests.fuzz.harness import epub_of, pdf_of
from tests.fuzz.known import KNOWN, Known


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(entry, id=entry.name, marks=pytest.mark.xfail(strict=True, raises=entry.exception))
        for entry in KNOWN
    ],
)
def test_known_failure_still_fails(entry: Known) -> None:
    try:
        doc = publish.read(entry.reproducer, origin="known.htm")
        epub_of(doc)  # the harness's checks: a control character makes a page not XML, found here
        if entry.pdf:
            pdf_of(doc)
    except entry.exception as error:
        assert entry.matches(error), f"{entry.name} fails otherwise now: {error}"
        raise
