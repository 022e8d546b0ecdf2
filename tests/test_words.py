from __future__ import annotations

from publish.words import first_missing, words


def test_line_end_hyphens_join_and_compounds_compare_equal() -> None:
    assert words("revolu-\ntion non-\nparty") == words("revolution non-party")


def test_typography_does_not_change_words() -> None:
    assert words('workers\' "councils" party--and') == words("workers’ “councils” party—and")


def test_first_missing_allows_extra_words_but_not_reordering() -> None:
    assert first_missing(["a", "b", "c"], ["x", "a", "y", "b", "c"]) is None
    missing = first_missing(["a", "b", "c"], ["a", "c", "b"])
    assert missing is not None and missing.word == "c"
