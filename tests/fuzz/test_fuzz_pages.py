"""Mutated archive pages, read from memory: a book or a refusal in words, never a crash or a hang.

Most cases mutate the corpus's small pages (a case costs tens of milliseconds); a share takes
any page, a share goes on to the PDF (slow: hundreds of milliseconds a case). Budgets are
shares of the active profile (``profiles.share``), at least 2,000 cases in CI.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import publish
from tests.fuzz.harness import OUTCOMES, Ending, bounded, epub_of, publish_bytes
from tests.fuzz.mutations import Edit, edit_lists, mutate
from tests.fuzz.profiles import share

UNICODE = ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32")


def test_mutated_small_pages_make_a_book_or_are_refused(pages: dict[str, bytes]) -> None:
    @share(0.85)
    @given(name=st.sampled_from(sorted(pages)), plan=edit_lists())
    def case(name: str, plan: list[Edit]) -> None:
        publish_bytes(mutate(pages[name], plan), name, cover=False)

    case()


def test_mutated_pages_of_any_size_make_a_book_or_are_refused(all_pages: dict[str, bytes]) -> None:
    @share(0.1)
    @given(name=st.sampled_from(sorted(all_pages)), plan=edit_lists(most=2))
    def case(name: str, plan: list[Edit]) -> None:
        publish_bytes(mutate(all_pages[name], plan), name)

    case()


def test_mutated_pages_make_a_pdf_or_are_refused(pages: dict[str, bytes]) -> None:
    @share(0.01)
    @given(name=st.sampled_from(sorted(pages)), plan=edit_lists(most=2))
    def case(name: str, plan: list[Edit]) -> None:
        publish_bytes(mutate(pages[name], plan), name, pdf=True)

    case()


def test_a_page_in_any_unicode_encoding_is_read(pages: dict[str, bytes]) -> None:
    """The same text in UTF-8 with a BOM, UTF-16 or UTF-32 (each marked by its BOM) is a page,
    not a binary file: the bytes say their encoding, whatever the page declares."""

    @share(0.01)
    @given(name=st.sampled_from(sorted(pages)), encoding=st.sampled_from(UNICODE))
    def case(name: str, encoding: str) -> None:
        data = pages[name].decode("utf-8", errors="replace").encode(encoding)
        if encoding.endswith(("-le", "-be")):
            data = "\ufeff".encode(encoding) + data
        with bounded():
            epub_of(publish.read(data, origin=name))
        OUTCOMES[Ending.BOOK] += 1

    case()
