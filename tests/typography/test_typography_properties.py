"""Properties the pass must keep on any input: a fixed point in one step, and every word kept.

The English rules are checked on their own alphabet as before; every registered language,
English included, on an alphabet with every language's marks and fragments that its rules
act on (abbreviations, digit groups, guillemets, URLs), so that those rules fire often.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish.model import (
    Block,
    Break,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Metadata,
    Note,
    NoteKind,
    PageMarker,
    Paragraph,
    Quotation,
    Section,
    SmallCaps,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    Text,
    Verse,
)
from publish.typography import RULES, apply_typography
from publish.typography.english import typeset

ALPHABET = "\"'‘’“”«»-–—‑.…  \n\u00a0()[]{},;:!?/aAbsTtnme019"
texts = st.text(alphabet=ALPHABET, max_size=24)
run_lists = st.lists(texts, max_size=6)


def words(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


LANGUAGES = sorted(RULES)
MARKS = ALPHABET + "„‚‹›¿¡%§№:;!?\u202f\u2009\t*MpSzBhеИВгтXаё"
FRAGMENTS = (
    "M.", "Mme", "p.", "t.", "S.", "z. B.", "Dr.", "Sr.", "т.", "г.", "В.", "с.", "XX", "в.",
    "10", "000", "1 000", " 000", "25 %", "http://x.org/a?b=1", "10:30", "l'", "'n", "'68",
    "«", "»", "« ", " »", '"', "'", " - ", "--", "...", "\n- ", "\n", " ;", " :", "?!", "»!",
)  # fmt: skip
many_texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(alphabet=MARKS, max_size=4), max_size=8).map("".join)
many_run_lists = st.lists(many_texts, max_size=6)


@pytest.mark.parametrize("language", LANGUAGES)
@given(runs=many_run_lists)
def test_every_language_is_idempotent_on_runs(language: str, runs: list[str]) -> None:
    rules = RULES[language]
    once = rules(runs)
    assert rules(once) == once


@pytest.mark.parametrize("language", LANGUAGES)
@given(runs=many_run_lists)
def test_every_language_keeps_each_letter_and_digit_in_its_run(language: str, runs: list[str]) -> None:
    result = RULES[language](runs)
    assert len(result) == len(runs)
    assert [words(run) for run in result] == [words(run) for run in runs]


@pytest.mark.parametrize("language", LANGUAGES)
@given(runs=many_run_lists)
def test_no_language_produces_a_non_breaking_hyphen(language: str, runs: list[str]) -> None:
    assert not any("\u2011" in run for run in RULES[language](runs))


@pytest.mark.parametrize("language", LANGUAGES)
@given(runs=many_run_lists)
def test_no_language_removes_a_curly_mark(language: str, runs: list[str]) -> None:
    before, after = "".join(runs), "".join(RULES[language](runs))
    for mark in "‘’“”„‚«»–—…":
        assert after.count(mark) >= before.count(mark)


@given(run_lists)
def test_one_output_run_per_input_run(runs: list[str]) -> None:
    assert len(typeset(runs)) == len(runs)


@given(run_lists)
def test_idempotent_on_runs(runs: list[str]) -> None:
    once = typeset(runs)
    assert typeset(once) == once


@given(texts)
def test_idempotent_on_one_string(text: str) -> None:
    once = typeset([text])
    assert typeset(once) == once


@given(run_lists)
def test_every_letter_and_digit_stays_in_its_run(runs: list[str]) -> None:
    assert [words(run) for run in typeset(runs)] == [words(run) for run in runs]


@given(run_lists)
def test_never_produces_a_non_breaking_hyphen(runs: list[str]) -> None:
    assert not any("\u2011" in run for run in typeset(runs))


@given(run_lists)
def test_curly_quotes_already_there_are_kept(runs: list[str]) -> None:
    before, after = "".join(runs), "".join(typeset(runs))
    for mark in "‘’“”–—…":
        assert after.count(mark) >= before.count(mark)


@given(st.lists(st.text(alphabet="‘’“”«»–—…  \n()[],;:!?aAbs019", max_size=24), max_size=6))
def test_text_without_keyboard_punctuation_is_unchanged(runs: list[str]) -> None:
    assert typeset(runs) == runs


# --- documents -------------------------------------------------------------------------


def _inlines(children: st.SearchStrategy[Inline]) -> st.SearchStrategy[tuple[Inline, ...]]:
    return st.lists(children, max_size=3).map(tuple)


def _inline_strategy(blocks: st.SearchStrategy[Block]) -> st.SearchStrategy[Inline]:
    leaves: st.SearchStrategy[Inline] = st.one_of(
        st.builds(Text, text=texts | many_texts),
        st.just(LineBreak()),
        st.builds(PageMarker, page=st.just("21"), volume=st.none() | st.just("19")),
    )

    def extend(children: st.SearchStrategy[Inline]) -> st.SearchStrategy[Inline]:
        content = _inlines(children)
        return st.one_of(
            st.builds(Emphasis, content=content),
            st.builds(Strong, content=content),
            st.builds(SmallCaps, content=content),
            st.builds(Superscript, content=content),
            st.builds(Subscript, content=content),
            st.builds(Link, content=content, target=st.just("http://x.org/a--b's\"...")),
            st.builds(
                Note,
                marker=st.just("1"),
                kind=st.sampled_from(NoteKind),
                blocks=st.lists(blocks, max_size=2).map(tuple),
            ),
        )

    return st.recursive(leaves, extend, max_leaves=6)


def _block_strategy() -> st.SearchStrategy[Block]:
    blocks: st.SearchStrategy[Block] = st.deferred(lambda: strategy)
    inline = _inline_strategy(blocks)
    content = _inlines(inline)
    some_blocks = st.lists(blocks, max_size=2).map(tuple)
    cells = st.builds(TableCell, blocks=some_blocks, header=st.booleans())
    strategy: st.SearchStrategy[Block] = st.one_of(
        st.builds(Paragraph, content=content),
        st.builds(Break),
        st.builds(Heading, level=st.integers(1, 3), content=content, id=st.none() | st.just("h-'1'")),
        st.builds(Quotation, blocks=some_blocks),
        st.builds(Verse, stanzas=st.lists(st.lists(content, max_size=3).map(tuple), max_size=2).map(tuple)),
        st.builds(
            ListBlock,
            kind=st.sampled_from(ListKind),
            items=st.lists(st.builds(ListItem, blocks=some_blocks), max_size=2).map(tuple),
        ),
        st.builds(
            Table,
            rows=st.lists(st.lists(cells, max_size=2).map(tuple), max_size=2).map(tuple),
            caption=content,
        ),
        st.builds(Figure, source=st.just("img/a--b's.png"), alt=texts, caption=content),
        st.builds(Section, id=st.just("s-'1'"), title=content, blocks=some_blocks),
    )
    return blocks


documents = st.builds(
    Document,
    metadata=st.builds(
        Metadata,
        title=many_texts,
        language=st.sampled_from([*LANGUAGES, "en-GB", "EN-us", "fr-CA", "de-AT", "es_MX", "ru-RU"]),
        subtitle=st.none() | texts,
        authors=st.lists(texts, max_size=2).map(tuple),
        source=st.none() | texts,
        standfirst=st.none() | texts,
        credits=st.lists(texts, max_size=2).map(tuple),
    ),
    body=st.lists(_block_strategy(), max_size=3).map(tuple),
)


def skeleton(value: Any) -> Any:
    """The tree with every string cut down to its letters and digits: shape and words only."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(skeleton(getattr(value, f.name)) for f in fields(value)))
    if isinstance(value, tuple):
        return tuple(skeleton(item) for item in value)
    if isinstance(value, str):
        return words(value)
    return value


@settings(max_examples=200)
@given(documents)
def test_idempotent_on_documents(document: Document) -> None:
    once = apply_typography(document)
    assert apply_typography(once) == once


@settings(max_examples=200)
@given(documents)
def test_documents_keep_their_shape_and_every_word(document: Document) -> None:
    assert skeleton(apply_typography(document)) == skeleton(document)


@given(documents)
def test_languages_without_rules_pass_through(document: Document) -> None:
    for language in ("zh", "ja-JP", "ar", ""):
        other = replace(document, metadata=replace(document.metadata, language=language))
        assert apply_typography(other) == other
