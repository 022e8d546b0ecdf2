"""The cases in cases/<language>.txt, each run through a small Document in that language.

Cases are written in a tiny markup so that quotes crossing inline boundaries are tested
where they occur, in the tree, not only in flat strings. The no-break spaces a language
inserts are invisible, so a case file writes them as ``{nbsp}`` (U+00A0) and ``{nnbsp}``
(U+202F, narrow).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.model import (
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Strong,
    Text,
)
from publish.typography import RULES, apply_typography, rules_for

CASES = Path(__file__).parent / "cases"
ARROW = " → "
TAG = re.compile(r"(</?(?:i|b|a|note)>|<br>)")
SPACES = {"{nbsp}": "\u00a0", "{nnbsp}": "\u202f"}
MINIMUM = {"en": 25, "fr": 15}
"""Cases each file must hold at least; 8 for a language not named."""


def languages() -> list[str]:
    return sorted(path.stem for path in CASES.glob("*.txt"))


def load_cases(language: str) -> list[tuple[str, str]]:
    cases = []
    for line in (CASES / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for name, space in SPACES.items():
            line = line.replace(name, space)
        source, expected = line.split(ARROW)
        cases.append((source, expected))
    return cases


def parse(markup: str) -> tuple[Inline, ...]:
    tokens = iter(token for token in TAG.split(markup) if token)
    return _parse(tokens, closing=None)


def _parse(tokens: Iterator[str], closing: str | None) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for token in tokens:
        if token == closing:
            return tuple(out)
        if token == "<br>":
            out.append(LineBreak())
        elif token == "<i>":
            out.append(Emphasis(content=_parse(tokens, "</i>")))
        elif token == "<b>":
            out.append(Strong(content=_parse(tokens, "</b>")))
        elif token == "<a>":
            out.append(Link(content=_parse(tokens, "</a>"), target="#x"))
        elif token == "<note>":
            paragraph = Paragraph(content=_parse(tokens, "</note>"))
            out.append(Note(marker="1", kind=NoteKind.AUTHOR, blocks=(paragraph,)))
        else:
            out.append(Text(text=token))
    assert closing is None, f"unclosed {closing}"
    return tuple(out)


def render(content: tuple[Inline, ...]) -> str:
    return "".join(_render(node) for node in content)


def _render(node: Inline) -> str:
    match node:
        case Text():
            return node.text
        case LineBreak():
            return "<br>"
        case Emphasis():
            return f"<i>{render(node.content)}</i>"
        case Strong():
            return f"<b>{render(node.content)}</b>"
        case Link():
            return f"<a>{render(node.content)}</a>"
        case Note():
            paragraph = node.blocks[0]
            assert isinstance(paragraph, Paragraph)
            return f"<note>{render(paragraph.content)}</note>"
        case _:
            raise AssertionError(f"the case markup has no {node!r}")


def typeset_markup(markup: str, language: str) -> str:
    document = Document(
        metadata=Metadata(title="Case", language=language),
        body=(Paragraph(content=parse(markup)),),
    )
    paragraph = apply_typography(document).body[0]
    assert isinstance(paragraph, Paragraph)
    return render(paragraph.content)


CASE_LIST = [(language, *case) for language in languages() for case in load_cases(language)]
IDS = [f"{language}: {source}" for language, source, _ in CASE_LIST]


def test_every_language_with_rules_has_cases() -> None:
    assert languages() == sorted(RULES)


@pytest.mark.parametrize("language", languages())
def test_there_are_enough_cases(language: str) -> None:
    assert len(load_cases(language)) >= MINIMUM.get(language, 8)


@pytest.mark.parametrize(("language", "source", "expected"), CASE_LIST, ids=IDS)
def test_case(language: str, source: str, expected: str) -> None:
    assert typeset_markup(source, language) == expected


@pytest.mark.parametrize(("language", "source", "expected"), CASE_LIST, ids=IDS)
def test_expected_output_is_a_fixed_point(language: str, source: str, expected: str) -> None:
    assert typeset_markup(expected, language) == expected


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [case for case in CASE_LIST if "<" not in case[1]],
    ids=[id_ for id_, case in zip(IDS, CASE_LIST, strict=True) if "<" not in case[1]],
)
def test_plain_cases_as_one_string(language: str, source: str, expected: str) -> None:
    rules = rules_for(language)
    assert rules is not None
    assert rules([source]) == [expected]


def test_markup_round_trips() -> None:
    for _, source, _ in CASE_LIST:
        assert render(parse(source)) == source
