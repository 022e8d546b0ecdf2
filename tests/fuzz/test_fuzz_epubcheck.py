"""A sample of the books mutated pages make passes EPUBCheck: a book that opens is not enough,
a reader's validator must find no error in it. All are checked in one JVM (``epubcheck_many``)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import publish
from tests.fuzz.harness import BARE, Ending, outcome
from tests.fuzz.mutations import Edit, edit_lists, mutate
from tests.fuzz.profiles import share
from tests.support import epubcheck_many

SERIOUS = ("FATAL", "ERROR")


def test_a_sample_of_mutated_books_passes_epubcheck(pages: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="fuzz-epubcheck-") as name:
        folder = Path(name)
        books: list[Path] = []

        @share(0.0125)
        @given(name=st.sampled_from(sorted(pages)), plan=edit_lists(most=2))
        def case(name: str, plan: list[Edit]) -> None:
            made: list[bytes] = []
            ending = outcome(lambda: made.append(publish.render_epub(publish.read(mutate(pages[name], plan)), BARE)))
            if ending is Ending.BOOK:
                book = folder / f"{hashlib.sha256(made[0]).hexdigest()[:16]}.epub"
                book.write_bytes(made[0])
                books.append(book)

        case()
        assert books, "no mutated page made a book"
        unique = sorted(set(books))
        reports = epubcheck_many(unique)
        failed = {
            book.name: lines for book, lines in reports.items() if any(line.startswith(SERIOUS) for line in lines)
        }
        assert not failed, failed
