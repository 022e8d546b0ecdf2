"""Mutated whole works, read from their folder as ``publish epub index.htm`` reads them.

A work is the hardest input: its index decides which files are chapters, and a chapter may be
broken, emptied, gone or not a file at all. The book is made of what can be read (absent
chapters are said in the colophon) or the work is refused in words.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.corpus import Work
from tests.fuzz.harness import publish_path
from tests.fuzz.mutations import Edit, edit_lists, mutate
from tests.fuzz.profiles import share

EMPTY_BODY = b"<html><head><title></title></head><body></body></html>"
FATES = ("mutated", "emptied", "empty body", "gone", "a folder", "binary")
"""What becomes of a chosen file of the work."""


def _spoilt(work: Work, choices: list[tuple[int, str, list[Edit]]], folder: Path) -> dict[str, bytes | None]:
    files: dict[str, bytes | None] = dict(work.files)
    names = sorted(files)
    for which, fate, plan in choices:
        name = names[which % len(names)]
        data = files[name]
        if fate == "mutated" and data is not None:
            files[name] = mutate(data, plan)
        elif fate == "emptied":
            files[name] = b""
        elif fate == "empty body":
            files[name] = EMPTY_BODY
        elif fate == "binary":
            files[name] = bytes(range(256)) * 4
        else:
            files[name] = None
            if fate == "a folder" and not (folder / name).exists():
                (folder / name).mkdir()
        if files[name] is not None and (folder / name).is_dir():
            (folder / name).rmdir()
    return files


def test_mutated_works_make_a_book_or_are_refused(corpus_works: tuple[Work, ...]) -> None:
    # The two small works three times as often as the eleven-file book: a case of it costs more.
    weighted = [work for work in corpus_works for _ in range(1 if len(work.files) > 8 else 3)]
    choice = st.tuples(st.integers(0, 20), st.sampled_from(FATES), edit_lists(most=3))

    @share(0.05)
    @given(work=st.sampled_from(weighted), choices=st.lists(choice, min_size=1, max_size=3))
    def case(work: Work, choices: list[tuple[int, str, list[Edit]]]) -> None:
        with tempfile.TemporaryDirectory(prefix="fuzz-work-") as name:
            folder = Path(name)
            publish_path(work.write(folder, _spoilt(work, choices, folder)))

    case()
