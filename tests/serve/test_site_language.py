"""The site's language: negotiated from Accept-Language among the catalogues there are."""

from __future__ import annotations

import pytest

from publish.serve.site_language import DEFAULT, MAX_HEADER, language_name, names, negotiate, site_languages


def test_the_catalogues_are_the_sites_languages() -> None:
    languages = site_languages()
    assert {"en", "ru", "de", "zh", "fr"} <= languages


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("de-AT", "de"),  # a region without a catalogue of its own: the language's
        ("pt-BR,pt;q=0.9", "pt"),
        ("zh-Hans-CN", "zh"),
        ("xx, fr;q=0.5", "fr"),  # the first the site speaks
        ("en;q=0.2, es;q=0.9", "es"),  # by quality, not by place
        ("es;q=0, fr", "fr"),  # q=0 is "not this one"
        ("*", "en"),
        ("ja, ko", "en"),  # none the site speaks
        ("ru;q=abc, de", "de"),  # a broken quality counts as none
        (";;;,,,=", "en"),
        ("de" + ", x" * 10_000, "de"),
    ],
)
def test_accept_language_is_negotiated(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_a_long_header_is_read_only_so_far() -> None:
    assert negotiate("x" * MAX_HEADER + ", ru") == DEFAULT


def test_language_names_and_lists_of_authors_in_the_sites_language() -> None:
    assert language_name("de", "ru") == "немецкий"
    assert language_name("de", "en") == "German"
    assert language_name("not-a-tag!", "en") == "not-a-tag!"
    assert names(["Marx", "Engels", "Lenin"], "es") == "Marx, Engels y Lenin"
    assert names(["Marx", "Engels"], "de") == "Marx und Engels"
    assert names([], "en") == ""
