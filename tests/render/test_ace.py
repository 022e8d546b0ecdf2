"""DAISY Ace finds no serious or critical accessibility violation in our e-books.

Ace is a Node program that checks the book in a real browser (Debian's chromium). `make ace`
installs it into tools/ace; where it is not installed (a fresh clone) this test is skipped
and says how to run it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.loading import load
from publish.render.epub import render_epub
from tests.conftest import SEED, corpus_dir
from tools.ace_check import ACE, BLOCKING, chromium, violations

pytestmark = pytest.mark.skipif(
    not ACE.exists() or chromium() is None, reason="DAISY Ace is not installed: run `make ace` (needs chromium)"
)


def test_ace_passes_the_seed_and_a_whole_work(tmp_path: Path) -> None:
    books = [("seed", SEED)]
    corpus = corpus_dir()
    if corpus is not None:
        books.append(("lafargue", corpus / "mia" / "archive__lafargue__1883__lazy__index.htm"))
        # an editors' preface set apart (a labelled aside) beside the author's text
        books.append(("lenin", corpus / "mia" / "archive__lenin__works__1913__mar__x01.htm"))
    for name, path in books:
        document = load(path).document
        epub = tmp_path / f"{name}.epub"
        epub.write_bytes(render_epub(document))
        found = violations(epub)
        assert not [item for item in found if item[1] in BLOCKING], found
        assert not found, f"{name}: Ace reports {found}"
