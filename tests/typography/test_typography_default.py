"""Languages without a module: the default rules of their script, with CLDR's quotation marks.

The cases in cases/default/<language>.txt run through a Document like the modules' cases;
the properties are those every module keeps (a fixed point in one step, every letter and
digit kept in its run), checked on the languages whose marks are the least like English's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from publish.model import Document
from publish.typography import (
    apply_typography,
    english,
    french,
    german,
    italian,
    rules_for,
    russian,
    spanish,
)
from publish.typography.cldr_delimiters import DELIMITERS
from publish.typography.default import DefaultRules, default_rules
from publish.typography.quotes import OVERRIDES, QuotePairs, quote_pairs
from tests.typography.test_typography_cases import ARROW, SPACES, typeset_markup
from tests.typography.test_typography_properties import documents, many_run_lists, skeleton, words

CASES = Path(__file__).parent / "cases" / "default"
REQUIRED = {"cs", "el", "et", "is", "nl", "pl", "pt", "sv", "uk"}
"""Languages the issue names: each must have a case file here."""
PROPERTY_LANGUAGES = ["bg", "cs", "da", "el", "et", "fi", "hu", "is", "nb", "nl", "pl", "pt", "pt-PT", "sr", "sv", "uk"]


def load(path: Path) -> list[tuple[str, str]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for name, space in SPACES.items():
            line = line.replace(name, space)
        source, expected = line.split(ARROW)
        cases.append((source, expected))
    return cases


CASE_LIST = [(path.stem, *case) for path in sorted(CASES.glob("*.txt")) for case in load(path)]
IDS = [f"{language}: {source}" for language, source, _ in CASE_LIST]


def test_every_named_language_has_cases() -> None:
    present = {path.stem for path in CASES.glob("*.txt")}
    assert present >= REQUIRED
    for language in present:
        assert len(load(CASES / f"{language}.txt")) >= 8, language


@pytest.mark.parametrize(("language", "source", "expected"), CASE_LIST, ids=IDS)
def test_case(language: str, source: str, expected: str) -> None:
    assert typeset_markup(source, language) == expected


@pytest.mark.parametrize(("language", "source", "expected"), CASE_LIST, ids=IDS)
def test_expected_output_is_a_fixed_point(language: str, source: str, expected: str) -> None:
    assert typeset_markup(expected, language) == expected


@pytest.mark.parametrize(("language", "source", "expected"), [c for c in CASE_LIST if "<" not in c[1]])
def test_plain_cases_as_one_string(language: str, source: str, expected: str) -> None:
    rules = rules_for(language)
    assert rules is not None
    assert rules([source]) == [expected]


# --- which rules and which marks -------------------------------------------------------


@pytest.mark.parametrize("language", [*sorted(REQUIRED), "pt-BR", "sr-Latn", "uk_UA", "EL"])
def test_languages_without_a_module_get_the_default_rules(language: str) -> None:
    assert isinstance(rules_for(language), DefaultRules)


@pytest.mark.parametrize(
    ("language", "module_rules"),
    [("en", english.typeset), ("fr", french.typeset), ("de-CH", german.typeset), ("es-419", spanish.typeset)],
)
def test_a_module_wins_over_the_default(language: str, module_rules: object) -> None:
    assert rules_for(language) is module_rules


@pytest.mark.parametrize(
    ("language", "dash"),
    [("is", "–"), ("pl", "–"), ("pt", "—"), ("ca", "—"), ("uk", "—"), ("el", "—"), ("sr-Latn", "–")],
)
def test_the_dash_follows_the_script_and_the_iberian_languages(language: str, dash: str) -> None:
    rules = default_rules(language)
    assert rules is not None
    assert rules(["a -- b"]) == [f"a {dash} b"]


@pytest.mark.parametrize(
    ("language", "marks"),
    [
        ("is", "„“‚‘"),
        ("et", "„“‚‘"),
        ("cs", "„“‚‘"),
        ("pl", "„”«»"),  # CLDR's pl sets no closing mark: root's ” is inherited
        ("sv", "””’’"),
        ("el", "«»“”"),
        ("uk", "«»„“"),
        ("pt", "“”‘’"),
        ("pt-PT", "«»“”"),
        ("pt-AO", "«»“”"),  # pt_AO's parent is pt_PT, not pt
        ("nb", "«»‘’"),  # nb's parent is no
        ("gsw", "«»‹›"),
        ("hu", "„”»«"),
    ],
)
def test_quote_marks_come_from_cldr(language: str, marks: str) -> None:
    pairs = quote_pairs(language)
    assert pairs == QuotePairs((marks[0], marks[1]), (marks[2], marks[3]))


@pytest.mark.parametrize("language", sorted(OVERRIDES))
def test_each_override_differs_from_cldr(language: str) -> None:
    cldr = DELIMITERS[language]
    override = OVERRIDES[language]
    assert (override.primary, override.alternate) != ((cldr[0], cldr[1]), (cldr[2], cldr[3]))


def test_the_modules_read_the_one_table() -> None:
    for module, language in ((english, "en"), (german, "de"), (spanish, "es"), (italian, "it")):
        pairs = quote_pairs(language)
        assert pairs is not None
        assert module._QUOTES.double == (pairs.primary,)
        assert module._QUOTES.single == pairs.alternate
    for module, language in ((french, "fr"), (russian, "ru")):
        pairs = quote_pairs(language)
        assert pairs is not None
        assert module._QUOTES.double == (pairs.primary, pairs.alternate)


@pytest.mark.parametrize("language", ["zh", "ja", "ko", "ar", "he", "hi", "ka", "hy", "sr-Arab", "und", "", "eng"])
def test_other_scripts_pass_through(language: str) -> None:
    assert rules_for(language) is None


# --- properties ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", PROPERTY_LANGUAGES)
@given(runs=many_run_lists)
def test_idempotent_on_runs(language: str, runs: list[str]) -> None:
    rules = rules_for(language)
    assert rules is not None
    once = rules(runs)
    assert rules(once) == once


@pytest.mark.parametrize("language", PROPERTY_LANGUAGES)
@given(runs=many_run_lists)
def test_every_letter_and_digit_stays_in_its_run(language: str, runs: list[str]) -> None:
    rules = rules_for(language)
    assert rules is not None
    result = rules(runs)
    assert len(result) == len(runs)
    assert [words(run) for run in result] == [words(run) for run in runs]


@pytest.mark.parametrize("language", PROPERTY_LANGUAGES)
@given(runs=many_run_lists)
def test_only_punctuation_and_spaces_change(language: str, runs: list[str]) -> None:
    rules = rules_for(language)
    assert rules is not None
    result = "".join(rules(runs))
    assert not any("\u2011" in run for run in result)
    for mark in "‘’“”„‚«»‹›–—…":
        assert result.count(mark) >= "".join(runs).count(mark)


@pytest.mark.parametrize("language", PROPERTY_LANGUAGES)
@given(st.lists(st.text(alphabet="‘’“”„‚«»–—… \n()[],;:!?aAбΩs019", max_size=24), max_size=6))
def test_text_without_keyboard_punctuation_is_unchanged(language: str, runs: list[str]) -> None:
    assume("  " not in "".join(runs))
    rules = rules_for(language)
    assert rules is not None
    assert rules(runs) == runs


@settings(max_examples=100)
@given(documents, st.sampled_from(PROPERTY_LANGUAGES))
def test_documents_are_idempotent_and_keep_every_word(document: Document, language: str) -> None:
    document = replace(document, metadata=replace(document.metadata, language=language))
    once = apply_typography(document)
    assert apply_typography(once) == once
    assert skeleton(once) == skeleton(document)
